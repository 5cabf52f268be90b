import { analyzeCommand } from './analyze';
import type { Command } from './command';

/** Every `bottleneck` command, in the order the usage lists them. Add new ones here. */
export const COMMANDS: readonly Command[] = [analyzeCommand];
