import { app, session, shell, type WebContents } from 'electron';
import { APP_ORIGIN, EXTERNAL_ALLOW_LIST, isTrustedSender, mayNavigate, mayOpenExternally, permissionDecision, requestAllowed, windowOpenDecision } from './policy';

// The decisions live in policy.ts (plain functions, unit-tested without Electron); this file
// only hands them to Electron.
export { APP_ORIGIN, EXTERNAL_ALLOW_LIST, isTrustedSender, mayOpenExternally };

/** Electron's security checklist, applied to every window and the default session. */
export function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, permission, callback) => callback(permissionDecision(permission)));
  ses.setPermissionCheckHandler((_wc, permission) => permissionDecision(permission));
  // Nothing in the app loads remote content; refuse any request that is not ours.
  ses.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (details, callback) => {
    callback({ cancel: !requestAllowed(details.url) });
  });
}

export function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!mayNavigate(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!mayNavigate(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // Allowed public pages open in the user's browser; nothing opens inside the app.
    const decision = windowOpenDecision(url);
    if (decision.openExternally) void shell.openExternal(url);
    return { action: decision.action };
  });
}

export function installContentsHardening(): void {
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
}
