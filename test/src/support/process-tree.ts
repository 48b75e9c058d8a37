import { readdirSync, readFileSync } from 'node:fs';

/**
 * A process as Linux /proc shows it, identified by pid and start time (so a pid the kernel reused for a
 * new process is not taken for the old one).
 */
export interface ProcessId {
  readonly pid: number;
  /** Start time in clock ticks since boot (/proc/PID/stat field 22). */
  readonly start: string;
  readonly command: string;
}

/** Fields of /proc/PID/stat after the command name (which may hold spaces and parentheses), or undefined when gone. */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

function identify(pid: number): ProcessId | undefined {
  const fields = statFields(pid);
  if (!fields) return undefined;
  let command = '';
  try {
    command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    // exited in between
  }
  // Field 22 of stat is the start time; fields[0] is field 3 (the state).
  return { pid, start: fields[19], command };
}

function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) => readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number));
  } catch {
    return [];
  }
}

/** Every process below `pid` (children, their children, …), now. */
export function descendants(pid: number): ProcessId[] {
  const found: ProcessId[] = [];
  const queue = childrenOf(pid);
  while (queue.length > 0) {
    const p = queue.shift()!;
    const id = identify(p);
    if (!id) continue;
    found.push(id);
    queue.push(...childrenOf(p));
  }
  return found;
}

/** Those of `ids` still running: the same pid with the same start time, not a zombie. */
export function stillRunning(ids: readonly ProcessId[]): ProcessId[] {
  return ids.filter((id) => {
    const fields = statFields(id.pid);
    return fields !== undefined && fields[19] === id.start && fields[0] !== 'Z';
  });
}
