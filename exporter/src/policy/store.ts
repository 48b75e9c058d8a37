import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_POLICY, parsePolicy, policyLeaves, type Policy } from '@shadowfleet/models';

/** Where a policy value came from: the built-in default, the operator's policy file, or PUT /v1/policy (or a rollback). */
export type PolicySource = 'default' | 'file' | 'api';

export interface PolicyChange {
  readonly field: string;
  readonly from: unknown;
  readonly to: unknown;
}

/** One version of the policy, as kept in the history. */
export interface PolicyVersion {
  readonly version: number;
  readonly at: string;
  /** Who made it: Grafana's X-Grafana-User, `file <path>`, or `default`. */
  readonly by: string;
  readonly source: PolicySource | 'rollback';
  readonly policy: Policy;
  /** Where each leaf (`targets.servingQuantile`) of this version came from. */
  readonly sources: Readonly<Record<string, PolicySource>>;
  readonly changes: readonly PolicyChange[];
  /** For a rollback: the version restored. */
  readonly restored?: number;
}

/** The body of GET /v1/policy. */
export interface EffectivePolicy {
  readonly version: number;
  readonly policy: Policy;
  readonly sources: Readonly<Record<string, PolicySource>>;
  readonly updatedAt: string;
  readonly updatedBy: string;
  /** Newest first. */
  readonly history: readonly PolicyVersion[];
}

export const POLICY_FILE = 'policy.json';
/** Versions kept in the history (the oldest are dropped). */
export const MAX_POLICY_VERSIONS = 200;

interface Persisted {
  readonly versions: PolicyVersion[];
  /** The operator's policy file as last applied (JSON text), so that an edit of the file becomes a new version. */
  readonly fileLayer?: string;
}

/** Deep merge of a partial policy (from a file) over a whole one. */
function merge(base: unknown, over: unknown): unknown {
  if (over === null || typeof over !== 'object' || Array.isArray(over) || base === null || typeof base !== 'object') return over;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over)) out[k] = merge(out[k], v);
  return out;
}

function diff(from: Policy, to: Policy): PolicyChange[] {
  const a = policyLeaves(from);
  const b = policyLeaves(to);
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return fields.filter((f) => JSON.stringify(a[f]) !== JSON.stringify(b[f])).map((field) => ({ field, from: a[field] ?? null, to: b[field] ?? null }));
}

/**
 * The live allocation policy: versioned, with where each value came from and who changed it. Kept in
 * `<dataDir>/policy.json`, written to a temporary file, fsynced and renamed, so a crash leaves either the
 * old or the new file. The resource manager reads `current()` at every decision and tags the decision with
 * its version. An optional policy file (SHADOWFLEET_POLICY_FILE, a partial policy) is layered over the
 * defaults; when its content changes between starts it becomes a new version.
 */
export class PolicyStore {
  private versions: PolicyVersion[];
  private fileLayer: string | undefined;
  private readonly listeners: Array<(v: PolicyVersion) => void> = [];

  constructor(
    private readonly dataDir: string,
    private readonly options: { readonly policyFile?: string; readonly now?: () => number } = {},
  ) {
    const persisted = this.load();
    this.versions = persisted.versions;
    this.fileLayer = persisted.fileLayer;
    // The defaults are version 1 in memory; nothing is written until a policy is really set.
    if (this.versions.length === 0) this.push(DEFAULT_POLICY, 'default', 'default', {}, undefined, false);
    this.applyFile();
  }

  /** Calls `listener` after every new version (the resource manager decides again at once). */
  onChange(listener: (v: PolicyVersion) => void): void {
    this.listeners.push(listener);
  }

  /** The policy in force and its version. */
  current(): PolicyVersion {
    return this.versions[this.versions.length - 1];
  }

  get(): EffectivePolicy {
    const v = this.current();
    return { version: v.version, policy: v.policy, sources: v.sources, updatedAt: v.at, updatedBy: v.by, history: [...this.versions].reverse() };
  }

  /** Saves a validated policy as a new version (a no-op change still makes one: the operator confirmed it). */
  save(policy: Policy, by: string): EffectivePolicy {
    const changed = diff(this.current().policy, policy).map((c) => c.field);
    const sources: Record<string, PolicySource> = { ...this.current().sources };
    for (const f of changed) sources[f] = 'api';
    this.push(policy, 'api', by, sources);
    return this.get();
  }

  /** Restores an earlier version as a new one; throws RangeError naming the versions that exist. */
  rollback(version: number, by: string): EffectivePolicy {
    const target = this.versions.find((v) => v.version === version);
    if (!target) {
      const known = this.versions.map((v) => v.version);
      throw new RangeError(`version ${version} is not in the history (kept: ${known[0]}…${known[known.length - 1]})`);
    }
    this.push(target.policy, 'rollback', by, target.sources, version);
    return this.get();
  }

