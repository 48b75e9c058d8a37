import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { memoryLogger } from '@shadowfleet/service-kit/testing';
import { IntentLog } from './log';
import { foldRecords, type IntentRecord } from './records';

const accepted = (id: string): IntentRecord => ({ type: 'accepted', id, at: 1, key: `fp${id}|t|firing`, pool: 'web', action: 'activate_shadow', amount: { count: 1 }, fingerprint: '624096824c09146c' });

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
    expect(logger.entries[0]?.msg).toContain('torn line');
    expect(readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l).id)).toEqual(['a', 'c']);
  });

  it('compacts on open: drops intents finished before the retention, keeps unfinished ones, unresolved applied ones and what a kept scale-back undoes', async () => {
    const file = path.join(dir, 'intents.jsonl');
    const day = 86_400_000;
    const { log } = await IntentLog.open(file, memoryLogger());
    await log.append([
      accepted('old'),
      { type: 'finished', id: 'old', at: 1, outcome: 'applied' },
      { ...(accepted('oldBack') as Extract<IntentRecord, { type: 'accepted' }>), key: 'fpold|t|resolved', action: 'scale_back', undoes: 'old' },
      { type: 'finished', id: 'oldBack', at: 2, outcome: 'applied' },
      accepted('stillFiring'),
      { type: 'finished', id: 'stillFiring', at: 1, outcome: 'applied' },
      accepted('oldNoop'),
      { type: 'finished', id: 'oldNoop', at: 1, outcome: 'noop' },
      accepted('firing'),
      { type: 'planned', id: 'firing', at: 1, from: 1, to: 3, dryRun: false },
      { type: 'finished', id: 'firing', at: 1, outcome: 'applied' },
      { ...(accepted('back') as Extract<IntentRecord, { type: 'accepted' }>), action: 'scale_back', undoes: 'firing', notBefore: 40 * day },
      accepted('open'),
      accepted('recent'),
      { type: 'finished', id: 'recent', at: 39 * day, outcome: 'noop' },
    ]);
    await log.close();
    const { log: again, records } = await IntentLog.open(file, memoryLogger(), { now: 40 * day, retentionMs: 30 * day });
    await again.close();
    expect([...new Set(records.map((r) => r.id))]).toEqual(['stillFiring', 'firing', 'back', 'open', 'recent']);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(records.length);
  });

  it('refuses a corrupt line in the middle, naming the line', async () => {
    const file = path.join(dir, 'intents.jsonl');
    appendFileSync(file, `${JSON.stringify(accepted('a'))}\nnot json\n${JSON.stringify(accepted('b'))}\n`);
    await expect(IntentLog.open(file, memoryLogger())).rejects.toThrow('line 2 is not a valid intent record');
  });
});
