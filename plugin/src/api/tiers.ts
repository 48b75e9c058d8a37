/** Shadowfleet's tiers by the names operators use (the `tier` label carries "1", "2", "3"). */
export const TIER_NAMES: Record<string, string> = { '1': 'reactive', '2': 'predictive', '3': 'shadow' };

export const tierName = (tier: string | number | undefined): string =>
  tier === undefined ? '' : TIER_NAMES[String(tier)] ?? String(tier);

/** A label value as shown in tables and legends: tiers by name, everything else as is. */
export const labelText = (name: string, value: string | undefined): string => (name === 'tier' ? tierName(value) : value ?? '');
