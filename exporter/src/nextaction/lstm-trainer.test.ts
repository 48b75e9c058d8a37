import path from 'node:path';
import { MIXTURE_GRID } from '@shadowfleet/models';
import { sampleDataDir } from '../paths';
import { readMsnbcFile } from './msnbc';
import { evaluateNextAction } from './evaluate-next-action';
import { lstmTrainer } from './lstm-trainer';
import { measureLstmThroughput } from './lstm-throughput';

// The worker runs models/dist (`npm test` builds it first).
const sessions = readMsnbcFile(path.join(sampleDataDir, 'msnbc', 'msnbc990928-first3000.seq.gz'), 1000);

describe('lstmTrainer on the MSNBC slice', () => {
  it('trains two LSTMs on the fit split, tunes the Markov-3 mixture on held-out training sessions, reports the parts', async () => {
    const trainer = lstmTrainer({ config: { hidden: 8 }, options: { epochs: 1 }, mixValidationEvery: 10, members: 2 });
    const report = await evaluateNextAction(sessions, 17, { lstm: trainer });
    const { lstm } = report.models;
    const mixture = lstm.mixture as { weight: number; validation_sessions: number; fit_sessions: number; validation_table: unknown[] };
    expect(mixture.validation_sessions).toBe(80); // every 10th of the 800 training sessions
    expect(mixture.fit_sessions).toBe(720);
    expect(MIXTURE_GRID).toContain(mixture.weight);
    expect(mixture.validation_table).toHaveLength(MIXTURE_GRID.length);
    expect(lstm.members).toBe(2);
    expect(lstm.targets_per_second_per_member).toHaveLength(2);
    expect(report.models['lstm-network']).toMatchObject({ variant_of: 'lstm' });
    expect(report.models['lstm-ensemble']).toMatchObject({ variant_of: 'lstm' });
    expect(lstm.top3).toBeGreaterThan(lstm.top1);
  }, 60_000);

  it('trains one LSTM on every training session without a mixture when asked', async () => {
    const report = await evaluateNextAction(sessions, 17, { lstm: lstmTrainer({ config: { hidden: 8 }, options: { epochs: 1 }, mixValidationEvery: 0, members: 1 }) });
    expect(Object.keys(report.models)).toEqual(['lstm']);
    expect(report.models.lstm.targets_trained).toBe(report.train_targets);
  }, 60_000);

  it('measures the 1×32 reference LSTM throughput', async () => {
    const r = await measureLstmThroughput(sessions, 17, 30);
    expect(r.targets).toBeGreaterThan(0);
    expect(r.targets_per_second).toBeGreaterThan(0);
    await expect(measureLstmThroughput(sessions, 17, 0)).rejects.toThrow('throughput seconds must be > 0, got 0');
  }, 60_000);
});
