import { app, session, shell, type WebContents } from 'electron';

export const APP_ORIGIN = 'app://ledger';

/** The only addresses the app may open in the user's browser (public documentation). */
export const EXTERNAL_ALLOW_LIST = ['https://www.miit.gov.cn/', 'https://jxt.xizang.gov.cn/'];

export function mayOpenExternally(url: string): boolean {
  return EXTERNAL_ALLOW_LIST.some((prefix) => url.startsWith(prefix));
}

/** Electron's security checklist, applied to every window and the default session. */
export function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  // Nothing in the app loads remote content; refuse any request that is not ours.
  ses.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (details, callback) => {
    callback({ cancel: !details.url.startsWith('devtools://') });
  });
}

export function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // Allowed public pages open in the user's browser; nothing opens inside the app.
    if (mayOpenExternally(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

export function installContentsHardening(): void {
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
}

/** Only our own page may call the API. */
export function isTrustedSender(url: string | undefined): boolean {
  return typeof url === 'string' && url.startsWith(`${APP_ORIGIN}/`);
}
