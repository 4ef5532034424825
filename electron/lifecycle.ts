/**
 * How the desktop app ends, as plain functions free of Electron, so that they are tested under
 * Node (tests/unit/electron-lifecycle.test.ts); main.ts only wires them to Electron's events.
 *
 * Every way out — the last window closed, Quit from the menu or the dock, OS shutdown or log-off,
 * a signal, the renderer crashing for good — goes through one shutdown: the data worker closes the
 * database and marks the folder lock as let go, then the app quits. Should anything still go
 * wrong, the lock is an OS lock (services/lock.ts) that the kernel releases with the process.
 */

export interface ShutdownDeps {
  /** Asks the data worker to close the database and release the lock. */
  stopWorker(): Promise<void>;
  /** app.quit(): closes windows (asking about unsaved forms), then will-quit. */
  quit(): void;
  /** app.exit(code): no more questions (the OS is shutting down). */
  exit(code: number): void;
}

export interface Shutdown {
  /** window-all-closed: the user closed the last window. */
  onWindowAllClosed(): void;
  /** will-quit: the windows are gone; hold the quit until the database is closed. */
  onWillQuit(event: { preventDefault(): void }): void;
  /** SIGTERM/SIGINT/SIGHUP, powerMonitor 'shutdown', 'session-end': close the data and leave now. */
  onSystemEnd(event?: { preventDefault(): void }): void;
  readonly state: 'running' | 'stopping' | 'stopped';
}

export function createShutdown(deps: ShutdownDeps): Shutdown {
  let state: 'running' | 'stopping' | 'stopped' = 'running';
  let stopping: Promise<void> | null = null;
  const stop = () => {
    if (!stopping) {
      state = 'stopping';
      stopping = deps
        .stopWorker()
        .catch(() => {
          // The worker is gone either way; the kernel has released its lock.
        })
        .finally(() => {
          state = 'stopped';
        });
    }
    return stopping;
  };
  return {
    get state() {
      return state;
    },
    onWindowAllClosed() {
      deps.quit();
    },
    onWillQuit(event) {
      if (state === 'stopped') return;
      event.preventDefault();
      void stop().then(() => deps.quit());
    },
    onSystemEnd(event) {
      // powerMonitor 'shutdown' may be held (Linux, macOS) until the database is closed.
      event?.preventDefault();
      void stop().then(() => deps.exit(0));
    },
  };
}

/**
 * The native question when a form with unsaved changes is about to go (close, Quit, Reload):
 * the safe choice first, focused, and the one Esc gives.
 */
export function unsavedChangesDialog() {
  return {
    type: 'question' as const,
    title: '中小企业办实事台账',
    message: '放弃未保存的修改？',
    detail: '表单中有尚未保存的修改。关闭后这些修改将丢失。\nThe form has unsaved changes; closing discards them.',
    buttons: ['继续编辑 Keep editing', '放弃修改 Discard'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  };
}

/** Whether the window may unload after the dialog: only when the user chose to discard. */
export function leaveAfterUnsavedDialog(response: number): boolean {
  return response === 1;
}

/**
 * After the renderer process is gone: a clean exit needs nothing; a crash reloads the page (the
 * data worker is untouched), but a page that keeps crashing quits the app cleanly rather than
 * loop. `crashesSinceLoad` counts crashes since the page last loaded.
 */
export function afterRendererGone(reason: string, crashesSinceLoad: number): 'nothing' | 'reload' | 'quit' {
  if (reason === 'clean-exit') return 'nothing';
  return crashesSinceLoad >= 3 ? 'quit' : 'reload';
}

/** Sends to a window only while it and its page exist (progress of a long import after close). */
export function sendIfAlive(
  window: { isDestroyed(): boolean; webContents: { isDestroyed(): boolean; send(channel: string, ...args: unknown[]): void } } | null,
  channel: string,
  payload: unknown,
): boolean {
  if (!window || window.isDestroyed() || window.webContents.isDestroyed()) return false;
  window.webContents.send(channel, payload);
  return true;
}

/**
 * Development-only switches, honoured in a development checkout and ignored in the packaged app:
 * SME_LEDGER_NATIVE_BINDING loads any .node file into the process, which would undercut the
 * fuses that stop the packaged app from running arbitrary code.
 */
export function devNativeBinding(packaged: boolean, env: NodeJS.ProcessEnv): string | undefined {
  if (packaged) return undefined;
  return env.SME_LEDGER_NATIVE_BINDING || undefined;
}
