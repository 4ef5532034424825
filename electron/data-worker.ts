import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ApiResult } from '../api/contract';
import type { ProgressEvent } from '../services/context';
import type { KeysFailure } from './key-unwrap';
import type { WorkerCall, WorkerClose, WorkerMessage, WorkerOptions } from './worker';

export interface DataWorkerOptions {
  dataDir: string;
  nativeBinding?: string;
  keyWrap?: Buffer;
  keysFailure?: KeysFailure | null;
  workerFile?: string;
  onProgress?: (event: ProgressEvent) => void;
  /** Told each time the worker died and was started again (the main process logs it). */
  onRestart?: (reason: string) => void;
  /** How long a graceful stop may take before the worker is terminated (the kernel then releases the lock). */
  stopGraceMs?: number;
  /** Tests only (see worker.ts). */
  crashOn?: string;
}

/** Worker restarts in a row without one answered call, after which calls are refused instead. */
const MAX_RESTARTS_WITHOUT_ANSWER = 3;

/**
 * The main process's handle on the data worker: one promise per call, matched by id.
 *
 * A worker that dies (an uncaught error, out of memory, a native crash in a worker) rejects every
 * pending call with a clear error — none hangs — and is started again, so the next call opens the
 * database afresh; if it cannot be opened, app.status says why and the page shows the recovery
 * screen. stop() lets the worker finish its calls, close the database and release the lock.
 */
export class DataWorker {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, (result: ApiResult<unknown>) => void>();
  private stopped = false;
  private restartsWithoutAnswer = 0;
  private closed: Promise<void> | null = null;
  /** How many times the worker was started (1 at first). */
  starts = 0;

  constructor(private readonly options: DataWorkerOptions) {
    this.start();
  }

  private start(): void {
    const { workerFile, onProgress, onRestart: _r, stopGraceMs: _s, ...rest } = this.options;
    const workerData: WorkerOptions = rest;
    const worker = new Worker(workerFile ?? path.join(__dirname, 'worker.cjs'), { workerData });
    this.worker = worker;
    this.starts++;
    worker.on('message', (msg: WorkerMessage) => {
      if ('progress' in msg) return onProgress?.(msg.progress);
      if ('closed' in msg) return;
      this.restartsWithoutAnswer = 0;
      this.pending.get(msg.id)?.(msg.result);
      this.pending.delete(msg.id);
    });
    let failure: Error | null = null;
    worker.on('error', (e) => {
      failure = e;
    });
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      this.worker = null;
      const reason = failure ? failure.message : `exit code ${code}`;
      this.failAll(reason);
      if (this.stopped) return;
      // Died on its own: start again for the next call, unless it cannot even start.
      this.restartsWithoutAnswer++;
      if (this.restartsWithoutAnswer <= MAX_RESTARTS_WITHOUT_ANSWER) {
        this.options.onRestart?.(reason);
        this.start();
      }
    });
  }

  call(method: unknown, input: unknown): Promise<ApiResult<unknown>> {
    if (this.stopped) return Promise.resolve(workerFailed('the app is closing'));
    // It died several times in a row without answering: try once more for this call (the user asked).
    if (!this.worker) this.start();
    const worker = this.worker!;
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      worker.postMessage({ id, method, input } satisfies WorkerCall);
    });
  }

  /**
   * Lets the worker finish the calls under way, close the database and release the folder lock
   * (marked as a clean end); terminates it if that takes longer than the grace period.
   */
  stop(): Promise<void> {
    if (this.closed) return this.closed;
    this.stopped = true;
    const worker = this.worker;
    if (!worker) return (this.closed = Promise.resolve());
    this.closed = new Promise<void>((resolve) => {
      const timer = setTimeout(() => void worker.terminate(), this.options.stopGraceMs ?? 15_000);
      worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      worker.postMessage({ close: true } satisfies WorkerClose);
    });
    return this.closed;
  }

  private failAll(reason: string) {
    for (const resolve of this.pending.values()) resolve(workerFailed(reason));
    this.pending.clear();
  }
}

function workerFailed(reason: string): ApiResult<never> {
  return {
    ok: false,
    error: {
      code: 'worker_failed',
      message: `The data service stopped (${reason}); this action may not have been saved. The service has been restarted: check the record, then try again.`,
      messageZh: `数据服务意外停止（${reason}），本次操作可能未保存。数据服务已重新启动，请核对后重试。`,
    },
  };
}
