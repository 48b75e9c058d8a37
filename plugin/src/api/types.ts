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

/**
 * GET /v1/decisions (exporter/src/allocation), newest first. The numbered fields are those of the
 * "One decision path" contract (issue 12); `tier`/`action`/`hosts` are the older exporter's.
 */
export interface Decision {
  at: string;
  pool?: string;
  policy_version?: number;
  desired?: { serving: number; standby: number; by_tier?: Record<string, number> };
  forecast?: { value: number; quantile?: number; horizon_minutes?: number; unit?: string };
  capacity?: { per_host: number; unit?: string; source?: string; configured?: number | null; learned?: number | null };
  fleet?: { serving: number; standby: number; source?: string };
  explanation?: string;
  tier?: number | string;
  action?: string;
  hosts?: number;
  reason?: string;
}

export interface DecisionsBody {
  mode?: string;
  message?: string;
  interval_seconds?: number;
  policy_version?: number;
  fleet?: { serving: number; booting: number; standby: number; activating: number };
  decisions: Decision[];
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

/** GET /v1/priority (exporter/src/priority/router.ts): the HAProxy map that makes profile priorities act. */
export type PriorityBody =
  | { enabled: false; message: string }
  | {
      enabled: true;
      mapFile: string;
      runtimeSocket: string | null;
      userIdentity: string;
      haproxyLines: string[];
      policyVersion: number | null;
      updatedAt: string | null;
      entries: number;
      byClass: Record<string, number>;
      leftOut: { maxEntries: number; unusableKey: number };
      failures: { file: number; runtime: number };
      lastError: string | null;
    };

/**
 * The webhook's `GET /v1/intents` answer and one intent of it, generated from the webhook's own types
 * (alertmanager-webhook/src/intents/api-types.ts → webhookTypes.generated.ts, `npm run generate:api-types`;
 * docs/webhook.md "Intents API").
 */
export type { IntentView as WebhookIntent, IntentsPage as IntentsBody } from './webhookTypes.generated';
