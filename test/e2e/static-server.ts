import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';

/** A running static server: its origin with a trailing slash, and how to stop it. */
export interface StaticServer {
  /** The app's address, e.g. `http://127.0.0.1:41234/`. */
  readonly url: string;
  /** Stops accepting requests and drops open connections. */
  close(): Promise<void>;
}

/**
 * Content types of the files a SvelteKit + PWA build emits. Module scripts and
 * service workers are refused by the browser without a JavaScript type.
 */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml',
};

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Finds the file a static host would answer with for a URL path, the way
 * adapter-static expects: the file itself, `<path>.html`, `<path>/index.html`.
 * Returns undefined when none exists or the path escapes the root.
 */
async function resolveFile(root: string, pathname: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  const path = normalize(join(root, decoded));
  if (path !== root && !path.startsWith(root + sep)) return undefined;
  for (const candidate of [path, `${path}.html`, join(path, 'index.html')]) {
    if (await isFile(candidate)) return candidate;
  }
  return undefined;
}

function send(res: ServerResponse, file: string, status: number, head: boolean): void {
  res.writeHead(status, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    // Every test sees the current build; service workers do their own caching.
    'Cache-Control': 'no-store',
  });
  if (head) res.end();
  else createReadStream(file).pipe(res);
}

/**
 * Serves a built static site from `root` on a free port of 127.0.0.1 (a secure
 * context, so service workers register). Unknown paths get `fallback` (the
 * SPA shell adapter-static writes) with status 404, as GitHub Pages does.
 *
 * @param root - folder to serve, e.g. the absolute path of `build/`
 * @param fallback - file name inside `root` answered for unknown paths
 */
export async function serveStatic(root: string, fallback = '404.html'): Promise<StaticServer> {
  const base = resolve(root);
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    const head = req.method === 'HEAD';
    const file = await resolveFile(base, pathname);
    if (file) return send(res, file, 200, head);
    const shell = join(base, fallback);
    if (await isFile(shell)) return send(res, shell, 404, head);
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', done);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((done, fail) => {
        server.closeAllConnections();
        server.close((error) => (error ? fail(error) : done()));
      }),
  };
}
