import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppContext } from '../services/context';
import { dataDirFromArgs, defaultDataDir } from '../services/data-dir';
import { startHost } from './server';

/** `npm run serve`: the app in any browser, on this machine only. */
const argv = process.argv.slice(2);
const portArg = argv.find((a, i) => argv[i - 1] === '--port') ?? process.env.SME_LEDGER_PORT ?? '5178';
const port = Number(portArg);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a number from 0 to 65535, not "${portArg}"`);
  process.exit(1);
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ctx = new AppContext({ dataDir: dataDirFromArgs(argv) ?? defaultDataDir(), transport: 'browser', dailyBackups: true });

try {
  const host = await startHost({ ctx, rendererDir: path.join(root, 'dist', 'renderer'), port });
  console.log(`SME Ledger 中小企业办实事台账`);
  console.log(`data: ${ctx.dataDir}`);
  console.log(`serving at ${host.url}`);
  const stop = () => {
    void host.close().finally(() => {
      ctx.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (e) {
  const err = e as NodeJS.ErrnoException;
  console.error(err.code === 'EADDRINUSE' ? `Port ${port} is in use: pass --port N (0 picks a free one)` : err.message);
  ctx.close();
  process.exit(1);
}
