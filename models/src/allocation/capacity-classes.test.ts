import { allocateByProfile, type CapacityClassConfig } from './capacity-classes';

const config: CapacityClassConfig = { profiles: { power_user: 'dedicated', data_analyst: 'dedicated', casual_browser: 'best_effort' } };
const loads = [
  { profile: 'power_user', point: 40, upper: 60 },
  { profile: 'data_analyst', point: 20, upper: 35 },
  { profile: 'casual_browser', point: 100, upper: 180 },
  { profile: 'unlisted', point: 10, upper: 30 },
];
const hostsFor = (r: number): number => Math.ceil(r / 10);

describe('capacity classes by profile', () => {
  it('sizes dedicated pools for the upper forecast and best effort for the point forecast', () => {
    const [dedicated, bestEffort] = allocateByProfile(loads, config, hostsFor);
    expect(dedicated).toMatchObject({ pool: 'dedicated', hosts: 10, sizedFor: 95, profiles: ['power_user', 'data_analyst'] });
    expect(bestEffort).toMatchObject({ pool: 'best_effort', hosts: 11, sizedFor: 110, profiles: ['casual_browser', 'unlisted'] });
  });

  it('cuts best effort first under a host budget, then dedicated', () => {
    const [d1, b1] = allocateByProfile(loads, config, hostsFor, 15);
    expect([d1.hosts, b1.hosts]).toEqual([10, 5]);
    expect(b1.reason).toContain('cut from 11 by the budget of 15');
    const [d2, b2] = allocateByProfile(loads, config, hostsFor, 8);
    expect([d2.hosts, b2.hosts]).toEqual([8, 0]);
  });

  it('uses the configured default class for unlisted profiles', () => {
    const [dedicated] = allocateByProfile(loads, { ...config, defaultClass: 'dedicated' }, hostsFor);
    expect(dedicated.profiles).toContain('unlisted');
    expect(dedicated.sizedFor).toBe(125);
  });

  it('names bad configuration and input', () => {
    expect(() => allocateByProfile(loads, { profiles: { a: 'gold' as never } }, hostsFor)).toThrow('capacity class of profile "a" must be one of dedicated, best_effort, got "gold"');
    expect(() => allocateByProfile([loads[0], loads[0]], config, hostsFor)).toThrow('profile "power_user" appears twice');
    expect(() => allocateByProfile([{ profile: 'x', point: 5, upper: 1 }], config, hostsFor)).toThrow(/0 ≤ point ≤ upper/);
    expect(() => allocateByProfile(loads, config, hostsFor, -1)).toThrow('budget must be a whole number of hosts ≥ 0, got -1');
  });
});
