import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, shell } from 'electron';
import { DataWorker } from './data-worker';
import { loadKeyWrap } from './key-wrap';
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
    // The database is opened by the worker on the first call; when it cannot be (damaged, from a
    // newer app, a read-only folder, a full disk) the page shows the recovery screen.
    worker = new DataWorker({
      dataDir,
      nativeBinding: nativeBinding(),
      keyWrap: loadKeyWrap(dataDir),
      onProgress: (progress) => window?.webContents.send('sme:progress', progress),
    });

    ipcMain.handle('sme:invoke', (event, method: unknown, input: unknown) => {
      if (!isTrustedSender(event.senderFrame)) {
        return { ok: false, error: { code: 'forbidden', message: 'Calls are accepted from the app page only', messageZh: '仅接受本程序页面的调用' } };
      }
      return worker!.call(method, input);
    });
    ipcMain.handle('sme:openDataFolder', (event) => (isTrustedSender(event.senderFrame) ? shell.openPath(dataDir) : 'forbidden'));

    window = new BrowserWindow({
      width: 1366,
      height: 860,
      minWidth: 1024,
      minHeight: 680,
      title: '中小企业办实事台账',
      show: false,
      webPreferences: secureWebPreferences(path.join(__dirname, 'preload.cjs')),
    });
    window.once('ready-to-show', () => window?.show());
    void window.loadURL(`${APP_ORIGIN}/index.html`);
  }).catch((e: unknown) => {
    dialog.showErrorBox('中小企业办实事台账无法启动', (e as Error).message);
    app.exit(1);
  });

  app.on('window-all-closed', () => {
    void worker?.stop().finally(() => app.quit());
  });
}
