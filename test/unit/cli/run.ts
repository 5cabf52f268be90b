import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root: the command runs from here, as `npx bottleneck` does. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** What one run of the command gave. */
export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real bin (`node bin/bottleneck.js …`) in the repository root. */
export function bottleneck(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/bottleneck.js', ...args],
      { cwd: ROOT, encoding: 'utf8', timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/**
 * Runs the command in this process (`main` with captured streams): quicker
 * than spawning the bin, for the cases the spawned tests leave out. `main` is
 * imported here, not at the top, so that the files that only spawn the bin
 * do not load the app's code (HyperFormula with it).
 */
export async function runMain(...argv: string[]): Promise<Run> {
  const { main } = await import('../../../src/cli/main');
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
  });
  return { code, stdout, stderr };
}

/**
 * Runs every named call at once (each spawn costs ~0.5 s of start-up), so a
 * test file waits for the slowest run, not for their sum.
 */
export async function runAll<K extends string>(
  calls: Record<K, string[]>,
): Promise<Record<K, Run>> {
  const keys = Object.keys(calls) as K[];
  const runs = await Promise.all(keys.map((k) => bottleneck(...calls[k])));
  return Object.fromEntries(keys.map((k, i) => [k, runs[i]])) as Record<K, Run>;
}
