/**
 * What a person running a command sees while it works: one line per step on stderr, `HH:MM:SS topic: message`
 * (UTC), the same for every command (`evaluate`, `experiment live`, `replay`, `stack` and its demo) and for the
 * output of the processes they start (`14:02:11 prometheus: …`). Results go to stdout (printResult), so
 * `--json` output can be piped. Services log structured lines with pino instead (logger.ts). docs/cli.md.
 */
export interface Progress {
  /** One line of progress. A Progress is a plain `(line) => void` too, for code that only reports. */
  (message: string): void;
  /** Something to act on (a missing binary, a minute running late): `topic: warning: message`. */
  warn(message: string): void;
  /** The reporter of one part of the run (a child process, the host agent): its lines carry that topic. */
  topic(name: string): Progress;
}

export interface ProgressOptions {
  /** Where lines go (default: process.stderr). */
  readonly write?: (text: string) => void;
  readonly now?: () => number;
  /** Only these topics are shown (default: all). */
  readonly only?: readonly string[];
}

const clock = (ms: number): string => new Date(ms).toISOString().slice(11, 19);

/** The progress of a command run from a terminal: lines on stderr under `topic`. */
export function stderrProgress(topic: string, options: ProgressOptions = {}): Progress {
  const write = options.write ?? ((text: string) => void process.stderr.write(text));
  const now = options.now ?? Date.now;
  const make = (name: string): Progress => {
    const shown = options.only === undefined || options.only.includes(name);
    const line = (message: string): void => void (shown && write(`${clock(now())} ${name}: ${message}\n`));
    return Object.assign(line, { warn: (message: string) => line(`warning: ${message}`), topic: make });
  };
  return make(topic);
}

/** Progress nobody sees (tests, library callers without a terminal). */
export const silentProgress: Progress = Object.assign(() => undefined, { warn: () => undefined, topic: () => silentProgress });

/** A command's result on stdout: with --json one JSON line (of `toJson(value)`, default the value), else the text. */
export function printResult<T>(json: boolean | undefined, value: T, text: (value: T) => string, toJson: (value: T) => unknown = (v) => v): void {
  const out = json ? JSON.stringify(toJson(value)) : text(value);
  process.stdout.write(out.endsWith('\n') ? out : `${out}\n`);
}
