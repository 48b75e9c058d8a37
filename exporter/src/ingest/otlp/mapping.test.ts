import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_ACTION_RULES } from '../../importers/action-rules';
import { repoRoot } from '../../paths';
import { ATTRIBUTE_MAP, mapLogsRequest } from './mapping';
import type { KeyValue, LogRecord } from './proto';

const RECEIVED = Date.parse('2024-06-01T00:00:00Z');
const kv = (key: string, value: string | number | boolean): KeyValue => ({
  key,
  value: typeof value === 'string' ? { stringValue: value } : typeof value === 'boolean' ? { boolValue: value } : Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value },
});
const one = (record: LogRecord, resource: KeyValue[] = []) => mapLogsRequest({ resourceLogs: [{ resource: { attributes: resource }, scopeLogs: [{ logRecords: [record] }] }] }, RECEIVED, DEFAULT_ACTION_RULES);

describe('OTLP log record → event', () => {
  it.each([
    ['time_unix_nano in ms', { timeUnixNano: '1714564800123456789', attributes: [kv('user.id', 'u'), kv('url.path', '/a')] }, { timestamp: 1714564800123 }],
    ['observed time when time is 0', { timeUnixNano: '0', observedTimeUnixNano: '1714564800000000000', attributes: [kv('user.id', 'u'), kv('url.path', '/a')] }, { timestamp: 1714564800000 }],
    ['arrival time when both are absent', { attributes: [kv('user.id', 'u'), kv('url.path', '/a')] }, { timestamp: RECEIVED }],
    ['a numeric user id as text', { attributes: [kv('enduser.id', 42), kv('url.path', '/a')] }, { user_id: '42' }],
    ['a route, not lower-cased data type', { attributes: [kv('user.id', 'u'), kv('http.route', '/Users/{id}/Orders')] }, { action: '/users/{id}', data_type: undefined }],
    ['seconds of http.server.request.duration', { attributes: [kv('user.id', 'u'), kv('shadowfleet.feature', 'search'), kv('http.server.request.duration', 0.25)] }, { action: 'search', duration_ms: 250 }],
    ['the backend that served it', { attributes: [kv('user.id', 'u'), kv('url.path', '/search/q'), kv('shadowfleet.backend', 'search')] }, { action: '/search/q', backend: 'search' }],
    ['error.type means an error', { attributes: [kv('user.id', 'u'), kv('url.path', '/a'), kv('http.response.status_code', 200), kv('error.type', 'timeout')] }, { status: 200, error: true }],
  ])('%s', (_name, record, expected) => {
    const r = one(record);
    expect(r.dropped).toEqual([]);
    expect(r.records[0]!.wire).toMatchObject(Object.fromEntries(Object.entries(expected).filter(([, v]) => v !== undefined)));
    for (const [k, v] of Object.entries(expected)) if (v === undefined) expect(r.records[0]!.wire).not.toHaveProperty(k);
  });

  it('takes attributes from the resource when the record has none, the record first', () => {
    const r = one({ attributes: [kv('url.path', '/b'), kv('user.id', 'record-user')] }, [kv('user.id', 'resource-user'), kv('session.id', 's9')]);
    expect(r.records[0]!.wire).toMatchObject({ user_id: 'record-user', session_id: 's9' });
    expect(r.records[0]!.origin).toMatchObject({ user_id: 'user.id', session_id: 'session.id', action: 'url.path' });
  });

  it('drops a record without a user or an action, saying which attributes it needs', () => {
    expect(one({ attributes: [kv('url.path', '/a')] }).dropped).toEqual([{ at: 'resourceLogs[0].scopeLogs[0].logRecords[0]', reason: 'no_user', problem: 'needs a user.id or enduser.id attribute' }]);
    expect(one({ attributes: [kv('user.id', 'u')] }).dropped[0]).toMatchObject({ reason: 'no_action', problem: 'needs one of shadowfleet.action, shadowfleet.feature, http.route, url.path, url.full (a string)' });
  });

  it('is the table docs/ingest-sources.md shows', () => {
    const doc = readFileSync(path.join(repoRoot, 'docs', 'ingest-sources.md'), 'utf8');
    const section = doc.slice(doc.indexOf('### Attribute mapping'), doc.indexOf('### Answers'));
    const rows = [...section.matchAll(/^\| `([a-z_]+)` \| ([^|]+) \|/gm)].map((m) => [m[1], [...m[2]!.matchAll(/`([^`]+)`/g)].map((a) => a[1])]);
    expect(Object.fromEntries(rows)).toEqual(ATTRIBUTE_MAP);
  });
});
