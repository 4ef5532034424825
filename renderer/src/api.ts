import { createApi, type ApiResult, type ElectronBridge, type MethodName } from '../../api/contract';
import { takeHostToken } from './host-token';

declare global {
  interface Window {
    smeLedger?: ElectronBridge;
  }
}

const bridge = window.smeLedger;
const token = bridge ? '' : takeHostToken();

/**
 * The renderer's only way to the data. In Electron the preload's bridge carries each call over
 * IPC; in a browser the host's HTTP endpoint does, with the per-run token of the address
 * `npm run serve` printed.
 */
function browserTransport(method: MethodName, input: unknown): Promise<ApiResult<unknown>> {
  return fetch(`./api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-SME-Token': token },
    body: JSON.stringify(input),
  }).then(async (res) => {
    if (res.status === 401) {
      return {
        ok: false,
        error: {
          code: 'host_token',
          message: 'This page was opened without its access token. Open the full address that `npm run serve` printed (it ends in #token=…), in this browser tab.',
          messageZh: '本页面缺少访问令牌：请在浏览器中打开 npm run serve 输出的完整地址（以 #token=… 结尾）。',
        },
      };
    }
    if (!res.ok) {
      const text = await res.text();
      return { ok: false, error: { code: `http_${res.status}`, message: text, messageZh: `连接本地服务失败（${res.status}）：${text}` } };
    }
    return (await res.json()) as ApiResult<unknown>;
  });
}

type FailureListener = (code: string, method: MethodName) => void;
const failureListeners = new Set<FailureListener>();

/** Hears every failed call's error code (a damaged database found mid-work offers the way out). */
export function onApiFailure(listener: FailureListener): () => void {
  failureListeners.add(listener);
  return () => failureListeners.delete(listener);
}

/**
 * The page is marked aria-busy while any call is under way, so that a screen reader knows the
 * content is still being filled in (and a test reads the screen only once it is complete).
 */
let pending = 0;
function busy(delta: 1 | -1): void {
  pending += delta;
  document.getElementById('root')?.setAttribute('aria-busy', pending > 0 ? 'true' : 'false');
}

const transport = bridge ? (m: MethodName, i: unknown) => bridge.invoke(m, i) : browserTransport;
export const api = createApi(async (method, input) => {
  busy(1);
  try {
    const result = await transport(method, input);
    if (!result.ok) for (const listener of failureListeners) listener(result.error.code, method);
    return result;
  } finally {
    busy(-1);
  }
});
