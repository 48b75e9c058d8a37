import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { shadowfleetBin } from '../../support';

export interface ExporterProcess {
  readonly url: string;
  readonly proc: ChildProcess;
  stop(): Promise<void>;
}

/** `shadowfleet start` as its own process (as in production), on a free port and the given data dir. */
/** `env`: more settings. `cpuProfileDir`: run under `node --cpu-prof` (V8 writes the profile there when the process exits). */
export function startExporterProcess(dataDir: string, token: string, cpuProfileDir?: string, env: Record<string, string> = {}): Promise<ExporterProcess> {
  const bin = shadowfleetBin;
  const prof = cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [];
  // The scheduled background jobs are off (each still runs on demand): this process measures ingest
  // alone. The trend refresh would otherwise start 30 s in, in the middle of the measured passes.
  const trendSettings = `${dataDir}-trend-settings.json`;
  writeFileSync(trendSettings, JSON.stringify({ refreshMinutes: 0 }));
  const proc = spawn(process.execPath, [...prof, bin, 'start', '--port', '0', '--data-dir', dataDir, '--no-samples'], {
    env: {
      ...process.env,
      SHADOWFLEET_AUTH_TOKEN: token,
      SHADOWFLEET_PROFILE_REBUILD_MINUTES: '0',
      SHADOWFLEET_RETRAIN_MINUTES: '0',
      SHADOWFLEET_FORECAST_REFRESH_SECONDS: String(24 * 3600),
      SHADOWFLEET_TREND_SETTINGS: trendSettings,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
      proc.once('exit', () => resolve());
      proc.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`the exporter did not start in 60 s: ${err}`));
    }, 60_000);
    proc.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /listening on (http:\/\/[^\s"]+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, proc, stop });
      }
    });
    proc.once('exit', (code) => reject(new Error(`the exporter exited with ${code}: ${err}`)));
  });
}
