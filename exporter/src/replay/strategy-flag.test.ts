import path from 'node:path';
import { Command } from 'commander';
import { Counter, Registry } from 'prom-client';
import { registerReplay } from '../cli/commands/replay';
import { sampleDataDir } from '../paths';
import { parseReplayFlags, REPLAY_DEFAULTS, replayStrategy } from './options';
import { setHostsOutcomes } from './webhook-actions';

const NASA = path.join(sampleDataDir, 'nasa-http-rate', 'nasa_1995-07-01_to_03_requests_per_minute.csv.gz');
const flags = (over: Record<string, string | undefined>) => ({ ...REPLAY_DEFAULTS, trace: NASA, ...over });

describe('shadowfleet replay --strategy', () => {
  it('runs the product (tiered) unless told otherwise', () => {
    expect(REPLAY_DEFAULTS.strategy).toBe('tiered');
    expect(parseReplayFlags(flags({ hours: '1' })).strategy).toBe('tiered');
  });

  it('takes each strategy the allocation policy can select', () => {
    for (const s of ['tiered', 'predictive', 'hpa']) expect(parseReplayFlags(flags({ hours: '1', strategy: s })).strategy).toBe(s);
  });

  it('refuses another name, naming the flag and the allowed values, before it reads the trace', () => {
    expect(() => replayStrategy('oracle')).toThrow('--strategy must be one of tiered, hpa, predictive, got "oracle"');
    expect(() => replayStrategy('Predictive')).toThrow('--strategy must be one of tiered, hpa, predictive, got "Predictive"');
    expect(() => parseReplayFlags(flags({ trace: '/nonexistent/trace.csv', strategy: '' }))).toThrow('--strategy must be one of tiered, hpa, predictive, got ""');
  });

  it('is a flag of the command: a bad name fails the command with that error', async () => {
    const program = new Command().exitOverride();
    registerReplay(program);
    await expect(program.parseAsync(['replay', '--trace', NASA, '--strategy', 'magic'], { from: 'user' })).rejects.toThrow('--strategy must be one of tiered, hpa, predictive, got "magic"');
  });
});

describe("the webhook's set_hosts outcomes, from its own counter", () => {
  it("sums shadowfleet_webhook_actions_total{action=\"set_hosts\"} by outcome and ignores other actions", async () => {
    // The webhook's counter, declared as it declares it (alertmanager-webhook/src/metrics), exposed by prom-client.
    const registry = new Registry();
    const c = new Counter({ name: 'shadowfleet_webhook_actions_total', help: 'x', labelNames: ['driver', 'pool', 'action', 'outcome'], registers: [registry] });
    c.inc({ driver: 'haproxy', pool: 'web', action: 'set_hosts', outcome: 'applied' }, 7);
    c.inc({ driver: 'haproxy', pool: 'api', action: 'set_hosts', outcome: 'applied' }, 2);
    c.inc({ driver: 'haproxy', pool: 'web', action: 'set_hosts', outcome: 'skipped' });
    c.inc({ driver: 'haproxy', pool: 'web', action: 'scale_up', outcome: 'applied' }, 5);
    expect(setHostsOutcomes(await registry.metrics())).toEqual({ applied: 9, skipped: 1 });
    expect(setHostsOutcomes('# HELP nothing\n')).toEqual({});
  });
});
