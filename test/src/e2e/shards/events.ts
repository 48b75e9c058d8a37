import { seededRandom } from '@shadowfleet/models';
import { DuckDbEventStore, type IncomingEvent } from '@shadowfleet/exporter';

/** An event of the test site (all fields set). */
export type SiteEvent = IncomingEvent & { readonly sessionId: string; readonly dataType: string; readonly bytes: number };

const ACTIONS: ReadonlyArray<[string, number, number]> = [
  // action, weight, mean KiB
  ['home', 30, 20],
  ['search', 20, 8],
  ['product', 25, 40],
  ['cart', 8, 6],
  ['checkout', 4, 12],
  ['report', 3, 300],
  ['login', 6, 2],
  ['help', 4, 10],
];

/**
 * A site's last `hours` of sessions, the same for every run (seeded): `users` users with one to three
 * sessions each, up to a minute before `nowMs`, so that some sessions are still active.
 */
export function siteEvents(nowMs: number, users: number, hours: number, seed = 16): SiteEvent[] {
  const rnd = seededRandom(seed);
  const total = ACTIONS.reduce((s, a) => s + a[1], 0);
  const pick = (): [string, number, number] => {
    let r = rnd() * total;
    for (const a of ACTIONS) if ((r -= a[1]) < 0) return a;
    return ACTIONS[0];
  };
  const events: SiteEvent[] = [];
  const spanMs = hours * 3_600_000;
  for (let u = 0; u < users; u++) {
    const sessions = 1 + Math.floor(rnd() * 3);
    for (let s = 0; s < sessions; s++) {
      let t = nowMs - 60_000 - Math.floor(rnd() * spanMs);
      const n = 3 + Math.floor(rnd() * 12);
      for (let e = 0; e < n && t < nowMs - 60_000; e++) {
        const [action, , kib] = pick();
        events.push({ userId: `user-${u}`, sessionId: `user-${u}-s${s}`, timestamp: t, action, dataType: action === 'report' ? 'csv' : 'html', bytes: Math.round(kib * 1024 * (0.5 + rnd())) });
        t += 20_000 + Math.floor(rnd() * 70_000);
      }
    }
  }
  return events.sort((a, b) => a.timestamp - b.timestamp);
}

/** The event as POST /v1/events takes it. */
export const toWire = (e: SiteEvent): Record<string, unknown> => ({ user_id: e.userId, session_id: e.sessionId, timestamp: e.timestamp, action: e.action, data_type: e.dataType, bytes: e.bytes });

/**
 * Writes history into a stopped exporter's store file, as `shadowfleet import --data-dir` does: the
 * exporter's behaviour model then reads it in time order at its first refresh. (Posting history to a
 * running exporter folds the arrivals of every batch after its first refresh into the current minute.)
 */
export async function seedStore(file: string, events: readonly SiteEvent[]): Promise<void> {
  const store = await DuckDbEventStore.open({ path: file });
  try {
    await store.append(events);
  } finally {
    await store.close();
  }
}
