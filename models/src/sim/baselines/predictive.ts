import type { DecisionContext, FleetActions, Strategy } from '../types';
import { HpaRecommender } from './hpa';
import { HourlyPeakForecast } from './hourly-peak-forecast';
import { reconcileCold } from './reconcile';

/**
 * Baseline `predictive`: AWS-style predictive scaling with dynamic (HPA) scaling beside it. The desired
 * count is the maximum of the HPA desired count and the hourly forecast for minutes t + Lc and t; the
 * forecast only raises the count, so scaling in is left to the HPA part.
 */
export function predictiveStrategy(): Strategy {
  const hpa = new HpaRecommender();
  const forecast = new HourlyPeakForecast();
  return {
    name: 'predictive',
    decide(ctx: DecisionContext): FleetActions {
      forecast.observe(ctx.history);
      const C = ctx.config.capacity;
      let desired = hpa.desired(ctx);
      for (const minute of [ctx.t + ctx.config.coldStart, ctx.t]) {
        const f = forecast.at(minute);
        if (f !== undefined) desired = Math.max(desired, Math.ceil(f / C));
      }
      return reconcileCold(ctx.fleet, desired);
    },
  };
}
