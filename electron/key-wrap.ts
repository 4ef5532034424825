import { safeStorage } from 'electron';
import { decideKeyWrap, type KeyWrapDecision } from './key-unwrap';

/** Hands Electron's safeStorage to the decision in key-unwrap.ts (plain, tested under Node). */
export function loadKeyWrap(dataDir: string): KeyWrapDecision {
  return decideKeyWrap(dataDir, {
    available: safeStorage.isEncryptionAvailable(),
    backend: process.platform === 'linux' ? safeStorage.getSelectedStorageBackend?.() : undefined,
    platform: process.platform,
    encrypt: (text) => safeStorage.encryptString(text),
    decrypt: (data) => safeStorage.decryptString(data),
  });
}
