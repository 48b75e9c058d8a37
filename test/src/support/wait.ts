/** How often readiness checks poll, and the default deadline for a server to become ready. */
export const POLL_INTERVAL_MS = 100;
export const DEFAULT_READY_TIMEOUT_MS = 30_000;

export interface WaitOptions {
  /** What is awaited, for the timeout message ("Prometheus target exporter up"). */
  readonly what: string;
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
  /** Called between attempts; throwing aborts the wait (e.g. the process exited). */
  readonly abortIf?: () => void;
}

const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Polls `probe` until it returns a value other than undefined/false, or the deadline passes. Errors thrown
 * by the probe count as "not yet" (servers refuse connections while they start); the last one is reported.
 */
export async function waitFor<T>(probe: () => Promise<T | undefined | false>, opts: WaitOptions): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    opts.abortIf?.();
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${opts.what}${why}`);
    }
    await delay(opts.intervalMs ?? POLL_INTERVAL_MS);
  }
}

/** GET a URL and parse JSON; throws with the status and body on a non-2xx answer. */
export async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  const text = await res.text();
  if (!res.ok) throw new Error(`GET ${url} → ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}
