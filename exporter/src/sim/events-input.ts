import { COMPLEXITY_BASES, EVENT_FORECASTS, minuteDemand, type BehaviourAdapter, type ComplexityBasis, type EventForecast, type MinuteDemand } from '@shadowfleet/models';
import { behaviourForecast } from '../allocation/behaviour-forecast';
import { HORIZONS } from '../nextaction/behaviour-service';
import { readEventsFile } from './events-file';

/**
 * The exporter's own path from load forecasts to the manager's external forecast: the behaviour service
 * forecasts 5, 15 and 60 minutes ahead, and behaviourForecast() hands the manager the mean load per
 * minute over the shortest of them that covers the horizon asked for.
 */
export const EXPORTER_ADAPTER: BehaviourAdapter = {
  name: 'exporter (mean per minute of the 5/15/60-minute forecasts)',
  horizons: () => [...HORIZONS],
  toExternal: (forecasts) => behaviourForecast(forecasts, 60),
};

/** The `simulate --events` flags as commander hands them over. */
export interface EventFlags {
  events: string;
  format?: string;
  month?: string;
  utcOffset?: string;
  actionDepth?: string;
  basis: string;
  forecast: string;
}

/**
 * `simulate --events` follows the evidence of docs/behaviour.md: on the NASA and EPA logs the
 * behaviour-aware forecast never rose above tier 2's own quantile forecast, so it changed no decision;
 * it is computed only when asked for.
 */
export const DEFAULT_EVENT_FORECAST: EventForecast = 'volume';

export function checkEventFlags(flags: EventFlags): { basis: ComplexityBasis; forecast: EventForecast } {
  if (!flags.format) throw new Error('--events needs --format (e.g. nasa, epa, clf, csv, ndjson)');
  if (!(COMPLEXITY_BASES as readonly string[]).includes(flags.basis)) throw new Error(`--basis must be one of ${COMPLEXITY_BASES.join(', ')}, got "${flags.basis}"`);
  if (!(EVENT_FORECASTS as readonly string[]).includes(flags.forecast)) throw new Error(`--forecast must be one of ${EVENT_FORECASTS.join(', ')}, got "${flags.forecast}"`);
  return { basis: flags.basis as ComplexityBasis, forecast: flags.forecast as EventForecast };
}

/** Reads the log and lays it out as per-minute demand (sum of request complexity in the basis' unit). */
export async function readEventDemand(flags: EventFlags, basis: ComplexityBasis): Promise<MinuteDemand> {
  const depth = flags.actionDepth === undefined ? undefined : Number(flags.actionDepth);
  if (depth !== undefined && !(Number.isInteger(depth) && depth >= 0)) throw new Error(`--action-depth must be a whole number ≥ 0, got ${flags.actionDepth}`);
  const { events } = await readEventsFile(flags.events, flags.format!, { month: flags.month, utcOffset: flags.utcOffset, actionDepth: depth });
  return minuteDemand(events, basis);
}
