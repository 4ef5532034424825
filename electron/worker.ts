import { parentPort, workerData } from 'node:worker_threads';
import type { ApiResult } from '../api/contract';
import { AppContext, type ProgressEvent } from '../services/context';
import { dispatch } from '../services/dispatch';
import type { KeysFailure } from './key-unwrap';
import { warmUpFigures } from '../services/warm-up';

/**
 * The data side of the desktop app. Database and file work runs here, off Electron's main
 * thread, so a long import never freezes the window. Calls arrive as messages and go through the
 * same dispatcher as the browser host's.
 */
export interface WorkerCall {
  id: number;
  method: unknown;
  input: unknown;
}
/** The main process asks the worker to finish its calls, close the database and let go of the folder. */
export interface WorkerClose {
  close: true;
}

export type WorkerMessage = { id: number; result: ApiResult<unknown> } | { progress: ProgressEvent } | { closed: true };

export interface WorkerOptions {
  dataDir: string;
  nativeBinding?: string;
  keyWrap?: Uint8Array;
  keysFailure?: KeysFailure | null;
  /** Tests only: the worker throws outside any call on receiving this method, as a crash would. */
  crashOn?: string;
}

const { dataDir, nativeBinding, keyWrap, keysFailure, crashOn } = workerData as WorkerOptions;
const ctx = new AppContext({
  dataDir,
  nativeBinding,
  keyWrap: keyWrap ? Buffer.from(keyWrap) : undefined,
  keysFailure,
  transport: 'electron',
  dailyBackups: true,
  onProgress: (progress) => parentPort!.postMessage({ progress } satisfies WorkerMessage),
});

// While the window loads the page, the figures it opens on are worked out (in turns), as the
// browser host does: the dashboard's first request then shares them.
void ctx.putFirst(() => warmUpFigures(ctx));

let running = 0;
let closing = false;

let closed = false;
function closeWhenIdle() {
  if (!closing || running > 0) return;
  void ctx.idle().then(() => {
    if (closed || running > 0) return;
    closed = true;
    ctx.close();
    parentPort!.postMessage({ closed: true } satisfies WorkerMessage);
    parentPort!.close();
  });
}

parentPort!.on('message', (message: WorkerCall | WorkerClose) => {
  if ('close' in message) {
    closing = true;
    return closeWhenIdle();
  }
  const call = message;
  if (crashOn && call.method === crashOn) {
    setImmediate(() => {
      throw new Error('simulated crash of the data worker');
    });
    return;
  }
  if (closing) {
    parentPort!.postMessage({ id: call.id, result: { ok: false, error: { code: 'closing', message: 'The app is closing.', messageZh: '程序正在关闭。' } } } satisfies WorkerMessage);
    return;
  }
  running++;
  void dispatch(ctx, call.method, call.input).then((result) => {
    running--;
    parentPort!.postMessage({ id: call.id, result } satisfies WorkerMessage);
    closeWhenIdle();
  });
});
