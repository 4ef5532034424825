import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { safeStorage } from 'electron';

const FILE = 'keywrap.bin';

/**
 * The key that encrypts keys.json in the desktop app, itself protected by the OS keystore
 * (DPAPI on Windows, the Secret Service or kwallet on Linux). Where no keystore is available
 * (safeStorage says so, or on Linux it would fall back to a hard-coded password) the private keys
 * stay in a file readable by the user only, as in the browser host and the CLI.
 */
export function loadKeyWrap(dataDir: string): Buffer | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') return undefined;
  const file = path.join(dataDir, FILE);
  if (fs.existsSync(file)) return Buffer.from(safeStorage.decryptString(fs.readFileSync(file)), 'base64');
  const key = randomBytes(32);
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, safeStorage.encryptString(key.toString('base64')), { mode: 0o600 });
  } catch (e) {
    // A read-only data folder or a full disk: nothing was ever wrapped with a key that could not
    // be kept, so the app starts without one and its recovery screen says what is wrong.
    console.error('[sme-ledger] cannot keep the key wrap:', (e as Error).message);
    return undefined;
  }
  return key;
}
