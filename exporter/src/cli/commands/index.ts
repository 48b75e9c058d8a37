import type { Command } from 'commander';
import { registerStart } from './start';
import { registerEvaluate } from './evaluate';
import { registerSimulate } from './simulate';
import { registerImport } from './import';
import { registerExperiment } from './experiment';
import { registerPlan } from './plan';

/** Every subcommand of `shadowfleet`, one registration function per file. Add new ones here. */
export const commands: Array<(program: Command) => void> = [registerStart, registerEvaluate, registerSimulate, registerImport, registerPlan, registerExperiment];
