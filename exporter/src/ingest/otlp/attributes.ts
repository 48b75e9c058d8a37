import type { AnyValue, KeyValue } from './proto';

/** An attribute's value as plain JSON: int64 as a number, arrays and maps as arrays and objects. */
export type PlainValue = string | number | boolean | null | PlainValue[] | { [key: string]: PlainValue };

export function plainValue(v: AnyValue | undefined): PlainValue {
  if (v === undefined) return null;
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (v.doubleValue !== undefined) return v.doubleValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.arrayValue !== undefined) return (v.arrayValue.values ?? []).map(plainValue);
  if (v.kvlistValue !== undefined) return Object.fromEntries((v.kvlistValue.values ?? []).map((kv) => [kv.key ?? '', plainValue(kv.value)]));
  if (v.bytesValue !== undefined) return v.bytesValue;
  return null;
}

/** Attributes by key (the last one wins, as in the Collector). */
export function attributeMap(list: readonly KeyValue[] | undefined): Map<string, PlainValue> {
  const out = new Map<string, PlainValue>();
  for (const kv of list ?? []) if (kv.key !== undefined) out.set(kv.key, plainValue(kv.value));
  return out;
}

/** A log record's attributes over its resource's: a key the record has hides the resource's. */
export interface Attributes {
  readonly record: ReadonlyMap<string, PlainValue>;
  readonly resource: ReadonlyMap<string, PlainValue>;
}

/** The first of `keys` present (record first, then resource, for each key), with the key it came from. */
export function firstOf(attrs: Attributes, keys: readonly string[]): { readonly key: string; readonly value: PlainValue } | undefined {
  for (const key of keys) {
    const value = attrs.record.has(key) ? attrs.record.get(key) : attrs.resource.get(key);
    if (value !== undefined && value !== null && value !== '') return { key, value };
  }
  return undefined;
}
