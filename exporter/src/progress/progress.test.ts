import { silentProgress, stderrProgress } from './progress';

describe('CLI progress lines', () => {
  const at = Date.UTC(2026, 11, 7, 14, 2, 11);
  const lines: string[] = [];
  const progress = stderrProgress('replay', { write: (t) => void lines.push(t), now: () => at });
  beforeEach(() => (lines.length = 0));

  it('are `HH:MM:SS topic: message` (UTC), warnings say so, and a part of the run reports under its own topic', () => {
    progress('minute 60 of 360');
    progress.warn('minute 61 is 900 ms late');
    progress.topic('prometheus')('ready');
    progress.topic('hosts web').warn('could not start: ENOENT');
    expect(lines).toEqual(['14:02:11 replay: minute 60 of 360\n', '14:02:11 replay: warning: minute 61 is 900 ms late\n', '14:02:11 prometheus: ready\n', '14:02:11 hosts web: warning: could not start: ENOENT\n']);
  });

  it('can show some topics only, and the silent one shows nothing', () => {
    const only = stderrProgress('bench', { write: (t) => void lines.push(t), now: () => at, only: ['bench'] });
    only('kept');
    only.topic('haproxy')('dropped');
    silentProgress.topic('x')('dropped');
    expect(lines).toEqual(['14:02:11 bench: kept\n']);
  });
});
