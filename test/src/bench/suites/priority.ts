import type { BenchSuite } from '../suite';
import { measureMapReplace } from '../priority/map-replace';
import { measureOverload } from '../priority/overload';

/** Profile priorities at a real HAProxy under overload: the same offered load with and without priorities. */
export const prioritySuite: BenchSuite = {
  name: 'priority',
  description:
    'Profile priorities at HAProxy 2.6: one worker (maxconn 1, 10 ms per request, 100/s) offered 120/s by three users (priority 10, default, 0) for 20 s, timeout queue 2 s; queue wait (%Tw) and 503s per user, without and with priorities; time to replace a map of 10k, 100k, 1M entries',
  async run() {
    const settings = { seconds: 20, ratePerGroup: 40, serviceMs: 10, queueTimeoutMs: 2000 };
    const without = await measureOverload({ ...settings, withPriorities: false });
    const withPriorities = await measureOverload({ ...settings, withPriorities: true });
    const mapReplace = await measureMapReplace();
    return { without_priorities: without, with_priorities: withPriorities, map_replace: mapReplace };
  },
};