  /**
   * Takes another store's policy and history as this one's (a shard other than 0 follows shard 0's, with
   * shard 0's version numbers), persisted so a restart keeps it. True, and listeners called, when the policy
   * in force changed (another version, or the same number made at another time).
   */
  adopt(owner: EffectivePolicy): boolean {
    const before = this.current();
    const versions = [...owner.history].reverse().slice(-MAX_POLICY_VERSIONS);
    const now = versions[versions.length - 1];
    if (!now || (now.version === before.version && now.at === before.at)) return false;
    this.versions = versions;
    this.persist();
    for (const l of this.listeners) l(now);
    return true;
  }

  private push(policy: Policy, source: PolicyVersion['source'], by: string, sources: Record<string, PolicySource>, restored?: number, persist = true): void {
    const prev = this.versions[this.versions.length - 1];
    const leaves = Object.keys(policyLeaves(policy));
    const full: Record<string, PolicySource> = {};
    for (const f of leaves) full[f] = sources[f] ?? 'default';
    const entry: PolicyVersion = {
      version: (prev?.version ?? 0) + 1,
      at: new Date((this.options.now ?? Date.now)()).toISOString(),
      by,
      source,
      policy,
      sources: full,
      changes: prev ? diff(prev.policy, policy) : [],
      ...(restored !== undefined ? { restored } : {}),
    };
    this.versions = [...this.versions, entry].slice(-MAX_POLICY_VERSIONS);
    if (persist) this.persist();
    for (const l of this.listeners) l(entry);
  }

  /** Layers the operator's policy file over the defaults when its content is new. */
  private applyFile(): void {
    const file = this.options.policyFile;
    if (!file) return;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new Error(`policy file ${file} (SHADOWFLEET_POLICY_FILE): cannot read it (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
    if (text === this.fileLayer) return;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (err) {
      throw new Error(`policy file ${file} (SHADOWFLEET_POLICY_FILE): not valid JSON (${(err as Error).message})`);
    }
    const parsed = parsePolicy(merge(DEFAULT_POLICY, raw));
    if (!parsed.ok) throw new Error(`policy file ${file} (SHADOWFLEET_POLICY_FILE): ${parsed.issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`);
    const fromFile = Object.keys(policyLeaves(merge({}, raw) as Policy));
    const sources: Record<string, PolicySource> = { ...this.current().sources };
    for (const f of fromFile) sources[f] = 'file';
    this.fileLayer = text;
    this.push(parsed.policy, 'file', `file ${file}`, sources);
  }

  private load(): Persisted {
    const file = path.join(this.dataDir, POLICY_FILE);
    if (!existsSync(file)) return { versions: [] };
    let raw: { versions?: unknown; fileLayer?: string };
    try {
      raw = JSON.parse(readFileSync(file, 'utf8')) as typeof raw;
    } catch (err) {
      throw new Error(`${file}: the saved policy history is not valid JSON (${(err as Error).message}); fix or delete the file`);
    }
    if (!Array.isArray(raw.versions)) {
      // An older release kept only `{ policy, updatedAt }`: start the history from it.
      const old = raw as { policy?: unknown; updatedAt?: string };
      const parsed = parsePolicy(merge(DEFAULT_POLICY, old.policy ?? {}));
      if (!parsed.ok) throw new Error(`${file}: the saved policy is invalid (${parsed.issues.map((x) => `${x.field}: ${x.message}`).join('; ')}); fix or delete the file`);
      const sources = Object.fromEntries(Object.keys(policyLeaves(parsed.policy)).map((f) => [f, 'api' as const]));
      return { versions: [{ version: 1, at: old.updatedAt ?? new Date(0).toISOString(), by: 'migrated', source: 'api', policy: parsed.policy, sources, changes: [] }] };
    }
    const versions = raw.versions.map((v: PolicyVersion, i: number) => {
      const parsed = parsePolicy(v.policy);
      if (!parsed.ok) throw new Error(`${file}: version ${v.version ?? i} is invalid (${parsed.issues.map((x) => `${x.field}: ${x.message}`).join('; ')}); fix or delete the file`);
      return { ...v, policy: parsed.policy };
    });
    return { versions, fileLayer: raw.fileLayer };
  }

  private persist(): void {
    mkdirSync(this.dataDir, { recursive: true });
    const file = path.join(this.dataDir, POLICY_FILE);
    const tmp = `${file}.${process.pid}.tmp`;
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, JSON.stringify({ versions: this.versions, fileLayer: this.fileLayer }, null, 1) + '\n');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
    const dir = openSync(this.dataDir, 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  }
}
