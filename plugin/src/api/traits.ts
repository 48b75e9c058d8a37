/** A profile trait as GET /v1/profiles sends it (models/src/profiles: a feature and how far it stands out). */
export interface Trait {
  feature?: string;
  label?: string;
  z?: number;
  direction?: string;
}

/** A short human reading of a trait, whatever fields the exporter filled in. */
export function traitText(t: Trait | string): string {
  if (typeof t === 'string') {
    return t;
  }
  const name = t.label ?? t.feature ?? 'trait';
  return t.z !== undefined ? `${name} (z ${t.z >= 0 ? '+' : ''}${t.z.toFixed(1)})` : name;
}
