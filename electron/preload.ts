import { contextBridge, ipcRenderer } from 'electron';
import type { ElectronBridge } from '../api/contract';

/**
 * The renderer's whole view of the desktop: one function per direction, typed by the contract.
 * No ipcRenderer, no Node: the page sees only window.smeLedger.
 */
const bridge: ElectronBridge = {
  invoke: (method, input) => ipcRenderer.invoke('sme:invoke', method, input),
  onProgress: (listener) => {
    const handler = (_event: unknown, progress: Parameters<typeof listener>[0]) => listener(progress);
    ipcRenderer.on('sme:progress', handler);
    return () => ipcRenderer.removeListener('sme:progress', handler);
  },
  openDataFolder: () => ipcRenderer.invoke('sme:openDataFolder'),
};

contextBridge.exposeInMainWorld('smeLedger', bridge);
