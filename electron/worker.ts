import { parentPort, workerData } from 'node:worker_threads';
import type { ApiResult } from '../api/contract';
import { AppContext, type ProgressEvent } from '../services/context';
import { dispatch } from '../services/dispatch';

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

export type WorkerMessage = { id: number; result: ApiResult<unknown> } | { progress: ProgressEvent };

const { dataDir, nativeBinding, keyWrap } = workerData as { dataDir: string; nativeBinding?: string; keyWrap?: Uint8Array };
const ctx = new AppContext({
  dataDir,
  nativeBinding,
  keyWrap: keyWrap ? Buffer.from(keyWrap) : undefined,
  transport: 'electron',
  dailyBackups: true,
  onProgress: (progress) => parentPort!.postMessage({ progress } satisfies WorkerMessage),
});

parentPort!.on('message', (call: WorkerCall) => {
  void dispatch(ctx, call.method, call.input).then((result) => parentPort!.postMessage({ id: call.id, result } satisfies WorkerMessage));
});

parentPort!.on('close', () => ctx.close());
