/** Priority of a profile the policy does not list (policy.profilePriorities). */
export const DEFAULT_PROFILE_PRIORITY = 5;
/** Highest profile priority (protect most); 0 is shed first. */
export const MAX_PROFILE_PRIORITY = 10;

/**
 * The load balancer's queue priority class for a profile priority. HAProxy dequeues lower classes
 * first (`http-request set-priority-class`, range −2047…2047), so priority 10 → class 0, 0 → class 10.
 */
export function priorityClass(priority: number): number {
  return MAX_PROFILE_PRIORITY - priority;
}

/** The class of users in no listed profile, and of users the map does not hold (the map lookup's default). */
export const DEFAULT_PRIORITY_CLASS = priorityClass(DEFAULT_PROFILE_PRIORITY);

export interface PriorityMapOptions {
  /** Most entries kept; the users furthest from the default class are kept first. */
  readonly maxEntries: number;
  /** Whether a user id can be a key the load balancer looks up (e.g. one word, or an IP address). */
  readonly usableKey: (userId: string) => boolean;
}

/** The user → priority class entries the load balancer should hold. */
export interface PriorityMap {
  /** Sorted: furthest from the default class first, then higher priority first, then by user id. */
  readonly entries: ReadonlyArray<readonly [string, number]>;
  /** Entries per class (0…10). */
  readonly byClass: Readonly<Record<number, number>>;
  /** Users with a non-default priority left out because of `maxEntries`. */
  readonly omitted: number;
  /** Users with a non-default priority whose id is not a usable key. */
  readonly unusable: number;
}

/**
 * The entries of the load balancer's priority map: one per user whose profile has a priority other
 * than the default (users of unlisted profiles, unassigned users and new users all get the map
 * lookup's default class, so they need no entry), bounded by `maxEntries`.
 */
export function priorityMapEntries(
  assignments: Iterable<readonly [string, string]>,
  priorities: Readonly<Record<string, number>>,
  options: PriorityMapOptions,
): PriorityMap {
  const candidates: Array<readonly [string, number]> = [];
  let unusable = 0;
  for (const [userId, profileId] of assignments) {
    const priority = priorities[profileId];
    if (priority === undefined || priority === DEFAULT_PROFILE_PRIORITY) continue;
    if (!options.usableKey(userId)) unusable += 1;
    else candidates.push([userId, priorityClass(priority)]);
  }
  const distance = (c: number): number => Math.abs(c - DEFAULT_PRIORITY_CLASS);
  candidates.sort((a, b) => distance(b[1]) - distance(a[1]) || a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const entries = candidates.slice(0, Math.max(0, options.maxEntries));
  const byClass: Record<number, number> = {};
  for (const [, c] of entries) byClass[c] = (byClass[c] ?? 0) + 1;
  return { entries, byClass, omitted: candidates.length - entries.length, unusable };
}
