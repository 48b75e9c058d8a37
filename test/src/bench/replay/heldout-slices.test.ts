import { heldOutSlices } from './heldout-slices';

/** A trace of `days` days of per-minute rows, timestamps from 1995-07-01 00:00 UTC, every minute busy. */
function trace(days: number): { requests: number[]; timestamps: number[] } {
  const start = Date.UTC(1995, 6, 1) / 1000;
  const requests = Array.from({ length: days * 1440 }, (_, m) => 10 + (m % 7));
  return { requests, timestamps: requests.map((_, m) => start + 60 * m) };
}

describe('heldOutSlices: the replay bench\'s held-out slices', () => {
  const rule = { count: 3, hours: 6, warmHours: 24 };

  it('takes the first whole hour of each third of the second half', () => {
    const t = trace(12); // 17,280 rows; the second half starts at row 8,640 (hour 144), thirds of 2,880 rows
    const slices = heldOutSlices(t, rule);
    expect(slices.map((s) => s.offsetHours)).toEqual([144, 192, 240]);
    expect(slices[0].startsAt).toBe('1995-07-07T00:00:00.000Z');
    expect(slices[0].peakRequestsPerMinute).toBe(16);
  });

  it('skips hours whose slice or the hour before it has a minute without requests', () => {
    const t = trace(12);
    t.requests[144 * 60 + 100] = 0; // inside the first slice
    t.requests[145 * 60 + 30] = 0; // in the hour before hour 146
    expect(heldOutSlices(t, rule)[0].offsetHours).toBe(147);
  });

  it('skips hours whose warm-up or slice spans an outage (rows not 60 s apart)', () => {
    const t = trace(12);
    for (let m = 145 * 60; m < t.timestamps.length; m++) t.timestamps[m] += 3600; // an hour missing before row 8,700
    // hour 144's slice spans the gap; hours 145 … 168 have it in their 24 h warm-up
    expect(heldOutSlices(t, rule)[0].offsetHours).toBe(169);
  });

  it('gives no slice for a part with no clean hour, and none that would run past the trace', () => {
    const t = trace(4); // 5,760 rows; second half hours 48 …, thirds of 960 rows
    for (let m = 48 * 60; m < 64 * 60; m++) t.requests[m] = 0; // the whole first third idle
    for (let m = 80 * 60; m < 86 * 60; m++) t.requests[m] = 0; // the last third clean only from hour 87 …
    const slices = heldOutSlices(t, rule);
    // … whose 6 h would end past row 5,760 from hour 91 on: 87 … 90 remain
    expect(slices.map((s) => s.offsetHours)).toEqual([65, 87]);
    for (let m = 86 * 60; m < 91 * 60; m++) t.requests[m] = 0;
    expect(heldOutSlices(t, rule).map((s) => s.offsetHours)).toEqual([65]);
  });

  it('has no clock time for a trace counted from 0 (Twitter)', () => {
    const t = trace(12);
    const relative = { requests: t.requests, timestamps: t.timestamps.map((_, m) => 60 * m) };
    expect(heldOutSlices(relative, rule)[0].startsAt).toBeNull();
  });

  it('takes training slices from the first half by the same rule, each ending inside it', () => {
    const t = trace(12); // first half: rows 0 … 8,639, thirds of 2,880 rows; the 24 h warm-up rules out hours 0 … 23
    expect(heldOutSlices(t, { ...rule, half: 'first' }).map((s) => s.offsetHours)).toEqual([24, 48, 96]);
    const short = trace(4); // first half: rows 0 … 2,879, thirds of 960 rows
    expect(heldOutSlices(short, { ...rule, half: 'first' }).map((s) => s.offsetHours)).toEqual([24, 32]);
    for (let m = 32 * 60; m < 43 * 60; m++) short.requests[m] = 0; // the last third clean only from hour 44 …
    // … whose 6 h (rows 2,640 … 2,999) would run into the held-out half: no slice from that third
    expect(heldOutSlices(short, { ...rule, half: 'first' }).map((s) => s.offsetHours)).toEqual([24]);
  });
});
