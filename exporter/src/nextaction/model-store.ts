import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { LstmArtifacts, LstmManifest } from '@shadowfleet/models';

const VERSION_DIR = /^v(\d+)$/;

/**
 * Versioned next-action models on disk: `<dir>/v<N>/manifest.json` + `weights.bin` (tfjs weight
 * format), and `<dir>/champion.json` naming the version that serves. Writes go to a temporary folder
 * renamed into place, so a crash never leaves half a model.
 */
export class ModelStore {
  constructor(readonly dir: string) {}

  versions(): number[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .map((name) => VERSION_DIR.exec(name))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b);
  }

  nextVersion(): number {
    const v = this.versions();
    return v.length ? v[v.length - 1] + 1 : 1;
  }

  save(artifacts: LstmArtifacts): string {
    const version = artifacts.manifest.modelVersion;
    if (!Number.isInteger(version) || version < 1) throw new Error(`modelVersion must be an integer ≥ 1, got ${version}`);
    const final = path.join(this.dir, `v${version}`);
    if (existsSync(final)) throw new Error(`model version ${version} already exists in ${this.dir}; use nextVersion()`);
    const tmp = path.join(this.dir, `.tmp-v${version}-${process.pid}`);
    mkdirSync(tmp, { recursive: true });
    writeFileSync(path.join(tmp, 'weights.bin'), Buffer.from(artifacts.weights));
    writeFileSync(path.join(tmp, 'manifest.json'), `${JSON.stringify(artifacts.manifest, null, 2)}\n`);
    renameSync(tmp, final);
    return final;
  }

  load(version: number): LstmArtifacts {
    const dir = path.join(this.dir, `v${version}`);
    if (!existsSync(dir)) throw new Error(`no model version ${version} in ${this.dir} (have ${this.versions().join(', ') || 'none'})`);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as LstmManifest;
    const buf = readFileSync(path.join(dir, 'weights.bin'));
    const weights = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
    return { manifest, weights };
  }

  /** The serving version, or undefined before the first promotion. */
  champion(): number | undefined {
    const file = path.join(this.dir, 'champion.json');
    if (!existsSync(file)) return undefined;
    const v = (JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version;
    return typeof v === 'number' && this.versions().includes(v) ? v : undefined;
  }

  promote(version: number, reason: Record<string, unknown> = {}): void {
    if (!this.versions().includes(version)) throw new Error(`cannot promote model version ${version}: not in ${this.dir}`);
    const file = path.join(this.dir, 'champion.json');
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, `${JSON.stringify({ version, promotedAt: new Date().toISOString(), ...reason })}\n`);
    renameSync(tmp, file);
  }

  /** Deletes all but the newest `keep` versions (never the champion). */
  prune(keep: number): void {
    const champion = this.champion();
    const versions = this.versions();
    for (const v of versions.slice(0, Math.max(0, versions.length - keep))) {
      if (v !== champion) rmSync(path.join(this.dir, `v${v}`), { recursive: true, force: true });
    }
  }
}
