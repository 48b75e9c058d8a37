/** The signals on which a command that starts processes stops them and exits: Ctrl-C, `kill`, a closed terminal. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * For commands that start child processes (`stack`, its demo, `replay`): an AbortSignal that aborts on
 * a stop signal, or when stdout or stderr can no longer be written (EPIPE: whoever read them — a bench
 * runner, a pipe — is gone). The command then stops what it started in its own `finally`.
 *
 * Without the stream listeners, the first progress line written to a broken pipe threw from an 'error'
 * event and killed the process before its clean-up ran: every child survived (docs/replay.md#stopping).
 * A second stop signal is not caught: it ends the process at once, and the children, tied to it
 * (stack/children.ts), get SIGTERM from the kernel.
 */
export function interruption(what: string, onStop: (why: string) => void = () => undefined): AbortSignal {
  const controller = new AbortController();
  const stop = (why: string): void => {
    if (controller.signal.aborted) return;
    onStop(why);
    controller.abort(new Error(`${what} was interrupted (${why})`));
  };
  for (const signal of STOP_SIGNALS) process.once(signal, () => stop(`signal ${signal}`));
  for (const [name, stream] of [['stdout', process.stdout], ['stderr', process.stderr]] as const) {
    // Kept for the life of the process: later writes to the broken stream must not throw either.
    stream.on('error', (err: NodeJS.ErrnoException) => stop(`${name} closed: ${err.code ?? err.message}`));
  }
  return controller.signal;
}
