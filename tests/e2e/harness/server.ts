/**
 * A static server on 127.0.0.1 for end-to-end tests: `/` serves tests/pages (pages we wrote),
 * `/corpus/` serves ../shared/corpus (real saved pages, read in place, never copied). A page may carry
 * response headers in a sidecar `<name>.headers.json` (for the strict-CSP page). Every request is
 * recorded so tests can assert the extension itself asked for nothing.
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { generateArticle, generateBytes } from './generate';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');
export const PAGES_DIR = join(REPO_ROOT, 'tests/pages');
export const CORPUS_DIR = resolve(REPO_ROOT, '../shared/corpus');
export const hasCorpus = existsSync(CORPUS_DIR);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.htm': 'text/html; charset=utf-8', '.js': 'text/javascript',
  '.css': 'text/css', '.json': 'application/json', '.png': 'image/png', '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml', '.txt': 'text/plain; charset=utf-8',
};

export interface TestServer {
  origin: string;
  /** Absolute URL of a path on this server, e.g. url('/demo-article.html'). */
  url(path: string): string;
  /** Paths requested so far (for the no-network assertions). */
  requests: string[];
  close(): Promise<void>;
}

/** Start the server on a free port of the loopback interface. */
export async function startServer(): Promise<TestServer> {
  const requests: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const parsed = new URL(req.url ?? '/', 'http://x');
    const path = decodeURIComponent(parsed.pathname);
    requests.push(path);
    if (path === '/generated/article.html') {
      const q = (k: string, d: number) => Number(parsed.searchParams.get(k) ?? d);
      const html = parsed.searchParams.has('bytes') ? generateBytes(q('bytes', 1e6)) : generateArticle({ nodes: q('nodes', 50_000), mentions: q('mentions', 5_000) });
      return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    }
    const [base, rel] = path.startsWith('/corpus/') ? [CORPUS_DIR, path.slice('/corpus/'.length)] : [PAGES_DIR, path.slice(1)];
    const file = normalize(join(base, rel || 'index.html'));
    if (!file.startsWith(base)) return void res.writeHead(403).end();
    try {
      const info = await stat(file);
      const target = info.isDirectory() ? join(file, existsSync(join(file, 'source.html')) ? 'source.html' : 'index.html') : file;
      const body = await readFile(target);
      const headers: Record<string, string> = { 'content-type': TYPES[extname(target)] ?? 'application/octet-stream', 'cache-control': 'no-store' };
      const sidecar = `${target}.headers.json`;
      if (existsSync(sidecar)) Object.assign(headers, JSON.parse(await readFile(sidecar, 'utf8')));
      res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (p) => origin + (p.startsWith('/') ? p : `/${p}`),
    requests,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
