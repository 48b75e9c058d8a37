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

/** GET /v1/decisions (exporter/src/allocation): the resource manager's latest decisions, each with why. */
export interface DecisionsBody {
  mode?: string;
  message?: string;
  fleet?: { serving: number; booting: number; standby: number; activating: number };
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

/** GET /v1/experiments (exporter/src/feedback): each experiment's metrics, treatment − control, and verdict. */
export interface ExperimentsBody {
  experiments?: Array<{
    id?: string;
    name?: string;
    verdict?: string;
    source?: string;
    metrics?: Array<{ metric: string; control?: number; treatment?: number; difference: number; lower: number; upper: number; unit?: string }>;
  }>;
}
