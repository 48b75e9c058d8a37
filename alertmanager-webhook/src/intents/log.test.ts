import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { memoryLogger } from '../util/logger';
import { IntentLog } from './log';
import { foldRecords, type IntentRecord } from './records';

const accepted = (id: string): IntentRecord => ({ type: 'accepted', id, at: 1, key: `k${id}`, pool: 'web', action: 'activate_shadow', amount: { count: 1 }, fingerprint: '624096824c09146c' });

describe('intent log', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'sf-intents-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads back what concurrent appends wrote, in order, after reopening', async () => {
    const file = path.join(dir, 'intents.jsonl');
    const { log } = await IntentLog.open(file, memoryLogger());
    await Promise.all(Array.from({ length: 50 }, (_, i) => log.append([accepted(String(i))])));
    await log.append([{ type: 'planned', id: '3', at: 2, from: 1, to: 2, dryRun: false }, { type: 'finished', id: '3', at: 3, outcome: 'applied' }]);
    await log.close();
    const { log: again, records } = await IntentLog.open(file, memoryLogger());
    await again.close();
    expect(records).toHaveLength(52);
    const intents = foldRecords(records);
    expect(intents.size).toBe(50);
    expect(intents.get('3')?.finished?.outcome).toBe('applied');
    expect(intents.get('4')?.finished).toBeUndefined();
  });

  it('cuts off a torn last line left by a crash and keeps the rest', async () => {
    const file = path.join(dir, 'intents.jsonl');
    const { log } = await IntentLog.open(file, memoryLogger());
    await log.append([accepted('a')]);
    await log.close();
    appendFileSync(file, '{"type":"accepted","id":"b","at":');
    const logger = memoryLogger();
    const { log: again, records } = await IntentLog.open(file, logger);
    await again.append([accepted('c')]);
    await again.close();
    expect(records.map((r) => r.id)).toEqual(['a']);
    expect(logger.entries[0]?.message).toContain('torn line');
    expect(readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l).id)).toEqual(['a', 'c']);
  });

  it('refuses a corrupt line in the middle, naming the line', async () => {
    const file = path.join(dir, 'intents.jsonl');
    appendFileSync(file, `${JSON.stringify(accepted('a'))}\nnot json\n${JSON.stringify(accepted('b'))}\n`);
    await expect(IntentLog.open(file, memoryLogger())).rejects.toThrow('line 2 is not a valid intent record');
  });
});
