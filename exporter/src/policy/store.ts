import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_POLICY, parsePolicy, type Policy } from './schema';

/** The policy as stored: the policy, when it was saved, and whether it is still the default. */
export interface StoredPolicy {
  readonly policy: Policy;
  readonly source: 'default' | 'saved';
  readonly updatedAt: string | null;
}

export const POLICY_FILE = 'policy.json';

/** Keeps the allocation policy in `<dataDir>/policy.json` (written to a temp file, then renamed). */
export class PolicyStore {
  private current: StoredPolicy;

  constructor(private readonly dataDir: string, private readonly now: () => number = Date.now) {
    this.current = this.load();
  }

  get(): StoredPolicy {
    return this.current;
  }

  save(policy: Policy): StoredPolicy {
    mkdirSync(this.dataDir, { recursive: true });
    const stored: StoredPolicy = { policy, source: 'saved', updatedAt: new Date(this.now()).toISOString() };
    const file = path.join(this.dataDir, POLICY_FILE);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ policy, updatedAt: stored.updatedAt }, null, 2) + '\n');
    renameSync(tmp, file);
    this.current = stored;
    return stored;
  }

  private load(): StoredPolicy {
    const file = path.join(this.dataDir, POLICY_FILE);
    if (!existsSync(file)) return { policy: DEFAULT_POLICY, source: 'default', updatedAt: null };
    const raw = JSON.parse(readFileSync(file, 'utf8')) as { policy?: unknown; updatedAt?: string };
    const parsed = parsePolicy(raw.policy);
    if (!parsed.ok) {
      const list = parsed.issues.map((i) => `${i.field}: ${i.message}`).join('; ');
      throw new Error(`${file}: the saved policy is invalid (${list}); fix or delete the file`);
    }
    return { policy: parsed.policy, source: 'saved', updatedAt: raw.updatedAt ?? null };
  }
}
