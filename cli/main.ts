import * as init from './commands/init';
import * as info from './commands/info';
import * as demo from './commands/demo';
import * as sheets from './commands/sheets';
import * as sync from './commands/sync';
import * as progress from './commands/progress';
import * as backups from './commands/backup';
import * as move from './move';
import * as checklist from './commands/checklist';
import * as figures from './commands/figures';
import * as milestones from './commands/milestones';
import * as problems from './commands/problems';
import * as supervision from './commands/supervision';
import { failureLine, say, takeLanguage } from './say';

/**
 * `npm run cli -- <command> …`: the app's services without a window, for batch work and tests.
 * A command is one entry here: its name, a usage line and run(argv).
 */
export type Command = { usage: string; run(argv: string[]): Promise<number | void> };
const commands: Record<string, Command> = {
  init,
  info,
  demo,
  progress,
  report: { usage: '', run: progress.report },
  backup: { usage: '', run: backups.backup },
  backups: { usage: '', run: backups.list },
  restore: { usage: '', run: backups.restore },
  'move-export': { usage: '', run: move.runExport },
  'move-import': { usage: '', run: move.runImport },
  export: { usage: '', run: sync.runExport },
  import: { usage: '', run: sync.runImport },
  publish: { usage: '', run: sync.runPublish },
  inspect: { usage: '', run: sync.runInspect },
  keys: { usage: '', run: sync.runKeys },
  checklist,
  figures,
  milestones,
  ...Object.fromEntries(sheets.kinds.map((k) => [k, { usage: '', run: (argv: string[]) => sheets.run(k, argv) }])),
  // `problems list` lists; `problems import|export|template` are the Excel transfer.
  problems: { usage: '', run: (argv: string[]) => (argv[0] === 'list' ? problems.list(argv.slice(1)) : sheets.run('problems', argv)) },
  supervision,
};

function help(): string {
  return [say('用法：npm run cli -- <命令> [选项]（--lang en：只用英文）', 'usage: npm run cli -- <command> [options] (--lang en: English only)'), '', ...[init.usage, info.usage, demo.usage, sheets.usage, sync.usage, progress.usage, progress.reportUsage, backups.usage, move.usage, checklist.usage, figures.usage, milestones.usage, problems.usage, supervision.usage].map((u) => `  ${u}`)].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = takeLanguage(argv);
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(help());
    return name ? 0 : 1;
  }
  const command = commands[name];
  if (!command) {
    console.error(say(`没有“${name}”这个命令；可用的命令：${Object.keys(commands).join('、')}`, `unknown command "${name}"; commands: ${Object.keys(commands).join(', ')}`));
    return 1;
  }
  try {
    return (await command.run(rest)) ?? 0;
  } catch (e) {
    // The one place every failure of every command is said to the person at the terminal.
    const line = failureLine(e);
    if (line) {
      console.error(line);
      return 1;
    }
    console.error(say('内部错误（请将以下内容发给技术支持）：', 'internal error (please send what follows to support):'), e);
    return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
