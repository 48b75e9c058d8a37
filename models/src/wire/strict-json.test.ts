import { bounded, preview } from './bounded';
import { charsetOf, decodeJsonText, invalidUtf8Offset, unsupportedCharset } from './strict-json';

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

describe('strict JSON decoding', () => {
  it.each([
    ['a valid body', bytes('{"a":["é","🙂","\\ud83d\\ude42"]}'), { ok: true }],
    ['a UTF-8 byte order mark (dropped)', bytes([0xef, 0xbb, 0xbf], '[1]'), { ok: true, text: '[1]' }],
    ['a stray continuation byte', bytes('{"a":"x', [0x80], '"}'), { ok: false, code: 'invalid_utf8', offset: 7 }],
    ['a truncated sequence at the end', bytes('["', [0xe2, 0x82]), { ok: false, code: 'invalid_utf8', offset: 2 }],
    ['an overlong encoding', bytes('[', [0xc0, 0xaf], ']'), { ok: false, code: 'invalid_utf8', offset: 1 }],
    ['a UTF-8 encoded surrogate (CESU)', bytes('["', [0xed, 0xa0, 0x80], '"]'), { ok: false, code: 'invalid_utf8', offset: 2 }],
    ['a lone high surrogate escape', bytes('{"é":"\\ud800x"}'), { ok: false, code: 'lone_surrogate', offset: 7 }],
    ['a lone low surrogate escape', bytes('["\\uDC00"]'), { ok: false, code: 'lone_surrogate', offset: 2 }],
    ['a high surrogate followed by a non-surrogate escape', bytes('["\\ud800\\u0041"]'), { ok: false, code: 'lone_surrogate', offset: 2 }],
    ['nesting 5,000 deep', bytes('['.repeat(5000), ']'.repeat(5000)), { ok: false, code: 'too_deep', offset: 64 }],
    ['brackets inside strings (not nesting)', bytes(`["${'['.repeat(5000)}"]`), { ok: true }],
    ['an escaped quote inside a string', bytes('["\\"[[[", 1]'), { ok: true }],
  ])('%s', (_name, body, expected) => {
    expect(decodeJsonText(body)).toMatchObject(expected);
  });

  it('names the byte offset in the message', () => {
    expect(decodeJsonText(bytes('[[', [0xff], ']]'))).toMatchObject({ message: 'the body is not valid UTF-8 at byte 2' });
    expect(decodeJsonText(bytes('[[[]]]'), 2)).toMatchObject({ message: 'arrays and objects may nest at most 2 deep; byte 2 opens level 3' });
  });

  it('agrees with the platform decoder on where UTF-8 goes wrong', () => {
    expect(invalidUtf8Offset(bytes('abc'))).toBe(-1);
    expect(invalidUtf8Offset(bytes([0xf4, 0x90, 0x80, 0x80]))).toBe(0);
    expect(invalidUtf8Offset(bytes('ok', [0xf0, 0x9f, 0x99, 0x82]))).toBe(-1);
  });

  it.each([
    ['application/json', undefined],
    ['application/json; charset=UTF-8', undefined],
    ['application/json;charset="utf8"', undefined],
    ['application/json; charset=utf-32', 'charset "utf-32" is not supported: send JSON as UTF-8 (charset=utf-8 or no charset)'],
    ['application/json; charset=latin1', 'charset "latin1" is not supported: send JSON as UTF-8 (charset=utf-8 or no charset)'],
  ])('charset of %s', (type, problem) => {
    expect(unsupportedCharset(type)).toBe(problem);
  });

  it('reads the charset parameter', () => expect(charsetOf('text/plain; Charset=ISO-8859-1')).toBe('iso-8859-1'));
});

describe('bounded rendering', () => {
  const deep = (n: number): unknown => {
    let v: unknown = [];
    for (let i = 0; i < n; i++) v = [v];
    return v;
  };

  it('renders a 5,000-deep value without overflowing the stack', () => {
    expect(preview(deep(5000))).toBe('[["[array of 1]"]]');
  });

  it('cuts long strings and long lists and says how much was left out', () => {
    expect(preview('x'.repeat(1000), 30)).toBe('"xxxxxxxxxxxxxxxxxxxxxxxxxxxxx…');
    expect(bounded({ label: 'y'.repeat(900_000) })).toEqual({ label: `${'y'.repeat(256)}…(899744 more characters)` });
    expect(bounded(Array.from({ length: 100 }, (_, i) => i))).toHaveLength(21);
  });

  it('keeps a __proto__ key as data', () => {
    const v = JSON.parse('{"__proto__":{"polluted":true}}') as unknown;
    expect(JSON.stringify(bounded(v))).toBe('{"__proto__":{"polluted":true}}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
