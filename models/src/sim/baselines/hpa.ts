import type { DecisionContext, FleetActions, Strategy } from '../types';
import { reconcileCold } from './reconcile';

/** Kubernetes HPA defaults: 10 % tolerance and a 300 s (5-minute) scale-down stabilisation window. */
export const HPA_TOLERANCE = 0.1;
export const HPA_STABILISATION_MINUTES = 5;

/**
 * The HPA desired count, minute by minute. u = r_{t-1} / (serving · C); inside the tolerance the raw
 * value is the current total (serving + booting), else ceil(r_{t-1} / C); the desired count is the
 * maximum of the last 5 raw values.
 */
export class HpaRecommender {
  private readonly raw: number[] = [];

  desired(ctx: DecisionContext): number {
    const last = ctx.history.last() ?? 0;
    const { serving, bootingReadyAt } = ctx.fleet;
    const u = last / (serving * ctx.config.capacity);
    const raw = Math.abs(u - 1) <= HPA_TOLERANCE ? serving + bootingReadyAt.length : Math.ceil(last / ctx.config.capacity);
    this.raw.push(raw);
    if (this.raw.length > HPA_STABILISATION_MINUTES) this.raw.shift();
    return Math.max(...this.raw);
  }
}

/** Baseline `hpa`: reactive scaling on last minute's utilisation with cold hosts only. */
export function hpaStrategy(): Strategy {
  const hpa = new HpaRecommender();
  return {
    name: 'hpa',
    decide(ctx: DecisionContext): FleetActions {
      return reconcileCold(ctx.fleet, hpa.desired(ctx));
    },
  };
}
