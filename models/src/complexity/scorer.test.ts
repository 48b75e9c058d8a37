import type { BehaviourEvent } from '../events';
import { observedCost } from './cost';
import { ComplexityScorer } from './scorer';

const ev = (action: string, extra: Partial<BehaviourEvent> = {}): BehaviourEvent => ({ userId: 'u', sessionId: 's', timestamp: 0, action, ...extra });

describe('observedCost', () => {
  it('reads the basis field, bytes as KiB, and rejects negative or missing values', () => {
    expect(observedCost(ev('a', { bytes: 2048 }), 'bytes')).toBe(2);
    expect(observedCost(ev('a', { durationMs: 12 }), 'durationMs')).toBe(12);
    expect(observedCost(ev('a', { cost: -1 }), 'cost')).toBeUndefined();
    expect(observedCost(ev('a'), 'count')).toBe(1);
  });
});

describe('ComplexityScorer', () => {
  it('scores an action by its median cost, so one outlier barely moves it', () => {
    const s = new ComplexityScorer({ basis: 'cost', minSamples: 3 });
    for (const c of [10, 11, 9, 10, 10_000]) s.observe(ev('search', { cost: c }));
    const { units, source } = s.score('search');
    expect(source).toBe('action');
    expect(units).toBeGreaterThanOrEqual(9); // the mean would be 2,008
    expect(units).toBeLessThanOrEqual(11);
  });

  it('adds one expected retry per error: median × (1 + error rate)', () => {
    const s = new ComplexityScorer({ basis: 'cost', minSamples: 1 });
    s.observeAll([ev('pay', { cost: 4 }), ev('pay', { cost: 4, status: 503 }), ev('pay', { cost: 4 }), ev('pay', { cost: 4, error: true })]);
    expect(s.score('pay').units).toBeCloseTo(4 * 1.5);
  });

  it('falls back from (action, data type) to the action, to all events, to 1', () => {
    const s = new ComplexityScorer({ basis: 'bytes', minSamples: 2 });
    expect(s.score('x')).toEqual({ units: 1, source: 'default' });
    s.observeAll([ev('img', { dataType: 'gif', bytes: 1024 }), ev('img', { dataType: 'gif', bytes: 1024 }), ev('img', { dataType: 'jpg', bytes: 3072 })]);
    expect(s.score('img', 'gif')).toEqual({ units: 1, source: 'action+dataType' });
    expect(s.score('img', 'jpg').source).toBe('action'); // one jpg sample < minSamples
    expect(s.score('unknown').source).toBe('global');
  });

  it('sums a sequence and lists what it learned, most frequent first', () => {
    const s = new ComplexityScorer({ basis: 'cost', minSamples: 1 });
    s.observeAll([ev('a', { cost: 2 }), ev('a', { cost: 2 }), ev('b', { cost: 5 })]);
    expect(s.sequenceScore([{ action: 'a' }, { action: 'b' }, { action: 'a' }])).toBe(9);
    expect(s.snapshot().map((x) => [x.action, x.units, x.samples])).toEqual([
      ['a', 2, 2],
      ['b', 5, 1],
    ]);
    expect(s.meanUnitsPerEvent()).toBeCloseTo(3);
  });

  it('keeps the number of tracked keys bounded', () => {
    const s = new ComplexityScorer({ basis: 'count', maxKeys: 2, minSamples: 1 });
    s.observeAll(['a', 'b', 'c', 'd'].map((a) => ev(a)));
    expect(s.snapshot().map((x) => x.action).sort()).toEqual(['a', 'b', 'other']);
  });

  it('names a bad option', () => {
    expect(() => new ComplexityScorer({ minSamples: 0 })).toThrow('minSamples must be an integer ≥ 1, got 0');
  });
});
