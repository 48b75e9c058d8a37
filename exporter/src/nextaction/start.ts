import path from 'node:path';
import { UNIT_BASIS, type ComplexityUnit } from '@shadowfleet/models';
import type { CoreDeps, Started } from '../lifecycle';
import { BehaviourService } from './behaviour-service';
import { registerBehaviourMetrics } from './metrics';
import { ModelStore } from './model-store';

/** The behaviour-aware complexity-load forecasts (pool model unit) and when they were computed. */
export type BehaviourForecasts = Pick<BehaviourService, 'forecasts' | 'lastRefreshMs'>;

/**
 * A BehaviourService on the store (complexity basis from the pool model's unit — see
 * models/src/complexity/cost.ts), its gauges, the refresh and retraining schedule
 * (config.forecastRefreshSeconds and config.retrainMinutes; the timers do not keep the process alive
 * and stop on close()), and versioned models under <dataDir>/models/nextaction.
 */
export function startBehaviour(
  deps: CoreDeps & {
    readonly unit: ComplexityUnit;
    /** A user's stable profile id from the last profile rebuild (the LSTM's profile input). */
    readonly profileIdOf: (userId: string) => string | undefined;
  },
): Started<BehaviourService> {
  const { config } = deps;
  const log = deps.logger.child({ component: 'behaviour' });
  const service = new BehaviourService({
    store: deps.store,
    models: new ModelStore(path.join(config.dataDir, 'models', 'nextaction')),
    basis: UNIT_BASIS[deps.unit],
    sessionGapMinutes: config.sessionGapMinutes,
    maxTrackedSessions: config.maxTrackedSessions,
    profileOf: deps.profileIdOf,
    logger: log,
  });
  registerBehaviourMetrics(deps.registry, service);
  const report = (what: string) => (err: Error) => log.error({ err }, `${what} failed`);
  void service.start().then(() => service.refresh()).catch(report('start'));
  const timers = [setInterval(() => void service.refresh().catch(report('refresh')), config.forecastRefreshSeconds * 1000)];
  if (config.retrainMinutes > 0) timers.push(setInterval(() => void service.retrain().catch(report('retraining')), config.retrainMinutes * 60_000));
  for (const t of timers) t.unref();
  return {
    service,
    close: async () => {
      for (const t of timers) clearInterval(t);
      await service.close();
    },
  };
}
