// The one static server every system in `make bench` is served from. Bodies go out as a
// production server would send them: gzip -9 when that makes them smaller (text, JSON,
// wasm, qa-widget's index), as they are otherwise (Pagefind's files, which Pagefind already
// gzips). Every request is logged with the bytes its body took on the wire, so the runner can
// count the requests and bytes a page made up to its first answer, however many files an
// index is split into.
//
// The pages are cross-origin isolated (COOP + COEP), which gives performance.now() 5 µs
// resolution instead of 100 µs, for every system alike.
import { createServer } from 'node:http';
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.idx': 'application/octet-stream',
};

/**
 * Serves `root`. Resolves to { url, log, close } where `log` holds one
 * { path, status, bytes, raw, encoding } per request, in arrival order.
 */
export async function serveBench(root) {
  const base = resolve(root);
  const log = [];
  const bodies = new Map(); // file → { mtime, raw, gzip }: each file is compressed once

  async function body(file) {
    const { mtimeMs, isDirectory } = await stat(file).then((s) => ({ mtimeMs: s.mtimeMs, isDirectory: s.isDirectory() }));
    if (isDirectory) return body(join(file, 'index.html'));
    const cached = bodies.get(file);
    if (cached?.mtime === mtimeMs) return cached;
    const raw = await readFile(file);
    const gzip = gzipSync(raw, { level: 9 });
    const entry = { file, mtime: mtimeMs, raw, gzip: gzip.length < raw.length ? gzip : null };
    bodies.set(file, entry);
    return entry;
  }

  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const entry = { path, status: 404, bytes: 0, raw: 0, encoding: 'identity' };
    log.push(entry);
    const file = normalize(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) {
      entry.status = 403;
      res.writeHead(403).end();
      return;
    }
    let found;
    try {
      found = await body(file);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const gzip = found.gzip && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    const sent = gzip ? found.gzip : found.raw;
    Object.assign(entry, { status: 200, bytes: sent.length, raw: found.raw.length, encoding: gzip ? 'gzip' : 'identity' });
    res.writeHead(200, {
      'content-type': TYPES[extname(found.file)] ?? 'application/octet-stream',
      'content-length': sent.length,
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      'cache-control': 'no-cache',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
    });
    res.end(sent);
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    log,
    /** Compresses every file under `dir` ahead of time, so that no page waits for it. */
    async prime(dir) {
      for (const entry of await readdir(resolve(dir), { recursive: true, withFileTypes: true })) {
        if (entry.isFile()) await body(join(entry.parentPath ?? entry.path, entry.name));
      }
    },
    close: () => new Promise((done) => {
      server.close(done);
      server.closeAllConnections();
    }),
  };
}
