import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { packageRoot } from '@shadowfleet/alertmanager-webhook';

const START_TIMEOUT_MS = 30_000;

export interface WebhookProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Log lines (parsed JSON) the service wrote. */
  readonly logs: Record<string, unknown>[];
  /** SIGTERM and wait; resolves to the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: a crash, no drain. */
  kill(): Promise<void>;
  exited(): boolean;
}

/** Runs the real `shadowfleet-webhook` command (compiled) with a config file, on a free port. */
export async function startWebhookProcess(config: Record<string, unknown>, dir: string): Promise<WebhookProcess> {
  const file = path.join(dir, 'webhook.json');
  writeFileSync(file, JSON.stringify({ port: 0, ...config }, null, 2));
  const child = spawn(process.execPath, [path.join(packageRoot, 'bin', 'shadowfleet-webhook.js'), '--config', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  const logs: Record<string, unknown>[] = [];
  let resolveUrl: (url: string) => void = () => undefined;
  const listening = new Promise<string>((resolve) => (resolveUrl = resolve));
  let stderr = '';
  createInterface({ input: child.stderr! }).on('line', (line) => {
    try {
      const entry = JSON.parse(line) as Record<string, unknown>;
      logs.push(entry);
      if (entry.msg === 'webhook listening') resolveUrl(String(entry.url));
    } catch {
      stderr += `${line}\n`;
    }
  });
  const exit = once(child, 'exit');
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`webhook did not start within ${START_TIMEOUT_MS} ms: ${stderr}`)), START_TIMEOUT_MS).unref());
  const failed = exit.then(([code]) => {
    throw new Error(`webhook exited with ${code} before listening: ${stderr}`);
  });
  const url = await Promise.race([listening, timeout, failed]);
  failed.catch(() => undefined);
  return {
    url,
    child,
    logs,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const [code] = (await exit) as [number | null];
      return code;
    },
    async kill() {
      if (child.exitCode !== null) return;
      child.kill('SIGKILL');
      await exit;
    },
    exited: () => child.exitCode !== null || child.signalCode !== null,
  };
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticksPerSecond = 100;
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Runs `tasks` with at most `concurrency` in flight. */
export async function pool<T>(tasks: (() => Promise<T>)[], concurrency: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, tasks.length) }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]!();
      }
    }),
  );
  return results;
}

export const TOKEN = 'bench-webhook-token-0123456789';

export function postAlerts(url: string, body: string, contentType = 'application/json'): Promise<Response> {
  return fetch(`${url}/webhook`, { method: 'POST', headers: { 'content-type': contentType, authorization: `Bearer ${TOKEN}` }, body });
}
