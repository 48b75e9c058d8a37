import { DEFAULT_PRIORITY_CLASS, priorityClass, priorityMapEntries } from './priority-classes';

const oneWord = (id: string): boolean => /^\S+$/.test(id);

describe('priority classes for the load balancer queue', () => {
  it.each([
    ['protect most (10) is dequeued first', 10, 0],
    ['the default (5)', 5, 5],
    ['shed first (0) is dequeued last', 0, 10],
  ])('%s: priority %d → class %d', (_name, priority, cls) => {
    expect(priorityClass(priority)).toBe(cls);
  });

  it('holds only users whose profile priority differs from the default, furthest first', () => {
    const assignments: Array<[string, string]> = [
      ['u-low', 'p0'],
      ['u-default-listed', 'p5'],
      ['u-unlisted', 'p9'],
      ['u-high', 'p10'],
      ['u-mid', 'p7'],
    ];
    const map = priorityMapEntries(assignments, { p0: 0, p5: 5, p10: 10, p7: 7 }, { maxEntries: 100, usableKey: oneWord });
    expect(map.entries).toEqual([
      ['u-high', 0],
      ['u-low', 10],
      ['u-mid', 3],
    ]);
    expect(map.byClass).toEqual({ 0: 1, 10: 1, 3: 1 });
    expect([map.omitted, map.unusable]).toEqual([0, 0]);
    expect(DEFAULT_PRIORITY_CLASS).toBe(5);
  });

  it('keeps maxEntries entries and counts the rest as omitted; counts ids that cannot be keys', () => {
    const assignments: Array<[string, string]> = [
      ['b', 'mid'],
      ['a', 'top'],
      ['has space', 'top'],
      ['c', 'mid'],
    ];
    const map = priorityMapEntries(assignments, { top: 10, mid: 8 }, { maxEntries: 2, usableKey: oneWord });
    expect(map.entries).toEqual([
      ['a', 0],
      ['b', 2],
    ]);
    expect([map.omitted, map.unusable]).toEqual([1, 1]);
  });

  it('is empty when no profile has a non-default priority', () => {
    expect(priorityMapEntries([['a', 'p1']], {}, { maxEntries: 10, usableKey: oneWord })).toEqual({ entries: [], byClass: {}, omitted: 0, unusable: 0 });
  });
});
