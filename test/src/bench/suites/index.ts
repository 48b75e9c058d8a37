import type { BenchSuite } from '../suite';
import { nextActionSuite } from './nextaction';

/** Every benchmark suite, one file each in this folder. Add new ones here. */
export const suites: BenchSuite[] = [nextActionSuite];
