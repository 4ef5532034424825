import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { keysAreWrapped, keysOpenWith } from '../services/keys-file';

export const KEY_WRAP_FILE = 'keywrap.bin';

/** Why the installation's private keys cannot be opened on this computer, in words, with the way out. */
export interface KeysFailure {
  code: 'keys_unavailable';
  message: string;
  messageZh: string;
}

/** What the main process knows of the OS keystore (Electron's safeStorage), passed in so that this runs under Node. */
export interface Keystore {
  available: boolean;
  /** Linux: 'basic_text' means no real keystore (a hard-coded password). */
  backend?: string;
  platform: NodeJS.Platform;
  encrypt(text: string): Buffer;
  decrypt(data: Buffer): string;
}

export type KeyWrapDecision = { key: Buffer | undefined; failure: null } | { key: undefined; failure: KeysFailure };

/**
 * The key that encrypts keys.json in the desktop app, itself protected by the OS keystore (DPAPI
 * on Windows, the Keychain on macOS, the Secret Service or KWallet on Linux).
 *
 * - No real keystore and nothing wrapped yet: the keys stay in a file readable by the user only,
 *   as in the browser host and the CLI.
 * - keywrap.bin cannot be opened (the keyring was reset, another user profile, the folder copied
 *   by hand, the keystore not running) while keys.json is wrapped with it: a failure that the
 *   recovery screen explains, with the way out. Never an exit: the app opens and says so.
 * - keywrap.bin cannot be opened but nothing is wrapped with it: a new one is made.
 */
export function decideKeyWrap(dataDir: string, keystore: Keystore): KeyWrapDecision {
  const wrapFile = path.join(dataDir, KEY_WRAP_FILE);
  const wrapped = keysAreWrapped(dataDir);
  const usable = keystore.available && !(keystore.platform === 'linux' && keystore.backend === 'basic_text');
  if (fs.existsSync(wrapFile) && wrapped) {
    if (!usable) return { key: undefined, failure: keysUnavailable('no-keystore', keystore.backend) };
    let key: Buffer;
    try {
      key = Buffer.from(keystore.decrypt(fs.readFileSync(wrapFile)), 'base64');
      if (key.length !== 32 || !keysOpenWith(dataDir, key)) throw new Error('not the key of keys.json');
    } catch {
      return { key: undefined, failure: keysUnavailable('undecryptable') };
    }
    return { key, failure: null };
  }
  if (wrapped) return { key: undefined, failure: keysUnavailable('no-wrap-file') };
  if (!usable) return { key: undefined, failure: null };
  if (fs.existsSync(wrapFile)) {
    try {
      const key = Buffer.from(keystore.decrypt(fs.readFileSync(wrapFile)), 'base64');
      if (key.length === 32) return { key, failure: null };
    } catch {
      // Nothing is wrapped with it: replaced below.
    }
  }
  const key = randomBytes(32);
  try {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(`${wrapFile}.tmp`, keystore.encrypt(key.toString('base64')), { mode: 0o600 });
    fs.renameSync(`${wrapFile}.tmp`, wrapFile);
  } catch {
    // A read-only folder or a full disk: nothing is wrapped with a key that could not be kept;
    // the recovery screen says what is wrong with the folder.
    return { key: undefined, failure: null };
  }
  return { key, failure: null };
}

const WAY_OUT_ZH =
  '解决办法：① 如果是在原来的电脑和用户账户上，请登录原来的桌面会话并解锁系统密钥环（钥匙串），然后重新打开本程序；② 用旧电脑导出的迁移包恢复（下方“从迁移包导入”，需迁移包口令）；③ 都不行时，将本数据文件夹另存后作为新安装重新设置，并请自治区经济和信息化厅撤销旧密钥、登记新密钥卡。数据库本身未受影响。';
const WAY_OUT_EN =
  'Way out: (1) on the original computer and user account, log in to the usual desktop session and unlock the system keyring (Keychain), then open the app again; (2) restore from a migration package exported on the old computer ("Import a migration package" below, with its passphrase); (3) failing both, keep a copy of this data folder, set the app up as a new installation and ask HQ to revoke the old key and enrol the new key card. The database itself is unaffected.';

function keysUnavailable(why: 'no-keystore' | 'undecryptable' | 'no-wrap-file', backend?: string): KeysFailure {
  const cause = {
    'no-keystore': [
      `本机的系统密钥库当前不可用${backend ? `（${backend}）` : ''}，无法解开本机的私钥（keys.json 由系统密钥库保护）。`,
      `The system keystore is not available${backend ? ` (${backend})` : ''}, so the installation's private keys (keys.json, protected by it) cannot be opened.`,
    ],
    undecryptable: [
      '无法用本机系统密钥库解开本安装的私钥：密钥环可能已被重置，或数据文件夹来自另一台电脑或另一个用户账户。',
      "The installation's private keys cannot be opened with this computer's keystore: the keyring may have been reset, or the data folder comes from another computer or user account.",
    ],
    'no-wrap-file': [
      '本安装的私钥受系统密钥库保护，但保护它的 keywrap.bin 文件不见了（文件夹可能被手工复制过）。',
      "The installation's private keys are protected by the system keystore, but the keywrap.bin file that protects them is missing (the folder may have been copied by hand).",
    ],
  }[why];
  return { code: 'keys_unavailable', messageZh: `${cause[0]}${WAY_OUT_ZH}`, message: `${cause[1]} ${WAY_OUT_EN}` };
}
