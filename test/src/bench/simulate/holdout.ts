import { runStrategy, simulate, tieredStrategy, type SimConfig } from '@shadowfleet/models';

/** Serving quantiles tried on the first half of each trace. */
export const HOLDOUT_GRID = [0.975, 0.98, 0.985, 0.99] as const;

interface Half {
  readonly tau_U: number;
  readonly cost_ratio: number;
}

const metricsOf = (m: { tau_U: number; cost_ratio: number }): Half => ({ tau_U: m.tau_U, cost_ratio: m.cost_ratio });

/**
 * An honest check of the tuning: choose the serving quantile on the first half of every trace (the one
 * that meets the goal on the most first halves, ties broken by the lowest mean cost ratio),
 * then report it against `predictive` on the second halves, which played no part in the choice. Both
 * halves keep the whole trace's capacity per host.
 */
export function holdoutCheck(traces: ReadonlyArray<{ name: string; requests: number[]; capacity: number }>, defaults: Omit<SimConfig, 'capacity'>) {
  const halves = traces.map((t) => {
    const mid = Math.floor(t.requests.length / 2);
    const config = { ...defaults, capacity: t.capacity };
    return { name: t.name, first: t.requests.slice(0, mid), second: t.requests.slice(mid), config };
  });
  const tried = HOLDOUT_GRID.map((q) => {
    const perTrace = halves.map((h) => {
      const tiered = metricsOf(simulate(h.first, tieredStrategy({ servingQuantile: q }), h.config).metrics);
      const predictive = metricsOf(runStrategy('predictive', h.first, h.config).metrics);
      return { trace: h.name, tiered, predictive, goal_met: tiered.tau_U <= predictive.tau_U / 2 && tiered.cost_ratio <= predictive.cost_ratio };
    });
    const meanCost = perTrace.reduce((s, p) => s + p.tiered.cost_ratio, 0) / perTrace.length;
    return { servingQuantile: q, first_half: perTrace, goals_met: perTrace.filter((p) => p.goal_met).length, meanCost };
  });
  const better = (a: (typeof tried)[number], b: (typeof tried)[number]): boolean => b.goals_met > a.goals_met || (b.goals_met === a.goals_met && b.meanCost < a.meanCost);
  const chosen = tried.reduce((a, b) => (better(a, b) ? b : a));
  const second_half = halves.map((h) => {
    const tiered = metricsOf(simulate(h.second, tieredStrategy({ servingQuantile: chosen.servingQuantile }), h.config).metrics);
    const predictive = metricsOf(runStrategy('predictive', h.second, h.config).metrics);
    return {
      trace: h.name,
      minutes: h.second.length,
      tiered,
      predictive,
      goal_met: tiered.tau_U <= predictive.tau_U / 2 && tiered.cost_ratio <= predictive.cost_ratio,
      stretch_met: tiered.tau_U <= 1 && tiered.cost_ratio <= 1.2,
    };
  });
  return {
    grid: tried.map(({ servingQuantile, first_half, goals_met }) => ({ servingQuantile, goals_met, first_half })),
    chosen_serving_quantile: chosen.servingQuantile,
    second_half,
  };
}
