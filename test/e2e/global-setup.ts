import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { serveStatic } from './static-server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Address of the built app for this e2e run, with a trailing slash. */
    baseURL: string;
  }
}

/** The adapter-static output that `npm run test:e2e` builds first. */
const BUILD = fileURLToPath(new URL('../../build/', import.meta.url));

/**
 * Vitest global setup of the e2e project: serves the built app (build/) on a
 * free localhost port for the whole run and provides its address to tests as
 * `inject('baseURL')`. Returns the teardown that closes the server.
 *
 * @throws Error when build/index.html is missing (run `vite build` first).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(`${BUILD}index.html`)) {
    throw new Error(`No built app in ${BUILD}: run \`npm run test:e2e\` (it builds first).`);
  }
  const server = await serveStatic(BUILD);
  project.provide('baseURL', server.url);
  return () => server.close();
}
