import { analyzeCommand } from './analyze';
import type { Command } from './command';
import { importCrmCommand } from './import-crm';
import { openCommand, shareCommand } from './share';
import { simulateCommand } from './simulate';

/** Every `bottleneck` command, in the order the usage lists them. Add new ones here. */
export const COMMANDS: readonly Command[] = [
  analyzeCommand,
  simulateCommand,
  shareCommand,
  openCommand,
  importCrmCommand,
];
