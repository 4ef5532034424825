import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, powerMonitor, shell } from 'electron';
import { DataWorker } from './data-worker';
import { loadKeyWrap } from './key-wrap';
import { afterRendererGone, createShutdown, leaveAfterUnsavedDialog, sendIfAlive, unsavedChangesDialog } from './lifecycle';
import { installMenu } from './menu';
import { nativeBinding, rendererDir, resolveDataDir } from './paths';
import { registerAppScheme, serveRenderer } from './protocol';
import { APP_ORIGIN, hardenSession, installContentsHardening, isTrustedSender } from './security';
import { secureWebPreferences } from './policy';

/** The desktop shell: a window, a menu and the IPC bridge to the data worker. Nothing else. */
registerAppScheme();
installContentsHardening();

const dataDir = resolveDataDir();
// One instance per data folder: a second start focuses the first window instead of writing alongside it.
app.setPath('userData', dataDir);
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let window: BrowserWindow | null = null;
  let worker: DataWorker | null = null;
  let crashesSinceLoad = 0;

  const shutdown = createShutdown({
    stopWorker: () => worker?.stop() ?? Promise.resolve(),
    quit: () => app.quit(),
    exit: (code) => app.exit(code),
  });
  app.on('window-all-closed', () => shutdown.onWindowAllClosed());
  app.on('will-quit', (event) => shutdown.onWillQuit(event));
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => shutdown.onSystemEnd());

  app.on('second-instance', () => {
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });

  void app.whenReady().then(() => {
    hardenSession();
    installMenu();
    serveRenderer(rendererDir());
    // Linux and macOS announce a shutdown or log-off here (Windows: the window's session-end).
    // Electron passes an event whose preventDefault() delays the shutdown (its typings omit it).
    powerMonitor.on('shutdown', (...args: unknown[]) => shutdown.onSystemEnd(args[0] as { preventDefault(): void } | undefined));
    // The database is opened by the worker on the first call; when it cannot be (damaged, from a
    // newer app, a read-only folder, a full disk), or the keys cannot be unwrapped, the page
    // shows the recovery screen.
    const keys = loadKeyWrap(dataDir);
    worker = new DataWorker({
      dataDir,
      nativeBinding: nativeBinding(),
      keyWrap: keys.key,
      keysFailure: keys.failure,
      onProgress: (progress) => sendIfAlive(window, 'sme:progress', progress),
      onRestart: (reason) => console.error('[sme-ledger] the data worker stopped and was restarted:', reason),
    });

    ipcMain.handle('sme:invoke', (event, method: unknown, input: unknown) => {
      if (!isTrustedSender(event.senderFrame)) {
        return { ok: false, error: { code: 'forbidden', message: 'Calls are accepted from the app page only', messageZh: '仅接受本程序页面的调用' } };
      }
      return worker!.call(method, input);
    });
    ipcMain.handle('sme:openDataFolder', (event) => (isTrustedSender(event.senderFrame) ? shell.openPath(dataDir) : 'forbidden'));

    const win = new BrowserWindow({
      width: 1366,
      height: 860,
      minWidth: 1024,
      minHeight: 680,
      title: '中小企业办实事台账',
      show: false,
      webPreferences: secureWebPreferences(path.join(__dirname, 'preload.cjs')),
    });
    window = win;
    win.once('ready-to-show', () => win.show());
    win.on('closed', () => {
      window = null;
    });
    win.on('session-end', () => shutdown.onSystemEnd());
    // A form with unsaved changes cancels beforeunload; Electron asks nothing by itself, so the
    // close, Quit or Reload would silently do nothing. Ask, with the safe choice focused.
    win.webContents.on('will-prevent-unload', (event) => {
      const response = dialog.showMessageBoxSync(win, unsavedChangesDialog());
      if (leaveAfterUnsavedDialog(response)) event.preventDefault();
    });
    win.webContents.on('did-finish-load', () => {
      crashesSinceLoad = 0;
    });
    win.webContents.on('render-process-gone', (_event, details) => {
      const next = afterRendererGone(details.reason, ++crashesSinceLoad);
      console.error('[sme-ledger] the page process is gone:', details.reason, '→', next);
      if (next === 'reload') win.webContents.reload();
      else if (next === 'quit') app.quit();
    });
    void win.loadURL(`${APP_ORIGIN}/index.html`);
  }).catch((e: unknown) => {
    dialog.showErrorBox('中小企业办实事台账无法启动', (e as Error).message);
    void (worker?.stop() ?? Promise.resolve()).finally(() => app.exit(1));
  });
}
