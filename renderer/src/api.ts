import { createApi, type ApiResult, type ElectronBridge, type MethodName } from '../../api/contract';

declare global {
  interface Window {
    smeLedger?: ElectronBridge;
  }
}

/**
 * The renderer's only way to the data. In Electron the preload's bridge carries each call over
 * IPC; in a browser the host's HTTP endpoint does, with the per-run token the host put in the page.
 */
function browserTransport(method: MethodName, input: unknown): Promise<ApiResult<unknown>> {
  const token = document.querySelector<HTMLMetaElement>('meta[name="sme-token"]')?.content ?? '';
  return fetch(`./api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-SME-Token': token },
    body: JSON.stringify(input),
  }).then(async (res) => {
    if (!res.ok) {
      const text = await res.text();
      return { ok: false, error: { code: `http_${res.status}`, message: text, messageZh: `连接本地服务失败（${res.status}）：${text}` } };
    }
    return (await res.json()) as ApiResult<unknown>;
  });
}

const bridge = window.smeLedger;
export const api = createApi(bridge ? (m, i) => bridge.invoke(m, i) : browserTransport);
