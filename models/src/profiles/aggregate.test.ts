import { aggregateEvents, isErrorEvent } from './aggregate';
import { HAND_MADE_EVENTS } from './fixtures.test-helpers';

describe('aggregateEvents', () => {
  const [a, b] = aggregateEvents(HAND_MADE_EVENTS);

  it('counts events, sessions, errors and bytes per user', () => {
    expect(a).toMatchObject({ userId: 'a', events: 5, sessions: 2, errors: 2, bytes: 150 });
    expect(b).toMatchObject({ userId: 'b', events: 1, sessions: 1, errors: 0, bytes: 0 });
  });

  it('takes time spent from durations, else from the gap to the next event capped at 30 minutes', () => {
    // s1: home 10 s (gap), search 3 s (duration), last home 0; s2: home 2 h gap capped to 30 min, last 0
    expect(a.actionMs).toEqual({ home: 10_000 + 1_800_000, search: 3_000 });
    expect(b.actionMs).toEqual({ search: 0 });
  });

  it('counts actions, data types and in-session transitions in timestamp order', () => {
    expect(a.actions).toEqual({ home: 3, search: 2 });
    expect(a.dataTypes).toEqual({ json: 1 });
    expect(a.bigrams).toEqual({ 'home → search': 2, 'search → home': 1 });
    expect(b.bigrams).toEqual({});
  });

  it('histograms the hour of day, optionally shifted from UTC', () => {
    const hours = new Array<number>(24).fill(0);
    hours[0] = 3;
    hours[5] = 1;
    hours[7] = 1;
    expect(a.hours).toEqual(hours);
    const [shifted] = aggregateEvents(HAND_MADE_EVENTS.filter((e) => e.userId === 'b'), { hourOffsetMinutes: -240 });
    expect(shifted.hours.indexOf(1)).toBe(8);
  });

  it('treats status >= 400 or an error flag as an error', () => {
    expect(isErrorEvent({ status: 404 })).toBe(true);
    expect(isErrorEvent({ status: 399 })).toBe(false);
    expect(isErrorEvent({ error: true, status: 200 })).toBe(true);
    expect(isErrorEvent({})).toBe(false);
  });
});
