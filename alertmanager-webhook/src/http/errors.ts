/**
 * Every error the webhook answers with, in one catalogue. Alertmanager retries 5xx and gives up on
 * 4xx, so only conditions that may pass (shutdown, full queue, an unwritable intent log) are 5xx.
 */
export const httpErrors = {
  unauthorized: { status: 401, meaning: 'missing or wrong credentials (bearer token or basic auth)' },
  not_found: { status: 404, meaning: 'no such route' },
  payload_too_large: { status: 413, meaning: 'the body exceeds bodyLimitBytes' },
  unsupported_media_type: { status: 415, meaning: 'the body is not application/json' },
  unsupported_charset: { status: 415, meaning: 'the Content-Type names a charset other than UTF-8' },
  invalid_json: { status: 400, meaning: 'the body is not valid JSON' },
  invalid_encoding: { status: 400, meaning: 'the body is not valid UTF-8, or a \\u escape is a lone surrogate (the message names the byte offset)' },
  too_deep: { status: 400, meaning: 'arrays and objects nest deeper than 64 levels (checked before parsing)' },
  invalid_payload: { status: 400, meaning: 'the JSON is not an Alertmanager webhook payload version 4' },
  invalid_query: { status: 400, meaning: 'a query parameter of GET /v1/intents is not valid (the answer names each)' },
  too_many_alerts: { status: 400, meaning: 'more alerts in one notification than maxAlertsPerRequest' },
  retry_later: { status: 503, meaning: 'shutting down, queue full or intent log unwritable; Alertmanager retries' },
  internal: { status: 500, meaning: 'an unexpected error; Alertmanager retries' },
} as const;

export type HttpErrorCode = keyof typeof httpErrors;

export class HttpError extends Error {
  constructor(
    readonly code: HttpErrorCode,
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }

  get status(): number {
    return httpErrors[this.code].status;
  }

  toJSON(): { error: HttpErrorCode; message: string; details?: readonly string[] } {
    return { error: this.code, message: this.message, ...(this.details.length > 0 ? { details: this.details } : {}) };
  }
}
