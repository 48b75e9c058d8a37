import { z } from 'zod';
import { compileFastParse, FAIL } from './fast-parse';
import { wireEventSchema, wireUserSchema } from './wire-schema';

const fastEvent = compileFastParse(wireEventSchema)!;

/** Values to try in each field: good ones, edge ones and wrong ones (types, ranges, formats). */
const VARIANTS: Record<string, unknown[]> = {
  user_id: ['u1', '', 'x'.repeat(256), 'x'.repeat(257), '🙂'.repeat(128), '🙂'.repeat(129), 7, null, true, ['u'], {}],
  session_id: ['s1', '', 's'.repeat(257), null, 3, false],
  timestamp: [
    1714564800000, 1714564800, 1714564800.5, 0, -1, 1e11 - 1, 1e11, 7258118400000, 7258118399999, -1e11,
    '2024-05-01T12:00:00Z', '2024-05-01 12:00:00+02:00', '2024-05-01T12:00:00.123456789-0530', '2024-05-01T12:00Z',
    '2024-05-01', '2024-13-45T99:00:00Z', 'yesterday', '', null, true, [1],
  ],
  action: ['search', '', 'a'.repeat(257), 1, null],
  data_type: ['csv', '', 'd'.repeat(64), 'd'.repeat(65), null, 0],
  duration_ms: [0, 12.5, -0.1, '5', null, true, 1e308],
  status: [100, 599, 200, 99, 600, 200.5, '200', null, -0],
  error: [true, false, 'true', 0, null],
  bytes: [0, 10, -1, 1.5, 2 ** 53 - 1, 2 ** 53, '10', null],
  cost: [0, 3.25, -2, 'x', null],
};

const base = { user_id: 'u1', session_id: 's1', timestamp: 1714564800000, action: 'search', status: 200, bytes: 10 };

/** Every single-field variant, missing fields, unknown fields, non-objects, and seeded random mixes. */
function records(): unknown[] {
  const out: unknown[] = [base, {}, null, 'text', 42, [base], Object.create(null)];
  for (const [field, values] of Object.entries(VARIANTS)) {
    for (const value of values) out.push({ ...base, [field]: value });
    const without: Record<string, unknown> = { ...base };
    delete without[field];
    out.push(without);
  }
  out.push({ ...base, usr: 'typo' }, { ...base, toString: 'x' }, JSON.parse('{"user_id":"u","timestamp":1,"action":"a","__proto__":1}'));
  let seed = 12345;
  const next = (n: number) => ((seed = (seed * 48271) % 2147483647), seed % n); // Park–Miller
  const fields = Object.keys(VARIANTS);
  for (let i = 0; i < 3000; i++) {
    const r: Record<string, unknown> = {};
    // Mostly each field's first (good) value, so that many mixes are valid and many are not.
    for (const f of fields) if (next(4) > 0) r[f] = next(3) > 0 ? VARIANTS[f]![0] : VARIANTS[f]![next(VARIANTS[f]!.length)];
    out.push(r);
  }
  return out;
}

describe('compileFastParse', () => {
  it('covers the whole event schema (no part left to zod alone)', () => {
    expect(fastEvent).toBeDefined();
  });

  it('never accepts what zod rejects, and gives exactly zod’s output for what it accepts', () => {
    let accepted = 0;
    let rejectedValid = 0;
    for (const record of records()) {
      const fast = fastEvent(record);
      const zod = wireEventSchema.safeParse(record);
      if (fast === FAIL) {
        // Strings with surrogate pairs near a length limit are left to zod (it counts code points).
        if (zod.success && !/[\uD800-\uDBFF]/.test(JSON.stringify(record))) rejectedValid++;
        continue;
      }
      accepted++;
      expect({ record, success: zod.success }).toEqual({ record, success: true });
      expect(fast).toStrictEqual(zod.data);
    }
    // The fast path is worth having only if it takes the valid records itself.
    expect(accepted).toBeGreaterThan(200);
    expect(rejectedValid).toBe(0);
  });

  it('leaves to zod a transform that reports an issue or throws; strips unknown keys of a plain object as zod does', () => {
    const schema = z.object({
      n: z.number().transform((v, ctx) => {
        if (v > 10) ctx.addIssue({ code: 'custom', message: 'too big' });
        if (v < 0) throw new Error('negative');
        return v * 2;
      }),
    });
    const fast = compileFastParse(schema)!;
    expect(fast({ n: 2 })).toEqual({ n: 4 });
    expect(fast({ n: 2, extra: 1 })).toStrictEqual(schema.parse({ n: 2, extra: 1 })); // a plain object drops unknown keys
    expect(fast({ n: 11 })).toBe(FAIL);
    expect(fast({ n: -1 })).toBe(FAIL);
  });

  it('gives up (undefined) on schema parts it does not know, instead of guessing', () => {
    expect(compileFastParse(wireUserSchema)).toBeUndefined(); // z.record and .refine
    expect(compileFastParse(z.object({ email: z.email() }))).toBeUndefined();
    expect(compileFastParse(z.object({ n: z.coerce.number() }))).toBeUndefined();
    expect(compileFastParse(z.object({ a: z.string() }).passthrough())).toBeUndefined();
  });
});
