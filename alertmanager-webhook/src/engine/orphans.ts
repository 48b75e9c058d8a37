import { readdirSync, readFileSync } from 'node:fs';
import { INTENT_ENV } from '../drivers/driver';
import type { ApplyingRecord } from '../intents/records';

/** Between checks while waiting for an orphaned apply to finish. */
export const ORPHAN_POLL_MS = 100;
/** After SIGTERM to an orphan's process group, how long before SIGKILL. */
export const ORPHAN_TERM_GRACE_MS = 2000;

export interface OrphanDeps {
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

/** What settling an intent's leftover apply found and did. */
export interface OrphanSettlement {
  /** Process groups of programs still running for the intent when settling began. */
  readonly found: readonly number[];
  /** True when they outlived the deadline and were stopped (their effect on the pool is unknown). */
  readonly stopped: boolean;
}

const PROC = '/proc';

function procAvailable(): boolean {
  try {
    readdirSync(PROC);
    return true;
  } catch {
    return false;
  }
}

/** Process group and state of a live process, or undefined (gone, or a zombie: it no longer acts). */
function procStat(pid: number): { pgid: number } | undefined {
  try {
    const stat = readFileSync(`${PROC}/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z' || fields[0] === 'X') return undefined;
    return { pgid: Number(fields[2]) };
  } catch {
    return undefined;
  }
}

/** True while `pid` runs (a zombie no longer does). Linux: /proc; elsewhere a signal-0 probe. */
export function isRunning(pid: number): boolean {
  if (procAvailable()) return procStat(pid) !== undefined;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function carriesMarker(pid: number, marker: string): boolean {
  try {
    return readFileSync(`${PROC}/${pid}/environ`, 'latin1').split('\0').includes(marker);
  } catch {
    return false;
  }
}

/**
 * Process groups still running on behalf of an intent: every live process whose environment carries
 * `SHADOWFLEET_INTENT=<id>` (which also proves a recorded group id was not reused by something else).
 * Without /proc (not Linux), the recorded group is trusted if it still exists.
 */
export function runningGroups(intentId: string, recordedPgid?: number): number[] {
  if (!procAvailable()) return recordedPgid !== undefined && groupAlive(recordedPgid) ? [recordedPgid] : [];
  const marker = `${INTENT_ENV}=${intentId}`;
  const groups = new Set<number>();
  for (const entry of readdirSync(PROC)) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid) continue;
    const stat = procStat(pid);
    if (stat && carriesMarker(pid, marker)) groups.add(stat.pgid);
  }
  return [...groups];
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone
  }
}

/**
 * Waits for programs still running for an intent (after a crash of the webhook that started them) to
 * finish, until the deadline recorded when the apply began; past it, stops them (SIGTERM to the
 * process group, SIGKILL after a grace). Only then may the pool be observed and the intent settled:
 * otherwise a re-apply would run concurrently with the orphan, and the pool would move twice.
 */
export async function settleOrphans(intentId: string, applying: Pick<ApplyingRecord, 'deadline' | 'pgid'>, deps: OrphanDeps): Promise<OrphanSettlement> {
  const found = runningGroups(intentId, applying.pgid);
  if (found.length === 0) return { found, stopped: false };
  const running = () => runningGroups(intentId, applying.pgid);
  while (deps.now() < applying.deadline) {
    if (running().length === 0) return { found, stopped: false };
    await deps.sleep(ORPHAN_POLL_MS);
  }
  await stopGroups(running, deps);
  return { found, stopped: true };
}

/** SIGTERM, a grace period, then SIGKILL, until no process of the groups `running` returns is left. */
export async function stopGroups(running: () => number[], deps: OrphanDeps): Promise<boolean> {
  let groups = running();
  if (groups.length === 0) return false;
  for (const g of groups) signalGroup(g, 'SIGTERM');
  const graceEnd = deps.now() + ORPHAN_TERM_GRACE_MS;
  while ((groups = running()).length > 0 && deps.now() < graceEnd) await deps.sleep(ORPHAN_POLL_MS);
  for (const g of groups) signalGroup(g, 'SIGKILL');
  for (let i = 0; i < 50 && running().length > 0; i++) await deps.sleep(ORPHAN_POLL_MS);
  return true;
}

export const realOrphanDeps: OrphanDeps = { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };
