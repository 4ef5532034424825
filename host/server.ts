import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { dispatch } from '../services/dispatch';
import type { AppContext } from '../services/context';
import { CSP } from './csp';

export const TOKEN_HEADER = 'x-sme-token';
/** http://127.0.0.1:PORT/#token=… : the page reads it (renderer/src/host-token.ts). */
export const TOKEN_FRAGMENT = 'token';
// Spreadsheets and sync packages travel as base64 (4 bytes of text for 3 of file).
const MAX_BODY = 128 * 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};


export interface HostOptions {
  ctx: AppContext;
  rendererDir: string;
  port: number;
  token?: string;
}

export interface RunningHost {
  /** The address to open: the origin with the token in its fragment (never sent over the wire). */
  url: string;
  /** http://127.0.0.1:PORT/, without the token. */
  origin: string;
  token: string;
  close(): Promise<void>;
}

/**
 * Serves the built renderer and the API on 127.0.0.1 only. API calls must carry the per-run
 * token, which the host never serves to anyone: it is printed (and opened) as the fragment of
 * the one address `npm run serve` shows, as notebook servers do. A fragment stays in the browser;
 * the page keeps the token in sessionStorage for the tab and takes it out of the address bar.
 * Any local process or user can fetch the page, but gets no token with it. The Host header is
 * checked so that a web page resolving its own domain to 127.0.0.1 (DNS rebinding) cannot call
 * the API either.
 */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const indexFile = path.join(options.rendererDir, 'index.html');
  if (!fs.existsSync(indexFile)) {
    throw new Error(`The renderer is not built (${indexFile} is missing): run npm run build:renderer`);
  }
  let port = 0;
  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      console.error('[sme-ledger host]', e);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal error');
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const remote = req.socket.remoteAddress ?? '';
    if (!['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(remote)) return send(res, 403, 'text/plain', 'Forbidden');
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return send(res, 403, 'text/plain', 'Forbidden host');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return send(res, 405, 'text/plain', 'Method not allowed');
      if (!tokenMatches(req.headers[TOKEN_HEADER], token)) return send(res, 401, 'text/plain', 'Missing or wrong token');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return send(res, 415, 'text/plain', 'Expected application/json');
      }
      const body = await readBody(req);
      if (body === null) return send(res, 413, 'text/plain', 'Request too large');
      let input: unknown;
      try {
        input = body.length ? JSON.parse(body) : {};
      } catch {
        return sendJson(res, { ok: false, error: { code: 'invalid_json', message: 'The request body is not valid JSON', messageZh: '请求内容不是有效的 JSON' } });
      }
      const result = await dispatch(options.ctx, decodeURIComponent(url.pathname.slice('/api/'.length)), input);
      return sendJson(res, result);
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'Method not allowed');
    const found = staticFile(options.rendererDir, url.pathname);
    const file = found ?? indexFile;
    const body = fs.readFileSync(file);
    // Vite names every file under assets/ by a hash of its content: the browser may keep it (and
    // its compiled code) for good, and the next start of the app skips downloading and compiling
    // what has not changed. The page itself and the API stay no-store.
    const immutable = found !== null && path.relative(options.rendererDir, found).startsWith(`assets${path.sep}`);
    return send(res, 200, CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream', body, immutable ? IMMUTABLE : undefined);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}/`;
  return {
    url: `${origin}#${TOKEN_FRAGMENT}=${token}`,
    origin,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // The browser keeps idle connections open; they must not hold the shutdown up.
        server.closeAllConnections();
      }),
  };
}

function tokenMatches(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A file inside the renderer folder, never outside it; anything else gets index.html. */
function staticFile(root: string, pathname: string): string | null {
  const resolved = path.resolve(root, '.' + decodeURIComponent(pathname));
  if (!resolved.startsWith(path.resolve(root) + path.sep)) return null;
  return fs.existsSync(resolved) && fs.statSync(resolved).isFile() ? resolved : null;
}

function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolve(null);
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const IMMUTABLE = 'public, max-age=31536000, immutable';

function securityHeaders(res: http.ServerResponse, cacheControl = 'no-store') {
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cache-Control', cacheControl);
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer, cacheControl?: string) {
  securityHeaders(res, cacheControl);
  res.writeHead(status, { 'Content-Type': type });
  res.end(body);
}

function sendJson(res: http.ServerResponse, value: unknown) {
  send(res, 200, 'application/json; charset=utf-8', JSON.stringify(value));
}
