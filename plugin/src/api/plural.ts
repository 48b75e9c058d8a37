import type { FormattedValue } from '@grafana/data';

/** Counted things the app shows with a `suffix:` unit (Grafana's suffix units never singularise). */
const PLURALS = ['hosts', 'actions', 'events', 'requests', 'sessions', 'users', 'moments'];

/** "1 host", "3 hosts", "0 hosts". */
export const countOf = (n: number, singular: string): string => `${n} ${Math.abs(n) === 1 ? singular : `${singular}s`}`;

/** A formatted value with its suffix made singular when the value is exactly ±1 ("1 hosts" → "1 host"). */
export function pluralised<T extends FormattedValue>(formatted: T, value: number): T {
  const suffix = formatted.suffix;
  if (Math.abs(value) !== 1 || !suffix) {
    return formatted;
  }
  const word = suffix.trim();
  return PLURALS.includes(word) ? { ...formatted, suffix: suffix.replace(word, word.slice(0, -1)) } : formatted;
}
