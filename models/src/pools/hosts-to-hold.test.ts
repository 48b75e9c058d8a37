import { hostsToHold, standbyToKeep } from './hosts-to-hold';

describe('what a standby provider keeps', () => {
  // One decision's targets and the hosts active as the provider sees them, before and after the serving change lands.
  it.each([
    // The manager activates its one warm host without refilling: serving 1 → 2, standby 1 → 0.
    { name: 'activation on its way keeps the warm host it will take', desired: { serving: 2, standby: 0 }, active: 1, keep: 1 },
    { name: 'activation landed: the desired standby', desired: { serving: 2, standby: 0 }, active: 2, keep: 0 },
    // The manager returns a serving host to standby: serving 2 → 1, standby 0 → 1.
    { name: 'release on its way: the returned host is counted, nothing boots', desired: { serving: 1, standby: 1 }, active: 2, keep: 0 },
    { name: 'release landed: the returned host is the standby', desired: { serving: 1, standby: 1 }, active: 1, keep: 1 },
    // Activation and refill: the refill is booted at once, the warm host is kept for the activation.
    { name: 'activation with refill', desired: { serving: 3, standby: 2 }, active: 2, keep: 3 },
    // A pool above its target by more than the desired standby keeps none (never negative).
    { name: 'a large scale-down on its way', desired: { serving: 1, standby: 1 }, active: 5, keep: 0 },
  ])('$name', ({ desired, active, keep }) => {
    expect(standbyToKeep(hostsToHold(desired), active)).toBe(keep);
  });

  it('a move between active and standby does not change the hosts to hold', () => {
    expect(hostsToHold({ serving: 1, standby: 1 })).toBe(hostsToHold({ serving: 2, standby: 0 }));
  });
});
