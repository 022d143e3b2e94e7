/**
 * A static server on 127.0.0.1 for the bench and the page-safety suite: corpus pages
 * under /page/<file> (always sent as UTF-8), the same with the page's scripts switched
 * off by CSP under /static/<file>, and extra in-memory files.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface StaticFile {
  type: string;
  body: string | Buffer;
  headers?: Record<string, string>;
}

/**
 * Served with corpus pages under /static/<file> (and with the synthetic page): the page's
 * own scripts do not run, while code evaluated by the bench still does.
 */
export const NO_PAGE_SCRIPTS_CSP = "script-src 'unsafe-eval'";

export interface LocalServer {
  origin: string;
  /** Adds or replaces an in-memory file at `path` (starting with "/"). */
  put(path: string, file: StaticFile): void;
  /** Requests served so far, by path. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

export async function startServer(corpusDir: string): Promise<LocalServer> {
  const files = new Map<string, StaticFile>();
  const hits = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    hits.set(path, (hits.get(path) ?? 0) + 1);
    let file = files.get(path);
    const m = /^\/(page|static)\/([^/]+\.html)$/.exec(path);
    if (!file && m) {
      try {
        file = { type: 'text/html; charset=utf-8', body: readFileSync(join(corpusDir, m[2]!)) };
        if (m[1] === 'static') file.headers = { 'content-security-policy': NO_PAGE_SCRIPTS_CSP };
      } catch {
        file = undefined;
      }
    }
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store', ...file.headers });
    res.end(file.body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    put: (path, file) => files.set(path, file),
    hits,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
