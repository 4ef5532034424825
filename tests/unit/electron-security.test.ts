import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { methodNames } from '../../api/contract';
import {
  APP_ORIGIN,
  CSP,
  EXTERNAL_ALLOW_LIST,
  isTrustedSender,
  mayNavigate,
  mayOpenExternally,
  permissionDecision,
  requestAllowed,
  secureWebPreferences,
  windowOpenDecision,
} from '../../electron/policy';
import { repoRoot } from '../support/host';

// The Electron runtime cannot be downloaded here, so the shell's security decisions live in
// electron/policy.ts (no Electron import) and are tested as functions; the wiring in security.ts and
// main.ts is checked in their source, and the preload is bundled as for the app and run with a
// recording stand-in for the one module a sandboxed preload may require ('electron').

const source = (f: string) => fs.readFileSync(path.join(repoRoot, 'electron', f), 'utf8');

describe('webPreferences', () => {
  it('isolates the page: context isolation, sandbox, no Node, web security', () => {
    const p = secureWebPreferences('/x/preload.cjs');
    expect(p).toMatchObject({
      preload: '/x/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('is what the window is made with', () => {
    const main = source('main.ts');
    expect(main).toMatch(/webPreferences:\s*secureWebPreferences\(/);
    expect(main).not.toMatch(/nodeIntegration:\s*true|contextIsolation:\s*false|sandbox:\s*false|webSecurity:\s*false/);
    expect(main).toMatch(/loadURL\(`\$\{APP_ORIGIN\}\/index\.html`\)/);
  });
});

describe('Content-Security-Policy', () => {
  const directives = Object.fromEntries(CSP.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));

  it('runs only the app’s own scripts: no inline or eval, no remote origin anywhere', () => {
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    for (const [name, values] of Object.entries(directives)) {
      for (const v of values) {
        expect(v, name).not.toMatch(/^(https?:|wss?:|\*|'unsafe-eval'|'unsafe-hashes'|'strict-dynamic')|\.[a-z]{2,}$/);
        if (name !== 'style-src') expect(v, name).not.toBe("'unsafe-inline'");
      }
    }
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['form-action']).toEqual(["'none'"]);
    expect(directives['connect-src']).toEqual(["'self'"]);
  });

  it('is the same policy for the Electron protocol and the browser host', () => {
    expect(source('protocol.ts')).toMatch(/headers\.set\('Content-Security-Policy', CSP\)/);
    expect(fs.readFileSync(path.join(repoRoot, 'host', 'server.ts'), 'utf8')).toMatch(/setHeader\('Content-Security-Policy', CSP\)/);
  });
});

describe('navigation, new windows and external links', () => {
  it('navigates only within the app', () => {
    expect(mayNavigate(`${APP_ORIGIN}/index.html`)).toBe(true);
    expect(mayNavigate(`${APP_ORIGIN}/index.html#/enterprises`)).toBe(true);
    for (const url of ['https://www.miit.gov.cn/', 'http://127.0.0.1:5178/', 'file:///etc/passwd', 'app://ledger.evil/', 'app://evil/', 'app://user@ledger/', 'javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'about:blank', '', 'app:ledger', null, 42]) {
      expect(mayNavigate(url), String(url)).toBe(false);
    }
  });

  it('never opens a window inside the app; allowed pages go to the user’s browser', () => {
    expect(windowOpenDecision('https://www.miit.gov.cn/n1146290/index.html')).toEqual({ action: 'deny', openExternally: true });
    expect(windowOpenDecision(`${APP_ORIGIN}/index.html`)).toEqual({ action: 'deny', openExternally: false });
    expect(windowOpenDecision('https://evil.example/')).toEqual({ action: 'deny', openExternally: false });
  });

  it('opens externally only the allow-list: https, exact host, no tricks', () => {
    for (const url of EXTERNAL_ALLOW_LIST) expect(mayOpenExternally(url), url).toBe(true);
    expect(mayOpenExternally('https://jxt.xizang.gov.cn/xxgk/index.html?a=1#b')).toBe(true);
    const refused = [
      'http://www.miit.gov.cn/',
      'https://www.miit.gov.cn.evil.com/',
      'https://www.miit.gov.cn@evil.com/',
      'https://user:pass@www.miit.gov.cn/',
      'https://evil.com/https://www.miit.gov.cn/',
      'https://www.miit.gov.cn:8443/',
      'https://www.miit.gov.cn\\@evil.com/',
      'https://wwwmiit.gov.cn/',
      'https://www.miit.gov.cn',
      'https://xn--www.miit.gov.cn-/',
      'https://www.miit.gov.cn%2eevil.com/',
      'HTTPS://WWW.MIIT.GOV.CN/',
      'file:///C:/Windows/System32/calc.exe',
      'file://www.miit.gov.cn/',
      'javascript:alert(1)//https://www.miit.gov.cn/',
      'data:text/html,https://www.miit.gov.cn/',
      'smb://www.miit.gov.cn/share',
      'ms-msdt:/id PCWDiagnostic',
      `${APP_ORIGIN}/index.html`,
      '',
      'x'.repeat(5000),
    ];
    for (const url of refused) expect(mayOpenExternally(url), url).toBe(false);
    expect(mayOpenExternally(undefined)).toBe(false);
    expect(mayOpenExternally({ toString: () => 'https://www.miit.gov.cn/' })).toBe(false);
  });

  it('is wired into every web contents', () => {
    const security = source('security.ts');
    expect(security).toMatch(/'will-navigate', \(event, url\) => \{\s*if \(!mayNavigate\(url\)\) event\.preventDefault\(\)/);
    expect(security).toMatch(/'will-redirect', \(event, url\) => \{\s*if \(!mayNavigate\(url\)\) event\.preventDefault\(\)/);
    expect(security).toMatch(/'will-attach-webview', \(event\) => event\.preventDefault\(\)/);
    expect(security).toMatch(/setWindowOpenHandler\(\(\{ url \}\) => \{\s*\/\/[^\n]*\n\s*const decision = windowOpenDecision\(url\);\s*if \(decision\.openExternally\) void shell\.openExternal\(url\);\s*return \{ action: decision\.action \}/);
    expect(security).toMatch(/app\.on\('web-contents-created', \(_event, contents\) => hardenContents\(contents\)\)/);
    expect(source('main.ts')).toMatch(/installContentsHardening\(\)/);
    // openExternal is called in exactly one place, behind the allow-list.
    const calls = ['main.ts', 'security.ts', 'menu.ts'].flatMap((f) => source(f).match(/openExternal\(/g) ?? []);
    expect(calls).toHaveLength(1);
  });
});

describe('permissions and requests', () => {
  it('denies every permission request and check', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'openExternal', 'fullscreen', 'usb', 'hid', 'serial', 'unknown']) {
      expect(permissionDecision(p)).toBe(false);
    }
    const security = source('security.ts');
    expect(security).toMatch(/setPermissionRequestHandler\(\(_wc, permission, callback\) => callback\(permissionDecision\(permission\)\)\)/);
    expect(security).toMatch(/setPermissionCheckHandler\(\(_wc, permission\) => permissionDecision\(permission\)\)/);
  });

  it('lets no request reach the network', () => {
    for (const url of ['https://www.miit.gov.cn/', 'http://127.0.0.1/', 'wss://evil.example/', 'http://localhost:5178/api']) expect(requestAllowed(url)).toBe(false);
    expect(requestAllowed('devtools://devtools/bundled/inspector.html')).toBe(true);
    expect(source('security.ts')).toMatch(/callback\(\{ cancel: !requestAllowed\(details\.url\) \}\)/);
  });
});

describe('IPC', () => {
  it('accepts calls only from the app’s own top frame', () => {
    expect(isTrustedSender({ url: `${APP_ORIGIN}/index.html`, parent: null })).toBe(true);
    expect(isTrustedSender({ url: `${APP_ORIGIN}/index.html`, parent: { url: `${APP_ORIGIN}/index.html` } })).toBe(false);
    for (const url of ['https://evil.example/', 'app://ledger.evil/', 'app://evil/index.html', 'file:///index.html', 'about:blank', 'devtools://devtools/', '']) {
      expect(isTrustedSender({ url, parent: null }), url).toBe(false);
    }
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
    expect(isTrustedSender({ url: undefined as unknown as string })).toBe(false);
  });

  it('checks the sender of every API call before it reaches the data worker', () => {
    expect(source('main.ts')).toMatch(/ipcMain\.handle\('sme:invoke', \(event, method: unknown, input: unknown\) => \{\s*if \(!isTrustedSender\(event\.senderFrame\)\) \{\s*return \{ ok: false, error: \{ code: 'forbidden'/);
    // Every ipcMain handler checks its sender.
    const main = source('main.ts');
    const handlers = main.match(/ipcMain\.(handle|on)\([^\n]*(\n[^\n]*){0,2}/g) ?? [];
    expect(handlers.length).toBeGreaterThan(0);
    for (const h of handlers) expect(h).toMatch(/isTrustedSender\(/);
  });
});

describe('the preload', () => {
  async function runPreload() {
    const out = await build({ entryPoints: [path.join(repoRoot, 'electron', 'preload.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['electron'], write: false, logLevel: 'silent' });
    const code = out.outputFiles[0]!.text;
    const required: string[] = [];
    const exposed: [string, unknown][] = [];
    const sent: unknown[][] = [];
    const ipcRenderer = {
      invoke: (...args: unknown[]) => (sent.push(['invoke', ...args]), Promise.resolve({ ok: true, value: null })),
      on: (...args: unknown[]) => sent.push(['on', ...args]),
      removeListener: (...args: unknown[]) => sent.push(['removeListener', ...args]),
    };
    const electron = { contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.push([key, api]) }, ipcRenderer };
    const sandbox = {
      module: { exports: {} },
      exports: {},
      require: (name: string) => {
        required.push(name);
        if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
        return electron;
      },
    };
    vm.runInNewContext(code, sandbox, { filename: 'preload.cjs' });
    return { code, required, exposed, sent, ipcRenderer };
  }

  it('requires only electron, and exposes exactly one object of functions, with no ipcRenderer or Node inside', async () => {
    const { required, exposed, ipcRenderer } = await runPreload();
    expect([...new Set(required)]).toEqual(['electron']);
    expect(exposed).toHaveLength(1);
    const [key, api] = exposed[0]! as [string, Record<string, unknown>];
    expect(key).toBe('smeLedger');
    expect(Object.keys(api)).toEqual(expect.arrayContaining(['invoke', 'onProgress']));
    for (const [name, value] of Object.entries(api)) {
      expect(typeof value, name).toBe('function');
      expect(value).not.toBe(ipcRenderer.invoke);
      expect(name).not.toMatch(/ipc|require|process|send|node|electron/i);
    }
    expect(Object.values(api)).not.toContain(ipcRenderer);
  });

  it('passes every contract method to the one IPC channel, and listens to progress only', async () => {
    const { exposed, sent } = await runPreload();
    const api = exposed[0]![1] as { invoke(m: string, i: unknown): Promise<unknown>; onProgress(l: (e: unknown) => void): () => void };
    for (const m of methodNames) await api.invoke(m, { x: 1 });
    expect(sent.filter((s) => s[0] === 'invoke')).toEqual(methodNames.map((m) => ['invoke', 'sme:invoke', m, { x: 1 }]));
    const stop = api.onProgress(() => {});
    stop();
    expect(sent.filter((s) => s[0] !== 'invoke').map((s) => [s[0], s[1]])).toEqual([
      ['on', 'sme:progress'],
      ['removeListener', 'sme:progress'],
    ]);
    // The listener gets the progress, not Electron's event object.
    const seen: unknown[] = [];
    api.onProgress((e) => seen.push(e));
    const handler = sent.filter((s) => s[0] === 'on').at(-1)![2] as (event: unknown, progress: unknown) => void;
    handler({ sender: 'ipc event with internals' }, { operation: 'x', done: 1, total: 2 });
    expect(seen).toEqual([{ operation: 'x', done: 1, total: 2 }]);
  });
});
