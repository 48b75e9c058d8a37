import { CLI_BUFFER_BYTES, runtimeCommand, runtimeCommandWithPayload, type RuntimeCommandOptions } from './command';

/**
 * A map key or value as HAProxy's map files and the runtime API's payload take them: one "word" (no
 * space or tab: the first word of a line is the key), no `;` (a command separator), no control
 * characters, not starting with `#` (a comment line in the file), at most 256 characters.
 */
export const MAP_WORD = /^(?!#)[^\s;\p{Cc}]{1,256}$/u;

/** One map entry as `show map` lists it. */
export interface MapEntry {
  readonly key: string;
  readonly value: string;
}

/** What `replaceMap` did. */
export interface MapReplacement {
  /** The version `prepare map` allocated and `commit map` made current. */
  readonly version: number;
  readonly entries: number;
  /** `add map` calls (payload chunks) it took. */
  readonly calls: number;
}

/** HAProxy answers map writes with nothing (or a blank line) on success and a sentence on failure. */
function assertEmptyAnswer(command: string, answer: string): void {
  if (answer.trim() !== '') throw new Error(`HAProxy refused "${command}": ${answer.trim()}`);
}

function assertMapName(map: string): void {
  if (!/^[^\s;\p{Cc}]{1,1024}$/u.test(map)) throw new Error(`not an HAProxy map name (a file path or #<id>, no spaces or ';'): ${JSON.stringify(map.slice(0, 120))}`);
}

/** Parses `show map <map>`: one `<address> <key> <value>` line per entry. */
export function parseShowMap(text: string): MapEntry[] {
  const out: MapEntry[] = [];
  for (const line of text.split('\n')) {
    const m = /^0x[0-9a-f]+ (\S+) (.*)$/.exec(line.trimEnd());
    if (m) out.push({ key: m[1], value: m[2] });
  }
  return out;
}

/** The entries HAProxy holds (matches against) for `map`, a file path as in the configuration or `#<id>`. */
export async function showMap(socketPath: string, map: string, options: RuntimeCommandOptions = {}): Promise<MapEntry[]> {
  assertMapName(map);
  const answer = await runtimeCommand(socketPath, `show map ${map}`, options);
  if (/^Unknown map identifier/m.test(answer)) throw new Error(`HAProxy has no map ${map}: ${answer.trim()}`);
  return parseShowMap(answer);
}

/** Splits payload lines into chunks whose request fits HAProxy's CLI buffer. */
function chunks(command: string, lines: readonly string[]): string[][] {
  const budget = CLI_BUFFER_BYTES - Buffer.byteLength(`${command} <<\n`) - 2;
  const out: string[][] = [];
  let current: string[] = [];
  let used = 0;
  for (const line of lines) {
    const size = Buffer.byteLength(line) + 1;
    if (current.length > 0 && used + size > budget) {
      out.push(current);
      current = [];
      used = 0;
    }
    current.push(line);
    used += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/**
 * Replaces every entry of `map` atomically (management guide: `prepare map`, `add map @<ver>` with
 * payloads, `commit map @<ver>`): requests keep matching the old entries until the commit, then match
 * only the new ones. Keys and values must match `MAP_WORD` (checked before anything is sent). An empty
 * list commits an empty map. Needs a stats socket of level operator or admin.
 */
export async function replaceMap(socketPath: string, map: string, entries: Iterable<readonly [string, string]>, options: RuntimeCommandOptions = {}): Promise<MapReplacement> {
  assertMapName(map);
  const lines: string[] = [];
  for (const [key, value] of entries) {
    if (!MAP_WORD.test(key)) throw new Error(`map key ${JSON.stringify(key.slice(0, 80))} is not one word (no spaces, ';', control characters or leading '#', 1–256 characters)`);
    if (!MAP_WORD.test(value)) throw new Error(`map value ${JSON.stringify(value.slice(0, 80))} for key ${key} is not one word`);
    lines.push(`${key} ${value}`);
  }
  const prepared = await runtimeCommand(socketPath, `prepare map ${map}`, options);
  const m = /New version created: (\d+)/.exec(prepared);
  if (!m) throw new Error(`HAProxy refused "prepare map ${map}": ${prepared.trim()}`);
  const version = Number(m[1]);
  const add = `add map @${version} ${map}`;
  const parts = chunks(add, lines);
  for (const part of parts) assertEmptyAnswer(add, await runtimeCommandWithPayload(socketPath, add, part, options));
  const commit = `commit map @${version} ${map}`;
  assertEmptyAnswer(commit, await runtimeCommand(socketPath, commit, options));
  return { version, entries: lines.length, calls: parts.length };
}
