import { parseTimestamp, parseTrace, parseTraceCsv, perSecondToPerMinute } from './trace';

describe('trace CSV parsing', () => {
  it('reads ISO times and the requests column, skipping rows whose status is not ok', () => {
    const csv = 'minute_start,requests,status\n1995-07-01T00:00:00-04:00,42,ok\n1995-07-01T00:01:00-04:00,0,server_down\n1995-07-01T00:02:00-04:00,,no_log\n1995-07-01T00:03:00-04:00,7,ok\n';
    const t = parseTraceCsv(csv);
    expect(t.requests).toEqual([42, 7]);
    expect(t.timestamps).toEqual([804571200, 804571380]);
    expect(t.skippedRows).toBe(2);
  });

  it('reads Unix seconds and another column when asked', () => {
    const t = parseTraceCsv('ts,requests,bytes\n100,1,500\n160,2,700\n', { column: 'bytes' });
    expect(t.requests).toEqual([500, 700]);
    expect(t.timestamps).toEqual([100, 160]);
  });

  it('names the problem: missing column, bad time, bad number, no rows', () => {
    expect(() => parseTraceCsv('ts,count\n1,2\n', { source: 'x.csv' })).toThrow('x.csv: no column named "requests" (columns: ts, count); pass --column NAME');
    expect(() => parseTraceCsv('ts,requests\nyesterday,2\n')).toThrow('trace line 2: "yesterday" is not an ISO 8601 time or Unix seconds');
    expect(() => parseTraceCsv('ts,requests\n1,-2\n')).toThrow('trace line 2: requests must be a number ≥ 0, got "-2"');
    expect(() => parseTraceCsv('ts,requests\n')).toThrow(/no usable rows/);
    expect(() => parseTraceCsv('ts,requests\n\n   \n1,x\n')).toThrow('trace line 4: requests must be a number ≥ 0, got "x"');
  });

  it('parses timestamps', () => {
    expect(parseTimestamp('1998-04-30T21:30:00Z')).toBe(893971800);
    expect(parseTimestamp('12.5')).toBe(12.5);
    expect(parseTimestamp('abc')).toBeUndefined();
  });

  it('sums seconds into minutes, dropping a partial last minute', () => {
    expect(perSecondToPerMinute([...new Array(60).fill(1), ...new Array(60).fill(2), 5])).toEqual([60, 120]);
  });
});

describe('parseTrace', () => {
  it('reads a per-second series without header as minutes', () => {
    const text = new Array(125).fill('2').join(' ');
    expect(parseTrace(text)).toEqual({ requests: [120, 120], timestamps: [0, 60], column: 'per-second counts', skippedRows: 0 });
  });
  it('reads CSV otherwise', () => {
    expect(parseTrace('ts,requests\n0,5\n').requests).toEqual([5]);
  });
});
