import path from 'node:path';
import { defaultCapacity, policyStrategy, simulate, simulateJson, type Policy, type SimConfig, type SimulateJson } from '@shadowfleet/models';
import { sampleDataDir } from '../paths';
import { runningActuationDelay, shippedActuationPath, type StatedActuationDelay } from '../sim/actuation-delay';
import { SIM_DEFAULTS } from '../sim/options';
import { readTraceFile } from '../sim/trace-file';

/** The bundled trace slice previews replay while the exporter has too little history: 3 days of NASA requests per minute. */
export const PREVIEW_TRACE = path.join(sampleDataDir, 'nasa-http-rate', 'nasa_1995-07-01_to_03_requests_per_minute.csv.gz');
/** The bundled trace's step: it counts requests per minute. */
const BUNDLED_STEP_SECONDS = 60;
/** Least history (steps) a preview replays from the operator's own load instead of the bundled trace. */
export const MIN_PREVIEW_STEPS = 180;

/** Policy fields the simulator honours, and those it cannot model (kept for the live allocator). */
export const SIMULATED_FIELDS = ['strategy', 'targets', 'bounds', 'cooldowns'] as const;
export const NOT_SIMULATED_FIELDS = ['forecast', 'profilePriorities'] as const;
/** Why each of them is not simulated, shown beside the preview (the Grafana app's Tuning page). */
export const NOT_SIMULATED_REASONS: Readonly<Record<(typeof NOT_SIMULATED_FIELDS)[number], string>> = {
  forecast: 'the behaviour-aware forecast exists only in the live exporter, not in a replayed trace',
  profilePriorities: 'acts at the load balancer (HAProxy serves queued requests of higher-priority profiles first), not simulated',
};

/** The operator's recent load as the resource manager sees it, and the simulator settings of its pool. */
export interface PreviewHistory {
  readonly values: readonly number[];
  readonly config: SimConfig;
  /** What the values are, e.g. "pool web: 2 days of kib per 60 s step". */
  readonly description: string;
  /** Seconds per value (default: the bundled trace's minute). */
  readonly stepSeconds?: number;
}

/** The actuation delay of the path that acts, counted in steps of the given length. */
export type PreviewDelay = (stepSeconds: number) => StatedActuationDelay;

/** The shipped path's delay (the shipped pool model's cooldown), for a previewer that is not told its deployment's. */
export const shippedPreviewDelay: PreviewDelay = (stepSeconds) => runningActuationDelay({ stepSeconds, cooldownSeconds: shippedActuationPath().cooldownSeconds });

/** The delay, or at once when it cannot be derived (e.g. provisioning/ is missing): the answer then says so. */
function delayOrAtOnce(delay: PreviewDelay, stepSeconds: number): StatedActuationDelay {
  try {
    return delay(stepSeconds);
  } catch (err) {
    return { steps: 0, seconds: 0, step_seconds: stepSeconds, source: `not derived (${(err as Error).message}): decisions act at once in this preview` };
  }
}

export interface PolicyPreview {
  readonly trace: { readonly source: string; readonly steps: number; readonly capacity: number };
  readonly current: SimulateJson;
  readonly proposed: SimulateJson;
  /** True when the proposed policy under-provisions more often, or costs more, than the one in force. */
  readonly worse: boolean;
  readonly simulated: readonly string[];
  readonly notSimulated: readonly string[];
  /** Field → why the simulator leaves it out (e.g. it acts at the load balancer). */
  readonly notSimulatedReasons: Readonly<Record<string, string>>;
  /**
   * The real path's actuation delay both policies were simulated with (decision → pool change, in steps
   * of the replayed history), and where it came from (docs/simulation.md).
   */
  readonly actuationDelay: StatedActuationDelay;
}

/** Replays a history under a policy, through the same strategy code the resource manager runs. */
export function simulatePolicy(policy: Policy, values: ArrayLike<number>, config: SimConfig): SimulateJson {
  return simulateJson(simulate(values, policyStrategy(policy), config));
}

/**
 * Compares the policy in force with a proposed one on the operator's own recent history (the resource
 * manager's per-step load of its first pool), or on the bundled NASA slice while there is too little.
 */
export class PolicyPreviewer {
  private bundled: PreviewHistory | undefined;

  constructor(
    private readonly recent: () => Promise<PreviewHistory | undefined> = async () => undefined,
    private readonly delay: PreviewDelay = shippedPreviewDelay,
  ) {}

  async preview(current: Policy, proposed: Policy): Promise<PolicyPreview> {
    const own = await this.recent().catch(() => undefined);
    const h = own && own.values.length >= MIN_PREVIEW_STEPS ? own : this.bundledTrace();
    const actuationDelay = delayOrAtOnce(this.delay, h.stepSeconds ?? BUNDLED_STEP_SECONDS);
    const config: SimConfig = { ...h.config, actuationDelay: actuationDelay.steps };
    const cur = simulatePolicy(current, h.values, config);
    const next = simulatePolicy(proposed, h.values, config);
    return {
      trace: { source: h.description, steps: h.values.length, capacity: h.config.capacity },
      current: cur,
      proposed: next,
      worse: next.tau_U > cur.tau_U + 1e-9 || next.cost_ratio > cur.cost_ratio + 1e-9,
      simulated: SIMULATED_FIELDS,
      notSimulated: NOT_SIMULATED_FIELDS,
      notSimulatedReasons: NOT_SIMULATED_REASONS,
      actuationDelay,
    };
  }

  private bundledTrace(): PreviewHistory {
    if (!this.bundled) {
      const trace = readTraceFile(PREVIEW_TRACE);
      this.bundled = {
        values: trace.requests,
        config: { capacity: defaultCapacity(trace.requests), ...SIM_DEFAULTS },
        description: `bundled sample ${path.relative(path.dirname(sampleDataDir), PREVIEW_TRACE)} (the exporter has less than ${MIN_PREVIEW_STEPS} steps of its own history)`,
      };
    }
    return this.bundled;
  }
}
