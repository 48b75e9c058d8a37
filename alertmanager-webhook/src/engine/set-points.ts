import { SET_POINT_ACTION } from '../actions/scheme';
import type { Intent } from '../intents/records';

/** When a set-point was decided: its alert's startsAt, else when it was accepted. */
const startedAt = (i: Intent): number => i.accepted.startsAt ?? i.accepted.at;

/** The target a set-point asks for (for logs). */
export function targetOf(i: Intent): number | undefined {
  const a = i.accepted.amount;
  return a && 'target' in a ? a.target : undefined;
}

/**
 * A set_hosts intent of the same pool that replaces `intent`: one whose alert started later (or at the same
 * time and was accepted later) and that has not failed. Applying the older one after it would undo it.
 */
export function newerSetPoint(intent: Intent, all: Iterable<Intent>): Intent | undefined {
  const mine = startedAt(intent);
  for (const other of all) {
    if (other === intent || other.accepted.action !== SET_POINT_ACTION || other.accepted.pool !== intent.accepted.pool) continue;
    if (other.finished?.outcome === 'failed' || other.finished?.reason === 'superseded') continue;
    const theirs = startedAt(other);
    if (theirs > mine || (theirs === mine && other.accepted.at > intent.accepted.at)) return other;
  }
  return undefined;
}
