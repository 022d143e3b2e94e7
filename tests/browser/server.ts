import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The fixture pages, served on 127.0.0.1 only. */
export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/', import.meta.url));

export interface FixtureServer {
  origin: string;
  url(path: string): string;
  close(): Promise<void>;
}

/** Where a page served under /paused/ stops for a while. */
export const PAUSE_MARK = '<!-- contexto:pause -->';

/** Pages that are served with a strict Content-Security-Policy header. */
const STRICT_CSP = new Set(['/pages/csp.html']);

export async function startFixtureServer(root = FIXTURES_DIR): Promise<FixtureServer> {
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (path.includes('..')) {
      res.writeHead(400).end();
      return;
    }
    // /paused/<ms>/<fixture>: the fixture sent up to its PAUSE_MARK, then the rest `ms` later (a page still loading).
    const paused = /^\/paused\/(\d+)(\/.+)$/.exec(path);
    if (paused) {
      readFile(join(root, paused[2]!)).then(
        (body) => {
          const [head, tail = ''] = body.toString('utf8').split(PAUSE_MARK);
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
          res.write(head);
          setTimeout(() => res.end(tail), Number(paused[1]));
        },
        () => res.writeHead(404).end('not found'),
      );
      return;
    }
    readFile(join(root, path)).then(
      (body) => {
        const headers: Record<string, string> = {
          'content-type': path.endsWith('.html') ? 'text/html; charset=utf-8' : 'application/octet-stream',
          'cache-control': 'no-store',
        };
        if (STRICT_CSP.has(path)) headers['content-security-policy'] = "default-src 'none'";
        res.writeHead(200, headers).end(body);
      },
      () => res.writeHead(404).end('not found'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (p) => origin + (p.startsWith('/') ? p : `/${p}`),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
