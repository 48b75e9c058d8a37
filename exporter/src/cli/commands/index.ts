import type { Command } from 'commander';
import { registerStart } from './start';
import { registerStack } from './stack';
import { registerEvaluate } from './evaluate';
import { registerSimulate } from './simulate';
import { registerExperiment } from './experiment';
import { registerPlan } from './plan';
import { registerImport } from './import';
import { registerProfiles } from './profiles';
import { registerReplay } from './replay';

/** Every subcommand of `shadowfleet`, one registration function per file. Add new ones here. */
export const commands: Array<(program: Command) => void> = [registerStart, registerStack, registerEvaluate, registerSimulate, registerImport, registerPlan, registerExperiment, registerProfiles, registerReplay];
