import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { kb, type BenchRow, type BenchSection } from './section';

/*
 * JavaScript sizes of the built app (build/, adapter-static), gzip -6:
 * what loads before first paint (index.html's modulepreloads and imports,
 * with their static imports), the compute worker that holds HyperFormula
 * (loaded after first paint), and all of it.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUILD = join(ROOT, 'build');
/** Everyone who builds into build/ holds this lock (see the project notes). */
const LOCK = '/tmp/bottleneck-build.lock';
/** What the build is made from: newer than build/index.html means a rebuild. */
const SOURCES = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'];

/** Every file under `dir`, as absolute paths. */
function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? walk(path) : [path];
  });
}

/** The newest modification time (ms) among the build's sources. */
function newestSource(): number {
  return Math.max(
    ...SOURCES.map((s) => join(ROOT, s))
      .filter(existsSync)
      .flatMap((p) => (statSync(p).isDirectory() ? walk(p) : [p]))
      .map((p) => statSync(p).mtimeMs),
  );
}

/** The line of vite's output that says why a build failed, without colours. */
function buildError(output: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  const plain = output.replace(/\u001b\[[0-9;]*m/g, '');
  return (/\[[A-Z_]+\].*/.exec(plain) ?? /^.*error.*$/im.exec(plain))?.[0].trim();
}

/**
 * Builds the app when build/ is missing or older than its sources, then
 * copies build/ aside under the lock, so a parallel build cannot change it
 * while it is measured.
 *
 * @returns the copy's folder and a note on what was measured
 * @throws Error when there is no build and building fails
 */
export function snapshotBuild(): { dir: string; note: string } {
  const index = join(BUILD, 'index.html');
  let note = 'the existing build/';
  if (!existsSync(index) || statSync(index).mtimeMs < newestSource()) {
    process.stdout.write('  building the app (vite build, under the build lock)…\n');
    const built = spawnSync('flock', [LOCK, 'npx', 'vite', 'build'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    if (built.status === 0) note = 'a fresh build';
    else if (existsSync(index)) {
      const reason = buildError(`${built.stderr}\n${built.stdout}`);
      note = `the existing build/: the rebuild failed${reason ? ` (${reason})` : ''}`;
    } else throw new Error(`vite build failed:\n${built.stderr || built.stdout}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'bottleneck-bench-build-'));
  const copied = spawnSync('flock', [LOCK, 'cp', '-r', `${BUILD}/.`, dir], { encoding: 'utf8' });
  if (copied.status !== 0) throw new Error(`cannot copy build/: ${copied.stderr}`);
  return { dir, note };
}

/** Static imports of an ES module (`import … from "./x.js"`, `export … from`, `import "./x.js"`). */
function staticImports(file: string, dynamic = false): string[] {
  const code = readFileSync(file, 'utf8');
  const found: string[] = [];
  const re = /\b(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+?\.js)["']/g;
  for (const m of code.matchAll(re)) found.push(resolve(dirname(file), m[1] as string));
  if (dynamic) {
    for (const m of code.matchAll(/\bimport\(\s*["'`](\.{1,2}\/[^"'`]+?\.js)["'`]/g))
      found.push(resolve(dirname(file), m[1] as string));
  }
  return found;
}

/**
 * The files and every file they statically import, transitively (`dynamic`:
 * their `import('./…')`s too, for a worker that loads its library on first use).
 */
function closure(entries: readonly string[], dynamic = false): Set<string> {
  const seen = new Set<string>();
  const stack = [...entries];
  while (stack.length > 0) {
    const file = stack.pop() as string;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    stack.push(...staticImports(file, dynamic));
  }
  return seen;
}

/** The JS index.html loads before first paint: modulepreloads, scripts and the start imports. */
function beforeFirstPaint(dir: string): Set<string> {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const specs = [
    ...html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*>/g),
    ...html.matchAll(/<script\b[^>]*\bsrc="[^"]+"[^>]*>/g),
  ].map((m) => /\b(?:href|src)="([^"]+\.js)"/.exec(m[0])?.[1]);
  const imports = [...html.matchAll(/\bimport\(\s*["']([^"']+\.js)["']\s*\)/g)].map((m) => m[1]);
  const entries = [...specs, ...imports]
    .filter((s): s is string => s !== undefined)
    .map((s) => resolve(dir, s));
  return closure(entries);
}

/** Gzip and raw size of a set of files, with a file count, as a figure. */
function sizeOf(files: Iterable<string>): { gzip: number; raw: number; count: number } {
  let gzip = 0;
  let raw = 0;
  let count = 0;
  for (const f of files) {
    const bytes = readFileSync(f);
    raw += bytes.length;
    gzip += gzipSync(bytes).length;
    count++;
  }
  return { gzip, raw, count };
}

const figure = (s: { gzip: number; raw: number; count: number }) =>
  `${kb(s.gzip)} gzip (${kb(s.raw)} raw, ${s.count} file${s.count === 1 ? '' : 's'})`;

/** The bundle-size figures. */
export const bundleSection: BenchSection = {
  id: 'bundle',
  title: 'JavaScript of the built app (gzip -6)',
  run(): BenchRow[] {
    const { dir, note } = snapshotBuild();
    try {
      const all = walk(dir).filter((f) => f.endsWith('.js'));
      const first = beforeFirstPaint(dir);
      // Each worker with the chunks it imports: the compute worker (HyperFormula)
      // and the workbook worker (exceljs, started only when an XLSX is imported).
      const workerOf = (name: string, dynamic = false) =>
        closure(
          all.filter((f) => basename(f).startsWith(`${name}.worker`)),
          dynamic,
        );
      const worker = workerOf('compute');
      const workbook = workerOf('workbook', true);
      const later = all.filter((f) => !first.has(f));
      const largest = later
        .map((f) => ({ f, gzip: gzipSync(readFileSync(f)).length }))
        .sort((a, b) => b.gzip - a.gzip)
        .slice(0, 3)
        .map(({ f, gzip }) => `${relative(join(dir, '_app', 'immutable'), f)} ${kb(gzip)}`);
      const rows: BenchRow[] = [
        {
          measure: 'before first paint',
          figure: figure(sizeOf(first)),
          budget: '< 100 KB gzip',
          detail: `measured on ${note}`,
        },
        {
          measure: 'compute worker (formula engine: HyperFormula)',
          figure: worker.size > 0 ? figure(sizeOf(worker)) : 'no worker in the build',
          budget: 'HyperFormula ≈ 173 KB, after first paint',
        },
        {
          measure: 'workbook worker (XLSX import: exceljs)',
          figure: workbook.size > 0 ? figure(sizeOf(workbook)) : 'no workbook worker in the build',
          budget: 'on first XLSX import only',
        },
        {
          measure: 'after first paint (workers, lazy chunks)',
          figure: figure(sizeOf(later)),
          ...(largest.length > 0 && { detail: `largest: ${largest.join(', ')}` }),
        },
        { measure: 'all JavaScript', figure: figure(sizeOf(all)), budget: '< 300 KB gzip' },
      ];
      const early = [...worker, ...workbook].filter((f) => first.has(f));
      if (early.length > 0) {
        rows.push({
          measure: 'worker code loaded before first paint',
          figure: `${early.length} file${early.length === 1 ? '' : 's'}`,
          detail: early.map((f) => basename(f)).join(', '),
        });
      }
      return rows;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
