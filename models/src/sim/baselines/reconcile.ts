import type { FleetActions, FleetSnapshot } from '../types';

/**
 * Moves a cold-only fleet to `desired` hosts (serving + booting): above the total, launch cold hosts;
 * below it, cancel booting hosts first (newest first), then remove serving ones, never below 1.
 */
export function reconcileCold(fleet: FleetSnapshot, desired: number): FleetActions {
  const booting = fleet.bootingReadyAt.length;
  const total = fleet.serving + booting;
  if (desired > total) return { launch: desired - total };
  if (desired === total) return {};
  const excess = total - desired;
  const cancelBooting = Math.min(excess, booting);
  const removeServing = Math.min(excess - cancelBooting, Math.max(0, fleet.serving - 1));
  return { cancelBooting, removeServing };
}
