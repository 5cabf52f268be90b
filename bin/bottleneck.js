#!/usr/bin/env node
// The `bottleneck` command: runs the TypeScript sources in src/cli with tsx
// (a namespaced loader, so it affects only what main.ts imports).
import { tsImport } from 'tsx/esm/api';

// A closed pipe (`bottleneck analyze … | head`) is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

/** @type {{ main(argv: string[]): Promise<number> }} */
const cli = await tsImport('../src/cli/main.ts', import.meta.url);
process.exitCode = await cli.main(process.argv.slice(2));
