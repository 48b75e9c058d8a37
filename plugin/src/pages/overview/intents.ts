import type { WebhookIntent } from '../../api/types';

/** The webhook intents a decision led to: those for its pool accepted in [atMs, untilMs), oldest first. */
export function intentsFor(pool: string | undefined, atMs: number, untilMs: number, intents: readonly WebhookIntent[]): WebhookIntent[] {
  return intents
    .filter((i) => (pool === undefined || i.pool === pool) && Date.parse(i.accepted_at) >= atMs && Date.parse(i.accepted_at) < untilMs)
    .sort((a, b) => Date.parse(a.accepted_at) - Date.parse(b.accepted_at));
}

/** "set_hosts 2 → 5 dry_run", "set_hosts queued", "scale_back 5 → 2 skipped (cooldown)". */
export function intentSummary(i: WebhookIntent): string {
  const sizes = i.from !== undefined && i.to !== undefined ? ` ${i.from} → ${i.to}` : '';
  const outcome = i.state === 'finished' ? `${i.outcome ?? 'finished'}${i.reason ? ` (${i.reason})` : ''}` : i.state;
  return `${i.action}${sizes} ${outcome}`;
}

/** The short id shown (the full one is in the tooltip and in the webhook's log): its first 8 characters. */
export const shortId = (id: string) => id.slice(0, 8);
