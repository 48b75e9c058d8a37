/**
 * Every reason an alert is deliberately not acted on. One catalogue: the metric label
 * `shadowfleet_webhook_alerts_skipped_total{reason}`, the log field and the README table use these names.
 */
export const skipReasons = {
  not_shadowfleet: 'the alert has no shadowfleet_action label, so it is not meant for this receiver',
  unknown_action: 'shadowfleet_action names no known action',
  missing_pool: 'the alert has no pool label',
  unknown_pool: 'the pool label names no configured pool',
  invalid_amount: 'count or target is missing or not a valid number for the action',
  invalid_tier: 'tier is not 1, 2 or 3',
  duplicate: 'the same alert (fingerprint, startsAt, status) was already accepted',
  cooldown: 'the pool changed less than its cooldown ago',
  rate_limited: 'the global limit on changes per window was reached',
  no_matching_action: 'a resolved alert whose firing alert caused no change, so there is nothing to scale back',
  scale_back_disabled: 'the pool does not scale back on resolved alerts',
  set_point_resolved: 'a resolved set_hosts alert: the set-point was reached or replaced, nothing to undo',
  superseded: 'a newer set_hosts set-point for the same pool was accepted, so this older one is not applied',
} as const;

export type SkipReason = keyof typeof skipReasons;
export const skipReasonNames = Object.keys(skipReasons) as SkipReason[];
