import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { suites } from './suites/index';

/**
 * `npm run bench [-- NAME ...]`: runs the benchmark suites (all, or the named ones) on the real data in
 * ../shared/data and writes each result to bench/results/NAME.json with the command and the machine.
 */
const repoRoot = path.resolve(__dirname, '..', '..', '..');
const resultsDir = path.join(repoRoot, 'bench', 'results');

async function run(wanted: string[]): Promise<void> {
  const unknown = wanted.filter((w) => !suites.some((s) => s.name === w));
  if (unknown.length > 0) {
    throw new Error(`unknown benchmark ${unknown.join(', ')}; known: ${suites.map((s) => s.name).join(', ')}`);
  }
  const chosen = wanted.length > 0 ? suites.filter((s) => wanted.includes(s.name)) : suites;
  mkdirSync(resultsDir, { recursive: true });
  for (const suite of chosen) {
    process.stderr.write(`bench ${suite.name}: ${suite.description}\n`);
    const started = Date.now();
    const results = await suite.run();
    const record = {
      name: suite.name,
      description: suite.description,
      command: `npm run bench -- ${suite.name}`,
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memory_gb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      wall_seconds: (Date.now() - started) / 1000,
      results,
    };
    const file = path.join(resultsDir, `${suite.name}.json`);
    writeFileSync(file, JSON.stringify(record, null, 2) + '\n');
    process.stderr.write(`bench ${suite.name}: wrote ${path.relative(repoRoot, file)}\n`);
  }
}

const program = new Command('bench')
  .description('Runs the benchmark suites (all, or the named ones) and writes bench/results/NAME.json')
  .argument('[names...]', `suites: ${suites.map((s) => s.name).join(', ')}`)
  .action((names: string[]) => run(names));

program.parseAsync(process.argv).catch((err) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
