import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDataDir } from '../support/host';
import { cli } from '../support/cli';

let dir: string;
beforeAll(() => {
  dir = tempDataDir('sme-cli-ledger-');
  expect(cli(['init', '--data', dir, '--role', 'office', '--prefecture', '540200', '--name', '日喀则市经信局', '--operator', '次仁']).code).toBe(0);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('cli demo and sheets', () => {
  it('fills an office with reproducible demo data of its own prefecture', () => {
    const r = cli(['demo', '--data', dir, '--enterprises', '60', '--activities', '50', '--visits', '40', '--seed', '5', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ enterprises: 60, activities: 50, visits: 40, year: 2022 });
    const other = tempDataDir('sme-cli-ledger2-');
    cli(['init', '--data', other, '--role', 'office', '--prefecture', '540200', '--name', 'x', '--operator', 'y']);
    cli(['demo', '--data', other, '--enterprises', '60', '--activities', '50', '--visits', '40', '--seed', '5']);
    const names = (d: string) => {
      const out = path.join(d, 'e.xlsx');
      cli(['enterprises', 'export', out, '--data', d]);
      return fs.statSync(out).size > 0;
    };
    expect(names(dir) && names(other)).toBe(true);
    fs.rmSync(other, { recursive: true, force: true });
  });

  it('exports, re-imports as a dry run and reports JSON counts', () => {
    const file = path.join(dir, 'activities.xlsx');
    expect(cli(['activities', 'export', file, '--data', dir]).code).toBe(0);
    const r = cli(['activities', 'import', file, '--data', dir, '--dry-run', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: 50, created: 0, updated: 0, unchanged: 50, rejected: [], applied: false });
  });

  it('writes a template and refuses a file that is not a spreadsheet in one line', () => {
    const tpl = path.join(dir, 'tpl.xlsx');
    expect(cli(['problems', 'template', tpl, '--data', dir]).code).toBe(0);
    expect(fs.readFileSync(tpl).subarray(0, 2).toString()).toBe('PK');
    const bogus = path.join(dir, 'bogus.xlsx');
    fs.writeFileSync(bogus, 'not a workbook');
    const r = cli(['enterprises', 'import', bogus, '--data', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('is not an Excel file');
    const missing = cli(['enterprises', 'import', path.join(dir, 'nope.xlsx'), '--data', dir]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Cannot read');
  });

  it('refuses bad demo numbers and commands on a folder that is not set up', () => {
    expect(cli(['demo', '--data', dir, '--enterprises', 'many']).stderr).toContain('--enterprises must be');
    expect(cli(['demo', '--data', dir, '--enterprises=-3']).stderr).toContain('--enterprises must be');
    const empty = tempDataDir('sme-cli-empty-');
    const r = cli(['enterprises', 'export', path.join(empty, 'x.xlsx'), '--data', empty]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('not been set up');
    expect(fs.readdirSync(empty)).toEqual([]);
    fs.rmSync(empty, { recursive: true, force: true });
  });
});
