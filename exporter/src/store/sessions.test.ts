import { SessionCutter } from './sessions';

const MIN = 60_000;
const ev = (userId: string, minute: number, sessionId?: string) => ({ userId, timestamp: minute * MIN, sessionId });

describe('SessionCutter', () => {
  it('starts a new session after more than 30 minutes of inactivity, per user', () => {
    const cut = new SessionCutter(30 * MIN);
    const plan = cut.plan([ev('a', 0), ev('a', 10), ev('b', 11), ev('a', 40), ev('a', 71), ev('b', 12)]);
    expect(plan.sessionIds).toEqual([
      `auto-0`,
      `auto-0`,
      `auto-${11 * MIN}`,
      `auto-0`, // 30 minutes after the last event: still the same session
      `auto-${71 * MIN}`, // 31 minutes: a new one
      `auto-${11 * MIN}`,
    ]);
  });

  it('cuts the same way whether events come in one batch or several', () => {
    const events = [ev('u', 0), ev('u', 20), ev('u', 55), ev('u', 200), ev('u', 201)];
    const whole = new SessionCutter(30 * MIN).plan(events).sessionIds;
    const split = new SessionCutter(30 * MIN);
    const ids: string[] = [];
    for (const e of events) {
      const p = split.plan([e]);
      p.commit();
      ids.push(...p.sessionIds);
    }
    expect(ids).toEqual(whole);
    expect(new Set(whole).size).toBe(3); // [0, 20], [55], [200, 201]
  });

  it('forgets a plan that was not committed (the batch failed to store)', () => {
    const cut = new SessionCutter(30 * MIN);
    cut.plan([ev('u', 0)]); // never committed
    expect(cut.plan([ev('u', 100)]).sessionIds).toEqual([`auto-${100 * MIN}`]);
    expect(cut.users).toBe(0);
  });

  it('keeps client session ids and does not let them move the cut', () => {
    const cut = new SessionCutter(30 * MIN);
    const p = cut.plan([ev('u', 0), ev('u', 50, 'client-1'), ev('u', 20)]);
    expect(p.sessionIds).toEqual(['auto-0', 'client-1', 'auto-0']);
  });

  it('continues a restored session and puts a far-late event in a session of its own', () => {
    const cut = new SessionCutter(30 * MIN);
    cut.restore('u', `auto-${100 * MIN}`, 120 * MIN);
    expect(cut.plan([ev('u', 140), ev('u', 80), ev('u', 10)]).sessionIds).toEqual([
      `auto-${100 * MIN}`,
      `auto-${100 * MIN}`, // late, but within 30 minutes of the session's start
      `auto-${10 * MIN}`,
    ]);
  });

  it('rejects a gap that is not positive', () => {
    expect(() => new SessionCutter(0)).toThrow('session gap must be > 0 ms, got 0');
  });
});
