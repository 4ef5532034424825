import { CSP } from '../host/csp';

/**
 * The desktop shell's security decisions as plain functions, free of Electron, so that they are
 * unit-tested under Node (tests/unit/electron-security.test.ts); security.ts and main.ts only wire
 * them into Electron.
 */

export const APP_ORIGIN = 'app://ledger';
export { CSP };

/** The only sites the app may open in the user's browser (public documentation), by origin. */
export const EXTERNAL_ALLOW_LIST = ['https://www.miit.gov.cn/', 'https://jxt.xizang.gov.cn/'];
const allowedOrigins = new Set(EXTERNAL_ALLOW_LIST.map((u) => new URL(u).origin));

function parse(url: unknown): URL | null {
  if (typeof url !== 'string' || url.length > 2048) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Whether a link may open in the user's browser: https only, on an allowed host exactly (no
 * look-alike hosts, no user:password@ tricks, no other port), as the URL parser reads it.
 */
export function mayOpenExternally(url: unknown): boolean {
  const u = parse(url);
  if (!u || u.protocol !== 'https:' || u.username || u.password) return false;
  return allowedOrigins.has(u.origin) && (url as string).startsWith(`${u.origin}/`);
}

/** Whether the window may navigate to `url`: only to the app's own pages. */
export function mayNavigate(url: unknown): boolean {
  const u = parse(url);
  return !!u && u.protocol === 'app:' && u.host === 'ledger' && !u.username && !u.password;
}

/** New windows never open inside the app; allowed public pages open in the user's browser. */
export function windowOpenDecision(url: unknown): { action: 'deny'; openExternally: boolean } {
  return { action: 'deny', openExternally: mayOpenExternally(url) };
}

/** Camera, microphone, notifications, geolocation, clipboard, …: the app needs none. */
export function permissionDecision(_permission: string): false {
  return false;
}

/** Requests the session lets through: only its own scheme and devtools (nothing remote). */
export function requestAllowed(url: string): boolean {
  return url.startsWith('devtools://');
}

/**
 * Only the app's own page may call the API: a frame of the app:// origin that is the top frame
 * (not an embedded frame, whatever its address). Given only an address, the address is checked.
 */
export function isTrustedSender(frame: { url: string; parent?: unknown } | string | null | undefined): boolean {
  if (typeof frame === 'string') return mayNavigate(frame);
  if (!frame || typeof frame.url !== 'string') return false;
  if (frame.parent) return false;
  return mayNavigate(frame.url);
}

/** The window's webPreferences: Electron's security checklist. */
export function secureWebPreferences(preload: string) {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  } as const;
}
