import type { UserAttributes } from '@shadowfleet/models';
import type { IncomingEvent } from '../store/types';
import type { ActionRules } from './action-rules';

/** What an importer yields: an event, a user's attributes, or a line it skipped (and why). */
export type ImportItem =
  | { readonly event: IncomingEvent }
  | { readonly user: UserAttributes }
  | { readonly skipped: string; readonly line: number };

export interface ImportOptions {
  /** Path segments kept in an action (URL logs); default 2. Ignored when actionRules is given. */
  readonly actionDepth?: number;
  /** Rules that turn URLs into actions (the same as the HAProxy log and OTLP sources use). */
  readonly actionRules?: ActionRules;
  /** For EPA-style `[DD:HH:MM:SS]` stamps: the month they are in (YYYY-MM). */
  readonly month?: string;
  /** UTC offset of stamps that carry none (EPA style), e.g. -04:00. */
  readonly utcOffset?: string;
}

export interface ImportFormat {
  readonly name: string;
  readonly description: string;
  /** True when the first line of a file looks like this format. */
  detect(firstLine: string): boolean;
  read(file: string, options: ImportOptions): AsyncIterable<ImportItem>;
}

/** Where imported records go: the store directly, or a running exporter's API. */
export interface ImportSink {
  appendEvents(events: readonly IncomingEvent[]): Promise<void>;
  upsertUsers(users: readonly UserAttributes[]): Promise<void>;
}
