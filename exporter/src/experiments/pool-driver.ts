import { runtimeCommands } from '@shadowfleet/haproxy-runtime';

/**
 * Puts the first `serving` servers of an HAProxy backend in state `ready` and the others in `maint`,
 * through the runtime API (`set server BACKEND/SERVER state …`, all changes of a minute in one call).
 * Names are validated by the config schema (no spaces, `;` or newlines), so a line cannot carry
 * another command. The first call sets every server, whatever state it was in.
 */
export class PoolDriver {
  private readonly ready: Array<boolean | undefined>;

  constructor(
    private readonly socketPath: string,
    readonly backend: string,
    readonly servers: readonly string[],
  ) {
    this.ready = servers.map(() => undefined);
  }

  /** Applies a serving count (clamped to the servers configured); returns the servers now ready. */
  async apply(serving: number): Promise<number> {
    const k = Math.min(this.servers.length, Math.max(0, serving));
    const cmds: string[] = [];
    this.servers.forEach((server, i) => {
      const want = i < k;
      if (want !== this.ready[i]) cmds.push(`set server ${this.backend}/${server} state ${want ? 'ready' : 'maint'}`);
    });
    if (cmds.length > 0) {
      const answer = (await runtimeCommands(this.socketPath, cmds)).trim();
      if (answer !== '') throw new Error(`HAProxy refused "${cmds.join(';').slice(0, 200)}": ${answer.slice(0, 300)} (the runtime socket needs "level admin")`);
      this.servers.forEach((_, i) => (this.ready[i] = i < k));
    }
    return k;
  }
}
