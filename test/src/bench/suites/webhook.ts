import type { BenchSuite } from '../suite';
import { measureActivation } from '../webhook/activation';
import { measureBurst } from '../webhook/burst';
import { measureDuplicates } from '../webhook/duplicates';
import { measureFuzz } from '../webhook/fuzz';

/** The Alertmanager webhook, run as its real command against real HAProxy and real programs. */
export const webhookSuite: BenchSuite = {
  name: 'webhook',
  description: 'Alertmanager webhook: accept latency under a 1,000-alert burst, receipt → HAProxy serving, exactly-once under redelivery and a crash, malformed-payload fuzz',
  async run() {
    const burst = await measureBurst();
    const activation = await measureActivation();
    const duplicates = await measureDuplicates();
    const fuzz = await measureFuzz();
    return { burst, activation, duplicates, fuzz };
  },
};
