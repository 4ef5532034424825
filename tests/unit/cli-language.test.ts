import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli';
import { tempDirs } from '../support/dirs';
import { FolderLock } from '../../services/lock';

const dir = tempDirs('sme-cli-lang-');
/** Chinese before the ' · ', English after it. */
const chineseFirst = (line: string) => {
  const [zh, ...en] = line.split(' · ');
  return /[\u4e00-\u9fff]/.test(zh!) && en.length > 0 && /[a-z]{3}/i.test(en.join(' · '));
};

describe('the CLI speaks Chinese first, English beside', () => {
  it('says what it did and what went wrong in both languages, or English alone with --lang en', () => {
    const d = dir();
    const notSetUp = cli(['info', '--data', d]);
    expect(chineseFirst(notSetUp.stdout.trim()), notSetUp.stdout).toBe(true);
    expect(notSetUp.stdout).toContain('Not set up yet');
    expect(cli(['info', '--data', d, '--lang', 'en']).stdout.trim()).toBe(`Not set up yet: ${d} (run init)`);

    const badRole = cli(['init', '--data', d, '--role', 'boss', '--name', 'x', '--operator', 'y']);
    expect(badRole.code).toBe(1);
    expect(chineseFirst(badRole.stderr.trim()), badRole.stderr).toBe(true);
    const unknownOption = cli(['info', '--data', d, '--bogus']);
    expect(chineseFirst(unknownOption.stderr.trim()), unknownOption.stderr).toBe(true);
    const unknownCommand = cli(['nope']);
    expect(chineseFirst(unknownCommand.stderr.trim()), unknownCommand.stderr).toBe(true);

    const init = cli(['init', '--data', d, '--role', 'office', '--prefecture', '540100', '--name', '拉萨市经信局', '--operator', '张三']);
    expect(init.code, init.stderr).toBe(0);
    expect(chineseFirst(init.stdout.trim()), init.stdout).toBe(true);
    expect(init.stdout).toContain('Set up office of Lhasa');
  });

  it('says a missing or unreadable file in words with its path, never a bare ENOENT or a stack', () => {
    const d = dir();
    cli(['init', '--data', d, '--role', 'office', '--prefecture', '540100', '--name', '拉萨', '--operator', '张三']);
    const missing = path.join(d, 'no-such.smemove');
    const r = cli(['move-import', '--data', d, missing], { SME_MOVE_PASSPHRASE: 'a long enough passphrase' });
    expect(r.code).toBe(1);
    const line = r.stderr.trim();
    expect(line.split('\n')).toHaveLength(1);
    expect(chineseFirst(line), line).toBe(true);
    expect(line).toContain(`无法读取 ${missing}：找不到文件或文件夹`);
    expect(line).toContain('file or folder not found');
    expect(line).not.toMatch(/^Error|at .*\.ts:\d+|ENOENT:/);
    const folder = cli(['inspect', d, '--json']);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toContain('这是一个文件夹，不是文件');
  });

  it('says a data folder in use in Chinese first, naming the three kinds of owner', () => {
    const d = dir();
    cli(['init', '--data', d, '--role', 'office', '--prefecture', '540100', '--name', '拉萨', '--operator', '张三']);
    const lock = new FolderLock(d);
    lock.acquire();
    try {
      const r = cli(['info', '--data', d]);
      expect(r.code).toBe(1);
      expect(r.stderr.trim()).toMatch(/^该数据文件夹正被另一个台账程序（桌面程序、浏览器版或命令行）使用/);
      expect(r.stderr).toContain('in use by another SME Ledger');
    } finally {
      lock.release();
    }
  });
});

describe('demo', () => {
  it('makes exactly the numbers asked for, drawing a clashing credit code again (the same seed twice clashes every code)', () => {
    const d = dir();
    cli(['init', '--data', d, '--role', 'office', '--prefecture', '540300', '--name', '昌都', '--operator', '张三']);
    for (let run = 1; run <= 2; run++) {
      const r = cli(['demo', '--data', d, '--enterprises', '40', '--activities', '5', '--visits', '5', '--seed', '3', '--json']);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ enterprises: 40, activities: 5, visits: 5 });
    }
    const info = cli(['enterprises', 'export', path.join(d, 'all.xlsx'), '--data', d]);
    expect(info.code, info.stderr).toBe(0);
  });
});
