import path from 'node:path';
import { sampleDataDir } from '../paths';
import { parseMsnbcSequences, readMsnbcFile } from './msnbc';
import { baselineTrainers, evaluateNextAction } from './evaluate-next-action';

const sample = path.join(sampleDataDir, 'msnbc', 'msnbc990928-first3000.seq.gz');
const header = '% Different categories found in input file:\r\n\r\nfrontpage news\r\n\r\n\r\n% Sequences:\r\n\r\n';

describe('MSNBC sequences', () => {
  it('parses the .seq format to 0-based sessions, dropping empty lines', () => {
    const s = parseMsnbcSequences(`${header}1 1 \r\n\r\n2 17 3 \r\n`);
    expect(s.map((x) => Array.from(x))).toEqual([[0, 0], [1, 16, 2]]);
  });

  it('names the line and the value of a bad category', () => {
    expect(() => parseMsnbcSequences(`${header}1 18 \r\n`, Infinity, 'x.seq')).toThrow('x.seq line 8: category must be in 1…17, got 18');
    expect(() => parseMsnbcSequences('1 2\n')).toThrow(/no "% Sequences:" header/);
  });

  it('reads the bundled gzip slice with its limit', () => {
    expect(readMsnbcFile(sample)).toHaveLength(3000);
    expect(Array.from(readMsnbcFile(sample, 3)[2])).toEqual([2, 1, 1, 3, 1, 1, 1, 2, 2]);
  });

  it('evaluates the baselines on the slice: the protocol counts and Markov beating frequency', async () => {
    const report = await evaluateNextAction(readMsnbcFile(sample), 17, baselineTrainers);
    expect(report.test_sessions).toBe(600);
    expect(report.sessions).toBe(3000);
    const { markov1, markov3 } = report.models;
    const frequent = report.models['most-frequent'];
    expect(markov1.top1).toBeGreaterThan(frequent.top1 + 0.2);
    expect(markov3.top3).toBeGreaterThanOrEqual(markov1.top3 - 0.02);
    for (const r of Object.values(report.models)) expect(r.top3).toBeGreaterThanOrEqual(r.top1);
  });
});
