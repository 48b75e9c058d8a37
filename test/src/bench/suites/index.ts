import type { BenchSuite } from '../suite';
import { profilesSuite } from './profiles';
import { nextActionSuite } from './nextaction';
import { ingestSuite } from './ingest';

/** Every benchmark suite, one file each in this folder. Add new ones here. */
export const suites: BenchSuite[] = [nextActionSuite, ingestSuite, profilesSuite];
