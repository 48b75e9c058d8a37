import { PROFILE_HEADER } from '../../feedback/haproxy-log';
import { haproxyUserFetch, type UserIdentity } from '../../identity/user-identity';
import { actionOf, type ActionRules } from '../../importers/action-rules';
import { urlToDataType } from '../../importers/url-action';
import type { DropReason } from '../source-metrics';

/**
 * haproxy.cfg lines for a frontend that make one log line per request carry both the KPIs (the
 * `shadowfleet_kpi` fields feedback/haproxy-log.ts reads) and a behaviour event: the accept time in
 * epoch ms (%Ts%ms), client address (%ci), method (%HM), response bytes (%B), the user (captured as
 * SHADOWFLEET_USER_IDENTITY says, the key the priority map uses too; quoted and escaped) and the path
 * without query (%HPO). Capture slot 0 is the profile header, slot 1 the user.
 */
export function haproxyFrontendLines(identity: UserIdentity): string[] {
  return [
    `capture request header ${PROFILE_HEADER} len 64`,
    `http-request capture ${haproxyUserFetch(identity)} len 128`,
    'log-format "shadowfleet_kpi profile=%[capture.req.hdr(0)] status=%ST ta_ms=%Ta backend=%b ts_ms=%Ts%ms src=%ci method=%HM bytes=%B user=%{+Q,+E}[capture.req.hdr(1)] path=%{+Q,+E}HPO"',
  ];
}

/** `key=value` or `key="quoted \" value"` after the `shadowfleet_kpi` marker. */
const FIELD = /([a-z_]+)=("(?:[^"\\]|\\.)*"|\S*)/g;

/** The fields of one log line, unquoted; undefined for a line without the marker. */
export function lineFields(message: string): Map<string, string> | undefined {
  const at = message.indexOf('shadowfleet_kpi ');
  if (at < 0) return undefined;
  const fields = new Map<string, string>();
  for (const m of message.slice(at + 16).matchAll(FIELD)) {
    const raw = m[2]!;
    fields.set(m[1]!, raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw);
  }
  return fields;
}

export interface LineOptions {
  readonly rules: ActionRules;
  /** Use the client address when the line carries no user. */
  readonly userFromSource: boolean;
}

const present = (v: string | undefined): v is string => v !== undefined && v !== '' && v !== '-';

/**
 * A log line → a wire event (validated afterwards with the /v1/events schema), a drop with its reason,
 * or undefined for a line that is not an event line (KPI-only format, other HAProxy messages).
 */
export function eventFromLine(message: string, o: LineOptions): { readonly wire: Record<string, string | number | boolean> } | { readonly drop: DropReason } | undefined {
  const f = lineFields(message);
  if (!f || !f.has('path')) return undefined;
  const status = Number(f.get('status'));
  if (!(status >= 0)) return { drop: 'aborted' };
  const user = present(f.get('user')) ? f.get('user')! : o.userFromSource && present(f.get('src')) ? f.get('src')! : undefined;
  if (user === undefined) return { drop: 'no_user' };
  const path = f.get('path');
  if (!present(path) || !path.startsWith('/')) return { drop: 'no_action' };
  const method = f.get('method');
  const wire: Record<string, string | number | boolean> = {
    user_id: user,
    timestamp: Number(f.get('ts_ms')),
    action: actionOf(path, o.rules, method),
    data_type: urlToDataType(path),
    status,
    error: status >= 400,
  };
  const ta = Number(f.get('ta_ms'));
  if (ta >= 0) wire.duration_ms = ta;
  const bytes = Number(f.get('bytes'));
  if (bytes >= 0) wire.bytes = bytes;
  const backend = f.get('backend');
  // %b: the backend that took the request (the frontend's own name when none did, e.g. a deny).
  if (present(backend)) wire.backend = backend;
  return { wire };
}
