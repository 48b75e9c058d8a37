import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkAgrees, parsePoolModel, requireAttribution, type PoolModel } from '@shadowfleet/models';
import { repoRoot } from '../paths';
import type { TrendSettings } from '../trend/settings';

/** The pool model the exporter reads when SHADOWFLEET_POOLS_FILE is not set: the one the provisioning ships. */
export const DEFAULT_POOLS_FILE = path.join(repoRoot, 'provisioning', 'pools.json');

/** Reads and validates the pool model file; errors name the file and each bad field. */
export function loadPoolModel(file: string = DEFAULT_POOLS_FILE): PoolModel {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`pool model ${file} (SHADOWFLEET_POOLS_FILE): cannot read it (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new Error(`pool model ${file} (SHADOWFLEET_POOLS_FILE): not valid JSON (${(err as Error).message})`);
  }
  const model = parsePoolModel(raw, `pool model ${file}`);
  // The resource manager sizes each pool for the events it serves: with several pools they must be attributed.
  requireAttribution(model, `pool model ${file}`);
  for (const [name, pool] of Object.entries(model.pools)) {
    if (pool.hostCapacity === undefined) throw new Error(`pool model ${file}: pools.${name}.hostCapacity: the resource manager needs each pool's capacity per host (${model.complexityUnit} per second)`);
  }
  return model;
}

/**
 * What the pool model fixes for the trend plan (its first pool): templates, cold start, and the capacity per
 * host when the model counts requests (the plan sizes hosts in requests per minute).
 */
export function trendSettingsFromPoolModel(model: PoolModel): Partial<Pick<TrendSettings, 'templates' | 'coldStartMinutes' | 'capacityPerHost'>> {
  const pool = Object.values(model.pools)[0];
  return {
    coldStartMinutes: pool.coldStartSeconds / 60,
    ...(pool.templates ? { templates: pool.templates } : {}),
    ...(model.complexityUnit === 'requests' && pool.hostCapacity !== undefined ? { capacityPerHost: pool.hostCapacity * 60 } : {}),
  };
}

/**
 * The trend settings may not say something else than the pool model: each field the settings file sets
 * explicitly (`explicit`: the keys of its JSON) and the pool model also fixes is checked at start, and the
 * error names the field and both values. Defaults are not a disagreement.
 */
export function checkTrendSettings(model: PoolModel, settings: TrendSettings, settingsSource: string, explicit: ReadonlySet<string>): void {
  const [name, pool] = Object.entries(model.pools)[0];
  const set = <K extends keyof TrendSettings>(key: K): TrendSettings[K] | undefined => (explicit.has(key) ? settings[key] : undefined);
  const coldStart = set('coldStartMinutes');
  checkAgrees(`pools.${name}.coldStartSeconds`, pool.coldStartSeconds, `${settingsSource} (coldStartMinutes × 60)`, coldStart === undefined ? undefined : coldStart * 60);
  if (pool.templates) checkAgrees(`pools.${name}.templates`, pool.templates, `${settingsSource} (templates)`, set('templates'));
  const capacity = set('capacityPerHost');
  if (capacity !== undefined) {
    const perMinute = model.complexityUnit === 'requests' ? pool.hostCapacity! * 60 : undefined;
    checkAgrees(`pools.${name}.hostCapacity × 60 (requests per minute)`, perMinute ?? `${pool.hostCapacity} ${model.complexityUnit}/s`, `${settingsSource} (capacityPerHost)`, capacity);
  }
}
