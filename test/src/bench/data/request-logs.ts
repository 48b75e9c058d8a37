/**
 * The per-request logs and session data of ../shared/data the behaviour, forecast, profile, ingest and
 * next-action benches read, in one place: path, the importer that reads it (exporter/src/importers) and
 * the options the file itself needs. Each suite keeps its own result names.
 */
export interface SharedLog {
  /** Path under ../shared/data. */
  readonly file: string;
  /** The importer's name (`formatByName`; the CLI's `nasa` is an alias of `nasa-tsv`). */
  readonly format: string;
  /** What the importer needs to read this file. */
  readonly options: { readonly month?: string; readonly utcOffset?: string };
}

/** NASA Kennedy Space Center, 1 August 1995, one request a line (tab-separated, Unix times). */
export const NASA_LOG: SharedLog = { file: 'nasa-http-log-19950801/nasa_19950801.tsv.gz', format: 'nasa-tsv', options: {} };
/** EPA WWW server, 30 August 1995 00:00–11:59 EDT: its lines carry day and time only, in local time, so the month and offset are given. */
export const EPA_LOG: SharedLog = { file: 'epa-http-log-19950830/epa-http_19950830_0000-1159.txt.gz', format: 'epa', options: { month: '1995-08', utcOffset: '-04:00' } };
/** MSNBC page categories per user session, 28 September 1999 (no clock times). */
export const MSNBC_LOG: SharedLog = { file: 'msnbc/msnbc990928.seq.gz', format: 'msnbc', options: {} };
/** Online shoppers' purchasing intention: one session a row (no clock times). */
export const SHOPPERS: SharedLog = { file: 'online-shoppers-intention/online_shoppers_intention.csv', format: 'shoppers', options: {} };
