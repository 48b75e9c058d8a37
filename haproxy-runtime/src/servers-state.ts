/**
 * srv_admin_state bits, as HAProxy 2.6 defines them (include/haproxy/server-t.h, `enum srv_admin`):
 * FMAINT 0x01 forced maintenance, IMAINT 0x02 inherited from a tracked server, CMAINT 0x04 set by the
 * configuration (`disabled`, always together with FMAINT), FDRAIN 0x08, IDRAIN 0x10, RMAINT 0x20 address
 * resolution failed. HAProxy's own maintenance mask is FMAINT|IMAINT|RMAINT (0x23), its drain mask
 * FDRAIN|IDRAIN (0x18); a server in maintenance is not draining, whatever its drain bits say.
 */
export const ADMIN_MAINT_MASK = 0x23;
export const ADMIN_DRAIN_MASK = 0x18;
/** srv_op_state: 0 stopped, 1 starting, 2 running, 3 stopping. */
export const OP_RUNNING = 2;

/** One row of `show servers state`: the operational and administrative state of one server. */
export interface ServerState {
  readonly name: string;
  /** srv_op_state: 0 stopped, 1 starting, 2 running, 3 stopping. */
  readonly opState: number;
  /** srv_admin_state bit field (see ADMIN_MAINT_MASK). */
  readonly adminState: number;
  /** Any maintenance bit is set (forced, inherited or resolution): the server receives no traffic. */
  readonly inMaintenance: boolean;
}

export const isMaint = (s: ServerState): boolean => s.inMaintenance;
export const isDraining = (s: ServerState): boolean => !s.inMaintenance && (s.adminState & ADMIN_DRAIN_MASK) !== 0;
export const isServing = (s: ServerState): boolean => !s.inMaintenance && !isDraining(s) && s.opState === OP_RUNNING;

/**
 * Parses `show servers state [BACKEND]` (format version 1) by its `# be_id be_name ...` header line;
 * with `backend`, keeps that backend's servers only. HAProxy's error answers (no header) are thrown.
 */
export function parseServersState(text: string, backend?: string): ServerState[] {
  const lines = text.split('\n').map((l) => l.trim());
  const header = lines.find((l) => l.startsWith('# be_id'));
  if (!header) throw new Error(`HAProxy answered "${lines.join(' ').trim().slice(0, 200)}" to show servers state${backend ? ` ${backend}` : ''}`);
  const cols = header.slice(2).split(' ');
  const at = (name: string): number => {
    const i = cols.indexOf(name);
    if (i < 0) throw new Error(`show servers state has no ${name} column`);
    return i;
  };
  const [beName, srvName, op, admin] = [at('be_name'), at('srv_name'), at('srv_op_state'), at('srv_admin_state')];
  return lines
    .filter((l) => l !== '' && !l.startsWith('#') && !/^\d+$/.test(l))
    .map((l) => l.split(/\s+/))
    .filter((f) => backend === undefined || f[beName] === backend)
    .map((f) => {
      const adminState = Number(f[admin]);
      return { name: f[srvName]!, opState: Number(f[op]), adminState, inMaintenance: (adminState & ADMIN_MAINT_MASK) !== 0 };
    });
}
