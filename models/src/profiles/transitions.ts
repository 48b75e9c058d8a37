/** How users moved between profiles from one rebuild to the next (no per-user output). */
export interface ProfileTransitions {
  /** Users in both rebuilds with the same profile id. */
  readonly stayed: number;
  /** Users in both rebuilds whose profile id changed. */
  readonly moved: number;
  /** Users only in the new rebuild. */
  readonly joined: number;
  /** Users only in the old rebuild. */
  readonly left: number;
  /** Counts per (from, to) pair of profile ids, from ≠ to, largest first. */
  readonly flows: ReadonlyArray<{ readonly from: string; readonly to: string; readonly users: number }>;
}

export function profileTransitions(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): ProfileTransitions {
  let stayed = 0;
  let moved = 0;
  let joined = 0;
  const flows = new Map<string, { from: string; to: string; users: number }>();
  for (const [user, to] of after) {
    const from = before.get(user);
    if (from === undefined) joined += 1;
    else if (from === to) stayed += 1;
    else {
      moved += 1;
      const key = `${from}\u0000${to}`;
      const f = flows.get(key) ?? { from, to, users: 0 };
      f.users += 1;
      flows.set(key, f);
    }
  }
  let left = 0;
  for (const user of before.keys()) if (!after.has(user)) left += 1;
  return { stayed, moved, joined, left, flows: [...flows.values()].sort((a, b) => b.users - a.users || (a.from + a.to < b.from + b.to ? -1 : 1)) };
}
