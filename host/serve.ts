import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppContext } from '../services/context';
import { dataDirFromArgs, defaultDataDir } from '../services/data-dir';
import { UserError } from '../db/errors';
import { userErrorLine } from '../db/bilingual';
import { openInBrowser } from './open-browser';
import { startHost } from './server';
import { warmUpFigures } from '../services/warm-up';

/**
 * `npm run serve`: the app in any browser, on this machine only. Prints one address carrying the
 * run's token and opens it when run from a desktop terminal (--no-open: print only).
 */
const argv = process.argv.slice(2);
const portArg = argv.find((a, i) => argv[i - 1] === '--port') ?? process.env.SME_LEDGER_PORT ?? '5178';
const port = Number(portArg);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port 须为 0 到 65535 之间的数字，而不是“${portArg}” · --port must be a number from 0 to 65535, not "${portArg}"`);
  process.exit(1);
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ctx = new AppContext({ dataDir: dataDirFromArgs(argv) ?? defaultDataDir(), transport: 'browser', dailyBackups: true });

try {
  const host = await startHost({ ctx, rendererDir: path.join(root, 'dist', 'renderer'), port });
  const open = !argv.includes('--no-open') && process.stdout.isTTY ? openInBrowser(host.url) : null;
  console.log(`SME Ledger 中小企业办实事台账`);
  console.log(`数据 data: ${ctx.dataDir}`);
  console.log(`serving at ${host.url}`);
  console.log(open ? '已在浏览器中打开。 Opened in your browser.' : '请在浏览器中打开上面的完整地址（含 #token=…，仅本次运行有效，勿发给他人）。 Open the full address above in a browser (the #token=… part is this run’s key: do not share it).');
  // While the browser loads the page, the figures it opens on are worked out (in turns).
  void ctx.putFirst(() => warmUpFigures(ctx));
  const stop = () => {
    open?.();
    void host.close().then(() => ctx.idle()).finally(() => {
      ctx.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('SIGHUP', stop);
} catch (e) {
  const err = e as NodeJS.ErrnoException;
  console.error(
    err.code === 'EADDRINUSE'
      ? `端口 ${port} 已被占用：请用 --port N 指定其他端口（0 为任一空闲端口） · Port ${port} is in use: pass --port N (0 picks a free one)`
      : e instanceof UserError ? userErrorLine(e) : `无法启动 · cannot start: ${err.message}`,
  );
  ctx.close();
  process.exit(1);
}
