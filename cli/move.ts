import { print, say } from './say';
import { parse, required } from './args';
import { apiFor } from './run';
import { UserError } from '../db/errors';
import { fingerprint } from '../db/sync/crypto';
import { exportMoveFile, importMoveFile } from '../services/handlers/move';

/**
 * Moving an installation to a new laptop. The passphrase comes from SME_MOVE_PASSPHRASE or is
 * typed at a terminal, never from the command line, where it would stay in the shell's history.
 */
export const PASSPHRASE_ENV = 'SME_MOVE_PASSPHRASE';

export const usage = `move-export --data DIR --out FILE.smemove   (database and keys, encrypted with a passphrase: ${PASSPHRASE_ENV} or typed)
  move-import --data DIR FILE.smemove         (replaces DIR's installation, backed up first, by the one in FILE)`;

/** Reads a line from the terminal without echoing it. */
function askHidden(question: string): Promise<string> {
  const input = process.stdin;
  process.stderr.write(question);
  input.setRawMode(true);
  input.setEncoding('utf8');
  input.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = () => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
    };
    const onData = (text: string) => {
      for (const ch of text) {
        if (ch === '\r' || ch === '\n') {
          finish();
          return resolve(value);
        }
        if (ch === '\u0003' || ch === '\u0004') {
          finish();
          return reject(new UserError('cancelled', 'cancelled', '已取消'));
        }
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    input.on('data', onData);
  });
}

async function passphrase(confirm: boolean): Promise<string> {
  const fromEnv = process.env[PASSPHRASE_ENV];
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) {
    throw new UserError('bad_arguments', `set ${PASSPHRASE_ENV} or run in a terminal to type the passphrase`, `请设置环境变量 ${PASSPHRASE_ENV}，或在终端中输入口令`);
  }
  const first = await askHidden(`${say('口令', 'passphrase')}: `);
  if (confirm && (await askHidden(`${say('再次输入口令', 'again')}: `)) !== first) {
    throw new UserError('bad_arguments', 'the two passphrases differ', '两次输入的口令不一致');
  }
  return first;
}

export async function runExport(argv: string[]): Promise<void> {
  const { values } = parse(argv, { data: { type: 'string' }, out: { type: 'string' } });
  const out = required(values.out, '--out');
  const { ctx } = apiFor(values.data);
  try {
    ctx.requireDatabase();
    const r = await exportMoveFile(ctx, await passphrase(true), out);
    print(`已写入 ${out}：安装编号 ${r.manifest.installationId}（${r.manifest.officeName}），结构版本 ${r.manifest.schemaVersion}，${r.bytes} 字节`, `wrote ${out}: installation ${r.manifest.installationId} (${r.manifest.officeName}), schema ${r.manifest.schemaVersion}, ${r.bytes} bytes`);
    print('请将口令与文件分开保管；在新电脑导入后，请停止使用本机上的这份安装。', 'keep the passphrase apart from the file; after importing it on the new laptop, stop using this copy of the installation');
  } finally {
    ctx.close();
  }
}

export async function runImport(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, { data: { type: 'string' } }, true);
  const file = required(positionals[0], 'FILE');
  const { ctx } = apiFor(values.data);
  try {
    const m = await importMoveFile(ctx, file, await passphrase(false));
    const fp = fingerprint(ctx.keys.load().signing.publicKey);
    print(`已导入安装 ${m.installationId}（${m.officeName}）到 ${ctx.dataDir}；密钥指纹 ${fp}`, `imported installation ${m.installationId} (${m.officeName}) into ${ctx.dataDir}; key fingerprint ${fp}`);
  } finally {
    ctx.close();
  }
}
