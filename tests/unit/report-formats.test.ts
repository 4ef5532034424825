import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDataDir } from '../support/host';
import { cli } from '../support/cli';

let dir: string;
beforeAll(() => {
  dir = tempDataDir('sme-report-fmt-');
  expect(cli(['init', '--data', dir, '--role', 'hq', '--name', '自治区经济和信息化厅', '--operator', '卓玛']).code).toBe(0);
  expect(cli(['demo', '--data', dir, '--enterprises', '40', '--activities', '0', '--visits', '0', '--seed', '4']).code).toBe(0);
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('report number formats', () => {
  it('never leave a trailing dot: whole numbers read #,##0, others two decimals', async () => {
    const out = path.join(dir, 'report.xlsx');
    const r = cli(['report', '--data', dir, '--year', '2022', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const sheet = wb.getWorksheet('分地市完成情况')!;
    expect(sheet).toBeDefined();
    let numbers = 0;
    sheet.eachRow((row, n) => {
      if (n < 3) return;
      row.eachCell((cell, col) => {
        if (col < 4 || typeof cell.value !== 'number') return;
        numbers++;
        // `#,##0.##` shows 14 as "14." in Excel and WPS.
        expect(cell.numFmt).not.toMatch(/\.#+$/);
        expect(cell.numFmt).toBe(Number.isInteger(cell.value) ? '#,##0' : '#,##0.00');
      });
    });
    expect(numbers).toBeGreaterThan(0);
  }, 120_000);
});
