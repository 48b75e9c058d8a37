import type { BenchSuite } from '../suite';
import { simulateSuite } from './simulate';
import { profilesSuite } from './profiles';
import { nextActionSuite } from './nextaction';
import { loadForecastSuite } from './loadforecast';
import { inferenceSuite } from './inference';
import { lstmFrameworksSuite } from './lstm-frameworks';
import { ingestSuite } from './ingest';
import { ingestSourcesSuite } from './ingest-sources';
import { webhookSuite } from './webhook';
import { e2eSuite } from './e2e';
import { trendSuite } from './trend';
import { adaptiveSuite } from './adaptive';
import { abLiveSuite } from './ab-live';
import { behaviourSuite } from './behaviour';
import { fuzzSuite } from './fuzz';
import { tuningAuditSuite } from './tuning-audit';
import { prioritySuite } from './priority';
import { replaySuite } from './replay';
import { replayHeldOutSuite } from './replay-heldout';
import { poolLoadSuite } from './pool-load';
import { sliceCostsSuite } from './slice-costs';

/** Every benchmark suite, one file each in this folder. Add new ones here, one per line. */
export const suites: BenchSuite[] = [
  simulateSuite,
  profilesSuite,
  nextActionSuite,
  loadForecastSuite,
  inferenceSuite,
  lstmFrameworksSuite,
  ingestSuite,
  ingestSourcesSuite,
  webhookSuite,
  e2eSuite,
  trendSuite,
  adaptiveSuite,
  abLiveSuite,
  fuzzSuite,
  behaviourSuite,
  tuningAuditSuite,
  prioritySuite,
  replaySuite,
  replayHeldOutSuite,
  poolLoadSuite,
  sliceCostsSuite,
];
