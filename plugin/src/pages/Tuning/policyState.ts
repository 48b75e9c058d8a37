/**
 * GET/PUT /v1/policy and POST /v1/policy/rollback as the "One decision path" contract (issue 12)
 * defines them: the policy in force, its version, where each field's value came from, and the history
 * (newest first). Fields an older exporter does not send are optional, and the page says so.
 */
import type { Policy } from './policyTypes';

export type FieldSource = 'default' | 'file' | 'api';

export interface PolicyChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface PolicyVersion {
  version: number;
  at: string;
  by?: string | null;
  source?: string;
  policy?: Policy;
  changes: PolicyChange[];
}

export interface PolicyState {
  version?: number;
  policy: Policy;
  /** "<dotted.field>" → where the value in force came from. */
  sources?: Record<string, FieldSource>;
  updatedAt?: string | null;
  updatedBy?: string | null;
  history?: PolicyVersion[];
}

/** Every leaf of a policy as "dotted.field" → value (profilePriorities.<id> included). */
export function flatten(value: unknown, prefix = ''): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return prefix ? { [prefix]: value } : {};
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    Object.assign(out, flatten(v, prefix ? `${prefix}.${k}` : k));
  }
  return out;
}

/** The fields whose value differs between `from` and `to`, in a stable (sorted) order. */
export function diffPolicies(from: Policy, to: Policy): PolicyChange[] {
  const a = flatten(from);
  const b = flatten(to);
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return fields.filter((f) => JSON.stringify(a[f]) !== JSON.stringify(b[f])).map((field) => ({ field, from: a[field], to: b[field] }));
}

/** The source of a field; a profile priority not set anywhere is the default (none). */
export function sourceOf(state: PolicyState, field: string): FieldSource | undefined {
  return state.sources?.[field];
}

export const SOURCE_TEXT: Record<FieldSource, string> = {
  default: 'built-in default',
  file: 'policy file',
  api: 'saved from the API / this page',
};

/** A value as the tables show it ("—" for absent). */
export const showValue = (v: unknown): string => (v === undefined || v === null ? '—' : typeof v === 'string' ? v : JSON.stringify(v));
