import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DEFAULT_LEVEL, DEFAULT_MIN_SUSTAINED_MINUTES, DEFAULT_PLAN_HOURS, DEFAULT_STEP_MINUTES, type ShadowTemplate, issueLines } from '@shadowfleet/models';

/**
 * Trend and shadow fleet settings: one JSON file (the exporter's `trendSettings` / SHADOWFLEET_TREND_SETTINGS,
 * or `shadowfleet plan --settings FILE`). Templates are lists of structured values, which is why they live
 * in a file rather than in environment variables. Every field is optional; see the README section
 * "Trends and the shadow fleet" for the table.
 */
const templateSchema = z.object({
  name: z.string().min(1, 'must be a non-empty name'),
  stack: z.string().min(1, 'must name the software stack (an image or package set)'),
  config: z.record(z.string(), z.string()).optional(),
  preload: z.array(z.string()).optional(),
  profiles: z.array(z.string()).default([]),
});

/** With no templates configured, one default template serves every profile. */
export const DEFAULT_TEMPLATE: ShadowTemplate = { name: 'general', stack: 'default', profiles: [] };

export const trendSettingsSchema = z
  .object({
    /** Requests per minute one host serves; default: max of the history / 100 (BENCHMARKS.md §1). */
    capacityPerHost: z.number().gt(0, 'must be > 0').optional(),
    coldStartMinutes: z.number().min(0, 'must be ≥ 0').default(5),
    tier1Hosts: z.number().min(0, 'must be ≥ 0').default(0),
    minSustainedMinutes: z.number().min(0, 'must be ≥ 0').default(DEFAULT_MIN_SUSTAINED_MINUTES),
    level: z.number().gt(0, 'must be > 0').lt(1, 'must be < 1').default(DEFAULT_LEVEL),
    stepMinutes: z.number().int().refine((v) => v >= 1 && 60 % v === 0, 'must divide an hour (1, 2, 3, 5, 10, 15, 30 or 60)').default(DEFAULT_STEP_MINUTES),
    horizonHours: z.number().int().min(1, 'must be ≥ 1').default(DEFAULT_PLAN_HOURS),
    maxHistoryDays: z.number().gt(0, 'must be > 0').default(28),
    /** Exporter only: minutes between forecast refreshes; 0 turns the refresh off. */
    refreshMinutes: z.number().min(0, 'must be ≥ 0').default(60),
    /** Exporter only: a trace file to forecast instead of the store's events. */
    historyFile: z.string().optional(),
    templates: z.array(templateSchema).min(1, 'must declare at least one template').default(() => [{ name: DEFAULT_TEMPLATE.name, stack: DEFAULT_TEMPLATE.stack, profiles: [] }]),
  })
  .strict();

export type TrendSettings = Readonly<z.infer<typeof trendSettingsSchema>>;

/** Validates settings, naming each bad field (e.g. `templates.0.stack: must name the software stack`). */
export function parseTrendSettings(raw: unknown, source = 'trend settings'): TrendSettings {
  const parsed = trendSettingsSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const lines = issueLines(parsed.error, '(root)').map((l) => `  ${l}`);
    throw new Error(`invalid ${source}:\n${lines.join('\n')}`);
  }
  return Object.freeze(parsed.data);
}

/** The settings file's JSON as written (errors name the file); the keys it sets are what it says explicitly. */
export function readTrendSettingsFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`trend settings ${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`trend settings ${file}: not valid JSON (${(err as Error).message})`);
  }
}

/** Reads and validates a settings JSON file; no file gives the defaults. */
export function loadTrendSettings(file: string | undefined): TrendSettings {
  if (!file) return parseTrendSettings({});
  return parseTrendSettings(readTrendSettingsFile(file), `trend settings ${file}`);
}
