import { bodyFormat, parseBody } from './body';

describe('parseBody', () => {
  const nd = (s: string) => parseBody(Buffer.from(s), 'ndjson');

  it('reads NDJSON with CRLF, blank lines and surrounding space', () => {
    expect(nd('{"a":1}\r\n\r\n  {"a":2}  \n\n')).toEqual({ ok: true, records: [{ a: 1 }, { a: 2 }] });
    expect(nd('')).toEqual({ ok: true, records: [] });
  });

  it('refuses two records on one line, naming the line', () => {
    const r = nd('{"a":1}\n{"a":2},{"a":3}\n');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems).toEqual([{ index: 1, field: null, problem: expect.stringMatching(/^line 2 is not valid JSON/) }]);
  });

  it('refuses a string broken over two lines even when a second record on one line evens the count', () => {
    const r = nd('{"a":"x\ny"},{"b":1}');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems?.map((p) => p.problem)).toEqual([
      expect.stringMatching(/^line 1 is not valid JSON/),
      expect.stringMatching(/^line 2 is not valid JSON/),
    ]);
  });

  it('keeps a line that is an array as one (invalid) record', () => {
    expect(nd('[1,2]\n{"a":1}')).toEqual({ ok: true, records: [[1, 2], { a: 1 }] });
  });

  it('requires a JSON body to be an array', () => {
    expect(parseBody(Buffer.from('{"a":1}'), 'json')).toMatchObject({ ok: false, message: expect.stringMatching(/must be an array/) });
  });

  it('maps content types', () => {
    expect(bodyFormat('application/json; charset=utf-8')).toBe('json');
    expect(bodyFormat('application/x-ndjson')).toBe('ndjson');
    expect(bodyFormat('text/csv')).toBeUndefined();
  });
});
