import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli';
import { tempDataDir } from '../support/host';
import { officeRegister } from '../support/registers';
import type { ImportReport } from '../../db/excel/transfer';

// The command line takes an office's own register: every column's fate in the report and in
// --json, --map to change one, --value to answer 小微, --skip-bad-optional, Chinese first.
let dir: string;
let file: string;
beforeAll(async () => {
  dir = tempDataDir('sme-cli-excel-');
  expect(cli(['init', '--data', dir, '--role', 'office', '--prefecture', '540200', '--name', '日喀则市经济和信息化局', '--operator', '次仁']).code).toBe(0);
  file = path.join(dir, '名录.xlsx');
  fs.writeFileSync(file, await officeRegister());
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('enterprises import of an office register', () => {
  it('--json lists every source column with its field or as not imported; the text report reads in Chinese first', () => {
    const json = cli(['enterprises', 'import', file, '--data', dir, '--dry-run', '--json']);
    expect(json.code, json.stderr).toBe(0);
    const r = JSON.parse(json.stdout) as ImportReport;
    expect(r.columns.map((c) => `${c.header}=${c.field ?? '不导入'}`)).toEqual(['序号=不导入', '企业名称=name', '统一社会信用代码=uscc', '所在县区=countyCode', '详细地址=address', '行业=industry', '企业规模=size', '联系人=contactPerson', '联系电话=contactPhone', '成立日期=不导入', '备注=notes']);
    expect(r.columns.find((c) => c.header === '成立日期')!.note!.zh).toContain('未识别');
    expect(r).toMatchObject({ created: 29, applied: false });

    const text = cli(['enterprises', 'import', file, '--data', dir, '--dry-run']);
    const lines = text.stdout.split('\n');
    expect(lines[0]).toMatch(/^预览（未写入）：工作表“企业名录”，表头第 3 行，数据 30 行：新增 29/);
    expect(text.stdout).toContain('J 成立日期 → 不导入');
    expect(text.stdout).toContain('--value "企业规模:小微=小型"');
    expect(text.stdout).toMatch(/跳过：空行 1，合计行 1（第 36 行），重复行 1/);
  });

  it('with --lang en the report is English alone, like every other command; names from the file stay as written', () => {
    const text = cli(['enterprises', 'import', file, '--data', dir, '--dry-run', '--lang', 'en']);
    expect(text.code, text.stderr).toBe(0);
    const lines = text.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^dry run: sheet "企业名录", header row 3, 30 rows: 29 created, 0 updated/);
    expect(lines[1]).toBe('columns:');
    expect(text.stdout).toContain('J 成立日期 → not imported (');
    expect(text.stdout).toContain('B 企业名称 → Name (exact)');
    expect(text.stdout).toMatch(/^to answer: .* "小微" \(\d+ rows\) could be /m);
    expect(text.stdout).toMatch(/^skipped: 1 blank, 1 totals, 1 repeated rows/m);
    // No line carries the Chinese sentence beside the English one.
    for (const line of lines) expect(line, line).not.toContain(' · ');
    for (const line of lines) expect(line, line).not.toMatch(/预览|跳过|待确认|拒绝|不导入|列：/);
    // And the same run's default output is Chinese first, English beside, on every report line.
    const both = cli(['enterprises', 'import', file, '--data', dir, '--dry-run']).stdout.trim().split('\n');
    expect(both).toHaveLength(lines.length);
    expect(both[0]).toMatch(/^预览（未写入）：.* · dry run: sheet "企业名录"/);
  });

  it('--map changes a column, --value answers 小微; the chosen mapping is remembered; the same file again creates nothing', () => {
    const r = cli(['enterprises', 'import', file, '--data', dir, '--json', '--map', '成立日期=备注', '--map', 'K=不导入', '--value', '企业规模:小微=微型']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as ImportReport;
    expect(report).toMatchObject({ created: 30, rejected: [], applied: true });
    expect(report.columns.find((c) => c.letter === 'J')).toMatchObject({ field: 'notes', confidence: 'chosen' });
    const again = JSON.parse(cli(['enterprises', 'import', file, '--data', dir, '--json', '--value', '企业规模:小微=微型']).stdout) as ImportReport;
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 30, remembered: true });
    expect(again.columns.find((c) => c.letter === 'J')!.field).toBe('notes');
  });

  it('refuses an unknown field or column, and a missing file, in Chinese first with English beside, on one line', () => {
    const field = cli(['enterprises', 'import', file, '--data', dir, '--dry-run', '--map', '成立日期=注册资本']);
    expect(field.code).toBe(1);
    expect(field.stderr.trim().split('\n')).toHaveLength(1);
    expect(field.stderr).toMatch(/^“注册资本”不是可导入的字段。可选字段：统一社会信用代码、.*· "注册资本" is not a field/);
    const column = cli(['enterprises', 'import', file, '--data', dir, '--dry-run', '--map', '注册资本=备注']);
    expect(column.stderr).toMatch(/^表格中没有“注册资本”列。表格的列：A 序号、B 企业名称/);
    const missing = cli(['enterprises', 'import', path.join(dir, 'nope.xlsx'), '--data', dir]);
    // Said in words, the system's code only in brackets after them (db/file-errors.ts, one message for every command).
    expect(missing.stderr).toMatch(/^无法读取 .*nope\.xlsx：找不到文件或文件夹（ENOENT）。 · Cannot read .*nope\.xlsx: file or folder not found \(ENOENT\)\.$/m);
    const english = cli(['enterprises', 'import', path.join(dir, 'nope.xlsx'), '--data', dir, '--lang', 'en']);
    expect(english.stderr.trim()).toMatch(/^Cannot read .*nope\.xlsx: file or folder not found \(ENOENT\)\.$/);
  });
});
