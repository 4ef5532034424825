import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ApiResult } from '../api/contract';
import type { ProgressEvent } from '../services/context';
import type { WorkerCall, WorkerMessage } from './worker';

/** The main process's handle on the data worker: one promise per call, matched by id. */
export class DataWorker {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, (result: ApiResult<unknown>) => void>();

  constructor(options: { dataDir: string; nativeBinding?: string; keyWrap?: Buffer; workerFile?: string; onProgress?: (event: ProgressEvent) => void }) {
    const { workerFile, onProgress, ...workerData } = options;
    this.worker = new Worker(workerFile ?? path.join(__dirname, 'worker.cjs'), { workerData });
    this.worker.on('message', (msg: WorkerMessage) => {
      if ('progress' in msg) {
        onProgress?.(msg.progress);
        return;
      }
      this.pending.get(msg.id)?.(msg.result);
      this.pending.delete(msg.id);
    });
    this.worker.on('error', (e) => this.failAll(e));
    this.worker.on('exit', (code) => this.failAll(new Error(`data worker stopped (exit code ${code})`)));
  }

  call(method: unknown, input: unknown): Promise<ApiResult<unknown>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.worker.postMessage({ id, method, input } satisfies WorkerCall);
    });
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }

  private failAll(e: Error) {
    for (const resolve of this.pending.values()) {
      resolve({ ok: false, error: { code: 'worker_failed', message: `The data service failed: ${e.message}`, messageZh: `数据服务出错：${e.message}` } });
    }
    this.pending.clear();
  }
}
