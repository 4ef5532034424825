import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDataDir } from '../support/host';
import { cli } from '../support/cli';
import { latestSchemaVersion } from '../../db/migrations';

const dirs: string[] = [];
function dir() {
  const d = tempDataDir('sme-cli-');
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A user error is one line on stderr, exit 1, no stack trace. */
function expectUserError(r: ReturnType<typeof cli>, pattern: RegExp) {
  expect(r.code).toBe(1);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
}

describe('cli init and info', () => {
  it('sets up an office and reports it as JSON', () => {
    const d = dir();
    const init = cli(['init', '--data', d, '--role', 'office', '--prefecture', '540600', '--name', '那曲市经济和信息化局', '--operator', '多吉']);
    expect(init.code, init.stderr).toBe(0);
    const info = cli(['info', '--data', d, '--json']);
    expect(info.code, info.stderr).toBe(0);
    const json = JSON.parse(info.stdout);
    expect(json).toMatchObject({ setUp: true, role: 'office', prefectureCode: '540600', prefectureName: '那曲市', schemaVersion: latestSchemaVersion });
    expect(json.installationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(fs.existsSync(path.join(d, 'ledger.sqlite'))).toBe(true);
  });

  it('sets up headquarters', () => {
    const d = dir();
    expect(cli(['init', '--data', d, '--role', 'hq', '--name', '区经信厅中小企业处', '--operator', '卓玛']).code).toBe(0);
    expect(JSON.parse(cli(['info', '--data', d, '--json']).stdout)).toMatchObject({ role: 'hq', prefectureCode: null });
  });

  it('reads the data folder from SME_LEDGER_DATA', () => {
    const d = dir();
    expect(cli(['init', '--role', 'hq', '--name', 'HQ', '--operator', 'op'], { SME_LEDGER_DATA: d }).code).toBe(0);
    expect(JSON.parse(cli(['info', '--json'], { SME_LEDGER_DATA: d }).stdout).role).toBe('hq');
  });

  it('says an empty folder is not set up', () => {
    const r = cli(['info', '--data', dir(), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ setUp: false, installationId: null });
  });

  it('answers bad arguments with one clear line and writes nothing', () => {
    const d = dir();
    expectUserError(cli(['init', '--data', d, '--role', 'office', '--name', 'x', '--operator', 'y']), /--prefecture CODE is required/);
    expectUserError(cli(['init', '--data', d, '--role', 'boss', '--name', 'x', '--operator', 'y']), /--role must be office or hq/);
    expectUserError(cli(['init', '--data', d, '--role', 'office', '--prefecture', '999999', '--name', 'x', '--operator', 'y']), /prefectureCode/);
    expectUserError(cli(['init', '--data', d, '--role', 'office', '--prefecture', '540900', '--name', 'x', '--operator', 'y']), /not one of the seven/);
    expectUserError(cli(['init', '--data', d, '--role', 'hq', '--operator', 'y']), /--name is required/);
    expectUserError(cli(['init', '--data', d, '--role', 'hq', '--name', 'x', '--operator', 'y', '--bogus']), /bogus/);
    expectUserError(cli(['info']), /--data DIR is required/);
    expect(fs.readdirSync(d)).toEqual([]);
    expectUserError(cli(['frobnicate']), /unknown command "frobnicate"/);
  });

  it('refuses to set up twice', () => {
    const d = dir();
    cli(['init', '--data', d, '--role', 'hq', '--name', 'HQ', '--operator', 'a']);
    expectUserError(cli(['init', '--data', d, '--role', 'hq', '--name', 'HQ2', '--operator', 'b']), /already set up/);
  });

  it('refuses a folder whose database comes from a newer app', () => {
    const d = dir();
    cli(['init', '--data', d, '--role', 'hq', '--name', 'HQ', '--operator', 'a']);
    const db = new Database(path.join(d, 'ledger.sqlite'));
    db.pragma('user_version = 999');
    db.close();
    expectUserError(cli(['info', '--data', d]), /newer SME Ledger/);
  });
});
