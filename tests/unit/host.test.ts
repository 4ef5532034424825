import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../host/server';
import { AppContext } from '../../services/context';
import { tempDataDir } from '../support/host';

let host: RunningHost;
let ctx: AppContext;
let rendererDir: string;

beforeAll(async () => {
  rendererDir = tempDataDir('sme-renderer-');
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
  fs.mkdirSync(path.join(rendererDir, 'assets'));
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(path.dirname(rendererDir), 'secret.txt'), 'secret');
  ctx = new AppContext({ dataDir: tempDataDir('sme-host-'), transport: 'browser' });
  host = await startHost({ ctx, rendererDir, port: 0 });
});
afterAll(async () => {
  await host.close();
  ctx.close();
  fs.rmSync(ctx.dataDir, { recursive: true, force: true });
  fs.rmSync(rendererDir, { recursive: true, force: true });
});

/** A raw request, so that headers such as Host can be set to anything. */
function request(opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  const url = new URL(host.url);
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: url.port, method: opts.method ?? 'GET', path: opts.path, headers: { Host: url.host, ...opts.headers } },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}
const api = (method: string, body: string, headers: Record<string, string> = {}) =>
  request({ method: 'POST', path: `/api/${method}`, body, headers: { 'Content-Type': 'application/json', 'X-SME-Token': host.token, ...headers } });

describe('the browser host', () => {
  it('listens on 127.0.0.1 only, and its address carries the token in the fragment (never sent to a server)', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(host.url).toBe(`${host.origin}#token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(40);
  });

  // The attack of issue 11 (observation 10): a local process fetched / and read the token from
  // the page, then called move.export with a passphrase of its choosing.
  it('gives the token to nobody who connects: /, index.html, any path, HEAD', async () => {
    for (const p of ['/', '/index.html', '/anything', '/?token=1', `/#token=${host.token}`]) {
      const r = await request({ path: p });
      expect(r.status, p).toBe(200);
      expect(r.body, p).not.toContain(host.token);
      expect(JSON.stringify(r.headers), p).not.toContain(host.token);
      expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    }
    const head = await request({ method: 'HEAD', path: '/' });
    expect(JSON.stringify(head.headers)).not.toContain(host.token);
  });

  it('a local process without the token cannot export the keys or read a record', async () => {
    for (const method of ['move.export', 'app.status', 'enterprises.list', 'backups.list', 'sync.status']) {
      const body = method === 'move.export' ? JSON.stringify({ passphrase: 'attacker-chosen-passphrase' }) : '{}';
      const r = await request({ method: 'POST', path: `/api/${method}`, body, headers: { 'Content-Type': 'application/json' } });
      expect(r.status, method).toBe(401);
      expect(r.body, method).not.toMatch(/base64|installation/);
    }
  });

  it('answers API calls that carry the token', async () => {
    const r = await api('app.status', '{}');
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { setUp: false } });
  });

  it('refuses API calls without the token or with a wrong one', async () => {
    expect((await api('app.status', '{}', { 'X-SME-Token': '' })).status).toBe(401);
    expect((await api('app.status', '{}', { 'X-SME-Token': host.token.slice(1) + 'x' })).status).toBe(401);
    expect((await request({ method: 'POST', path: '/api/app.status', body: '{}', headers: { 'Content-Type': 'application/json' } })).status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    expect((await request({ path: '/', headers: { Host: 'evil.example:80' } })).status).toBe(403);
    expect((await api('app.status', '{}', { Host: 'evil.example' })).status).toBe(403);
  });

  it('refuses GET on the API, non-JSON bodies and bad JSON', async () => {
    expect((await request({ path: '/api/app.status', headers: { 'X-SME-Token': host.token } })).status).toBe(405);
    expect((await api('app.status', '{}', { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect(JSON.parse((await api('app.status', '{not json')).body)).toMatchObject({ ok: false, error: { code: 'invalid_json' } });
  });

  it('refuses a body over the limit', async () => {
    const r = await api('app.status', JSON.stringify({ x: 'a'.repeat(129 * 1024 * 1024) })).catch(() => ({ status: 413 }));
    expect(r.status).toBe(413);
  });

  it('serves files of the renderer and nothing outside it', async () => {
    expect((await request({ path: '/assets/app.js' })).body).toBe('console.log(1)');
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const r = await request({ path: p });
      expect(r.body, p).not.toContain('secret');
    }
  });

  it('lets the browser keep the hashed assets, never the page, an unknown path or an API answer', async () => {
    expect((await request({ path: '/assets/app.js' })).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const p of ['/', '/index.html', '/assets/missing.js', '/assets/../index.html']) {
      expect((await request({ path: p })).headers['cache-control'], p).toBe('no-store');
    }
    expect((await api('app.status', '{}')).headers['cache-control']).toBe('no-store');
  });
});
