import { ResourceManager } from '../../allocation/manager';
import type { ManagerSettings, ScalingDecision } from '../../allocation/types';
import type { DecisionContext, FleetActions, Strategy } from '../types';
import type { StandbyPlanSource } from './trend-standby';

/** Manager settings the simulator does not fix (quantiles, utilisation target …), and where tier 3 gets its pool size. */
export type TieredOptions = Partial<Omit<ManagerSettings, 'capacityPerHost' | 'coldStartMinutes' | 'activationMinutes' | 'standbyCost'>> & {
  /** Tier 3 keeps the standby pool this plan gives (self-sized where it gives none); default: always self-sized. */
  readonly standbyPlan?: StandbyPlanSource;
  /** The strategy's name in results; default `tiered`, or `tiered-plan` with a standby plan. */
  readonly name?: string;
  /** Size tier 2 also for the decision context's external (behaviour-aware) forecast when it has one; default true. */
  readonly useExternalForecast?: boolean;
  /** Without `observed` in the context, feed tier 1 the utilisation min(1, r / (s · C)) a CPU metric would show; default true. */
  readonly synthesiseUtilisation?: boolean;
};

/**
 * Strategy `tiered`: the resource manager (tiers 1–3, shadow hosts for tier 3) fed from the trace.
 * Each minute it observes r_{t-1}, the hosts that served it and their utilisation min(1, r / (s · C)) —
 * what a CPU metric would show — and acts on the fleet as the manager decides. With `standbyPlan`, tier 3
 * keeps the standby pool the trend plan gives for the current hour instead of sizing its own. `onDecision` sees every
 * decision with its explanation (the exporter's dry run publishes them).
 */
export function tieredStrategy(options: TieredOptions = {}, onDecision?: (t: number, decision: ScalingDecision) => void): Strategy {
  const { standbyPlan, name, useExternalForecast = true, synthesiseUtilisation = true, ...managerOptions } = options;
  let manager: ResourceManager | undefined;
  /** Hosts that served the previous minute; undefined until the first decision (which may come mid-trace). */
  let previousServing: number | undefined;
  return {
    name: name ?? (standbyPlan ? 'tiered-plan' : 'tiered'),
    decide(ctx: DecisionContext): FleetActions {
      const { t, fleet, config } = ctx;
      manager ??= new ResourceManager({
        capacityPerHost: config.capacity,
        coldStartMinutes: config.coldStart,
        activationMinutes: config.shadowActivation,
        standbyCost: config.shadowCost,
        ...managerOptions,
      });
      const requests = ctx.history.at(t - 1);
      // The real fleet's hosts and utilisation when observed (the exporter); else what a CPU metric would show.
      if (ctx.observed) manager.observe({ requests, hosts: ctx.observed.hosts, utilisation: ctx.observed.utilisation });
      else if (synthesiseUtilisation) {
        const hosts = previousServing ?? fleet.serving;
        manager.observe({ requests, hosts, utilisation: Math.min(1, requests / (hosts * config.capacity)) });
      } else manager.observe({ requests });
      const inMinutes = (readyAt: readonly number[]): number[] => readyAt.map((m) => m - t);
      const decision = manager.decide(
        {
          serving: fleet.serving,
          bootingReadyIn: inMinutes(fleet.bootingReadyAt),
          shadowBootingReadyIn: inMinutes(fleet.shadowBootingReadyAt),
          standby: fleet.standby,
          activatingReadyIn: inMinutes(fleet.activatingReadyAt),
        },
        standbyPlan?.plannedStandby(ctx),
        useExternalForecast ? ctx.external : undefined,
      );
      onDecision?.(t, decision);
      const a = decision.actions;
      // Hosts serving in minute t after these actions (zero-delay launches and activations included).
      previousServing =
        fleet.serving - (a.toStandby ?? 0) + (config.shadowActivation === 0 ? (a.activate ?? 0) : 0) + (config.coldStart === 0 ? (a.launch ?? 0) : 0);
      return a;
    },
  };
}
