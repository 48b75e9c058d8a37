/**
 * Bodies of the exporter's read endpoints as this app uses them. Only fields the pages show are
 * listed; everything else the exporter sends is ignored.
 */
import type { Trait } from './traits';

export interface ProfilesBody {
  built: boolean;
  rebuilding: boolean;
  message?: string;
  builtAt?: string;
  users?: number;
  k?: number;
  silhouette?: number;
  profiles: Array<{ id: string; name: string; size: number; share: number; traits: Trait[] }>;
}

/** GET /v1/decisions: the latest allocation decisions with their explanation. */
export interface DecisionsBody {
  decisions: Array<{ at: string; tier?: number | string; pool?: string; action?: string; hosts?: number; explanation?: string; reason?: string }>;
}

/** GET /v1/complexity: what each action costs, in complexity units. */
export interface ComplexityBody {
  unit: string;
  basis: string;
  events: number;
  actions: Array<{ action: string; dataType?: string; units: number; p90?: number | null; samples: number }>;
}

/** GET /v1/forecast/complexity-load: the next-action model and its load forecast per horizon. */
export interface ComplexityLoadBody {
  at: string;
  model: string;
  /** Live top-1 accuracy of the next-action model on recent sessions (null until measured). */
  liveTop1: number | null;
  forecasts: Array<{ horizonMinutes: number; complexity: number; requests: number; activeSessions: number; newSessions: number }>;
}

/**
 * One metric of an A/B comparison as models/src/sim/experiment.ts computes it (`shadowfleet
 * experiment`): means of A and B over matched segments, the mean of (B − A) and its bootstrap interval.
 */
export interface ExperimentResult {
  metric: string;
  a: string;
  b: string;
  segments: number;
  mean_a: number;
  mean_b: number;
  mean_difference: number;
  ci_low: number;
  ci_high: number;
  level: number;
}

/** GET /v1/experiments: one entry per experiment, each with its per-metric results. */
export interface ExperimentsBody {
  experiments?: Array<{ id?: string; name?: string; verdict?: string; results?: ExperimentResult[] }>;
}
