import net from 'node:net';

/** How long one runtime API call may take before it is abandoned. */
export const RUNTIME_TIMEOUT_MS = 5_000;

/** HAProxy object names as we allow them in config and commands: no spaces, no `;` (a command separator). */
export const HAPROXY_NAME = /^[A-Za-z0-9_.:-]{1,64}$/;

export interface RuntimeCommandOptions {
  /** Abandons the call (the socket is closed and the promise rejects). */
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

/** A command may not carry a newline (it would end the line) or a `;` (it would start another command). */
function assertOneCommand(command: string): void {
  if (/[\n\r;]/.test(command)) throw new Error(`refusing an HAProxy runtime command with a newline or ';': ${JSON.stringify(command.slice(0, 120))}`);
}

/**
 * One command over HAProxy's runtime API (the `stats socket` UNIX path) in non-interactive mode: writes
 * the line, reads until HAProxy closes the connection. Talks to the socket directly: no shell, no socat.
 * A newline or `;` in `command` is refused; send several commands with `runtimeCommands`.
 */
export function runtimeCommand(socketPath: string, command: string, options: RuntimeCommandOptions = {}): Promise<string> {
  try {
    assertOneCommand(command);
  } catch (err) {
    return Promise.reject(err);
  }
  return send(socketPath, command, options);
}

/**
 * Several commands on one line, separated by `;` (HAProxy runs them in order and answers once). Each
 * command is checked as in `runtimeCommand`, so the list is exactly the commands the caller named.
 */
export function runtimeCommands(socketPath: string, commands: readonly string[], options: RuntimeCommandOptions = {}): Promise<string> {
  try {
    if (commands.length === 0) throw new Error('runtimeCommands needs at least one command');
    commands.forEach(assertOneCommand);
  } catch (err) {
    return Promise.reject(err);
  }
  return send(socketPath, commands.join(';'), options);
}

/**
 * HAProxy reads a command and its payload into one buffer of `tune.bufsize` bytes (16384 by default,
 * management guide "Unix Socket commands"); a longer request is cut. Requests are kept under this.
 */
export const CLI_BUFFER_BYTES = 16_384;

/**
 * One command with a payload (`add map @1 FILE <<`, then one payload line each, then an empty line).
 * The command is checked as in `runtimeCommand`; a payload line may not be empty (it would end the
 * payload) nor carry a newline, a carriage return or a `;`. The whole request must fit HAProxy's CLI
 * buffer (`CLI_BUFFER_BYTES`): split larger payloads into several calls.
 */
export function runtimeCommandWithPayload(socketPath: string, command: string, payload: readonly string[], options: RuntimeCommandOptions = {}): Promise<string> {
  try {
    assertOneCommand(command);
    if (payload.length === 0) throw new Error('runtimeCommandWithPayload needs at least one payload line');
    for (const line of payload) {
      if (line.trim() === '') throw new Error('refusing an empty HAProxy payload line (it would end the payload)');
      assertOneCommand(line);
    }
  } catch (err) {
    return Promise.reject(err);
  }
  const request = `${command} <<\n${payload.join('\n')}\n`;
  const bytes = Buffer.byteLength(request) + 1;
  if (bytes > CLI_BUFFER_BYTES) return Promise.reject(new Error(`HAProxy runtime request of ${bytes} bytes exceeds the CLI buffer (${CLI_BUFFER_BYTES}); send fewer payload lines per call`));
  return send(socketPath, request, options);
}

function send(socketPath: string, line: string, { signal, timeoutMs = RUNTIME_TIMEOUT_MS }: RuntimeCommandOptions): Promise<string> {
  const what = line.length > 80 ? `${line.slice(0, 77)}...` : line;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error(`HAProxy runtime API command "${what}" aborted`));
    const socket = net.createConnection({ path: socketPath });
    const chunks: Buffer[] = [];
    let failed = false;
    const fail = (err: Error) => {
      failed = true;
      socket.destroy();
      reject(err);
    };
    const onAbort = () => fail(new Error(`HAProxy runtime API command "${what}" aborted`));
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.setTimeout(timeoutMs, () => fail(new Error(`HAProxy runtime API at ${socketPath} did not answer "${what}" within ${timeoutMs} ms`)));
    socket.on('connect', () => socket.end(`${line}\n`));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', (err) => fail(new Error(`cannot reach HAProxy runtime API at ${socketPath}: ${err.message}`)));
    socket.on('close', () => {
      signal?.removeEventListener('abort', onAbort);
      if (!failed) resolve(Buffer.concat(chunks).toString('utf8'));
    });
  });
}
