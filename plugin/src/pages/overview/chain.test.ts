import { chainFor, forecastLink } from './chain';

describe('the chain behind a decision', () => {
  const alerts = [{ metric: { pool: 'web', tier: '2', target: '3', alertstate: 'firing' }, values: [[100, '1'], [110, '1']] as Array<[number, string]> }];
  const actions = [
    // Born at 115 s with 1 (its first action), then one more at 125 s.
    { metric: { pool: 'web', action: 'set_hosts', outcome: 'dry_run' }, values: [[115, '1'], [125, '2']] as Array<[number, string]>, firstSeenAfterS: 60 },
    { metric: { pool: 'other', action: 'set_hosts', outcome: 'applied' }, values: [[105, '4'], [110, '5']] as Array<[number, string]>, firstSeenAfterS: 60 },
    // Present since the range began: its first value is history, only its steps count.
    { metric: { pool: 'web', action: 'set_hosts', outcome: 'applied' }, values: [[50, '7'], [130, '7'], [170, '8']] as Array<[number, string]>, firstSeenAfterS: 60 },
  ];

  it('names the rule that fired, its target and tier, and what the webhook finished, for the pool and window', () => {
    expect(chainFor('web', 95_000, 120_000, alerts, actions)).toEqual({
      rule: 'ShadowfleetSetHosts firing → 3 hosts (predictive)',
      webhook: 'set_hosts dry_run ×1',
      dryRun: true,
    });
  });

  it('counts a counter’s birth and its steps, not its history', () => {
    expect(chainFor('web', 120_000, 180_000, alerts, actions)).toEqual({
      rule: 'ShadowfleetSetHosts not firing (the pool had the target, or no webhook reported the pool)',
      webhook: 'set_hosts dry_run ×1; set_hosts applied ×1',
      dryRun: true,
    });
  });

  it('says when nothing followed', () => {
    expect(chainFor('web', 200_000, 300_000, alerts, actions)).toMatchObject({ webhook: 'webhook finished no action', dryRun: false });
  });

  it('links to the forecast around the decision at its horizon', () => {
    expect(forecastLink('/a/x', 10_800_000, 60)).toBe('/a/x/forecasts?from=0&to=14400000&horizon=1h');
    expect(forecastLink('/a/x', 10_800_000)).toContain('horizon=15m');
  });
});
