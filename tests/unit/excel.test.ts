import * as XLSX from 'xlsx';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { enterpriseListInput } from '../../api/entities';
import { exportFile, rejectedFile, runImport, template } from '../../db/excel/transfer';
import { generateDemo } from '../../db/demo';
import { listEnterprises } from '../../db/enterprises';
import { makeUscc } from '../../db/validation/uscc';
import { memoryDb } from '../support/db';
import { allRows } from '../../db/excel/parse';
import { MAX_ROWS } from '../../db/excel/read';
import { userError } from '../support/errors';
import type { ExcelKind } from '../../db/excel/types';

type Db = ReturnType<typeof memoryDb>;
const b64 = (s: string) => Buffer.from(s, 'base64');
function aoaFile(rows: unknown[][], bookType: XLSX.BookType = 'xlsx'): Buffer {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'Sheet1');
  return XLSX.write(wb, { type: 'buffer', bookType }) as Buffer;
}
const refusal = userError;
function seeded(): Db {
  const db = memoryDb({});
  generateDemo(db, { enterprises: 40, activities: 40, visits: 40, seed: 11 });
  return db;
}
const count = (db: Db) => (db.prepare('SELECT (SELECT count(*) FROM enterprises) + (SELECT count(*) FROM activities) + (SELECT count(*) FROM visits) + (SELECT count(*) FROM problems) + (SELECT count(*) FROM change_log) AS n').get() as { n: number }).n;

describe('Excel round trips', () => {
  for (const kind of ['enterprises', 'activities', 'visits', 'problems'] as ExcelKind[]) {
    it(`${kind}: export then re-import changes nothing`, async () => {
      const db = seeded();
      const before = count(db);
      const file = await exportFile(db, kind, {});
      const report = runImport(db, kind, b64(file.base64), file.name, true);
      expect(report.rejected).toEqual([]);
      expect(report.created + report.updated).toBe(0);
      expect(report.unchanged).toBe(report.rows);
      expect(report.rows).toBeGreaterThan(0);
      expect(count(db)).toBe(before);
    });
  }

  it('a template has the header, drop-downs, frozen header and an instructions sheet', async () => {
    const db = memoryDb({});
    const file = await template(db, 'enterprises');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(b64(file.base64) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(String(sheet.getCell('C1').value)).toBe('企业名称*');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(wb.getWorksheet('填写说明')).toBeDefined();
    expect(wb.getWorksheet('选项')?.state).toBe('visible');
    const countyColumn = sheet.getRow(1).values as unknown[];
    expect(countyColumn).toContain('县（区）');
  });

  it('a filled template imports; the same file twice creates nothing new', async () => {
    const db = memoryDb({});
    const rows = [
      ['统一社会信用代码', '企业名称', '县（区）', '行业门类', '企业规模', '专精特新', '专精特新认定年份', '高新技术企业（年份）'],
      [makeUscc('91', '540102', 'MA6T0001'), '甲公司', '城关区', 'C 制造业', '小型', '自治区级专精特新', 2021, 2022],
      [makeUscc('91', '540103', 'MA6T0002'), '乙公司', '堆龙德庆区', 'A', 'small', '否', null, null],
    ];
    const file = aoaFile(rows);
    expect(runImport(db, 'enterprises', file, 'a.xlsx', true)).toMatchObject({ created: 2, rejected: [] });
    expect(runImport(db, 'enterprises', file, 'a.xlsx', true)).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const e = listEnterprises(db, enterpriseListInput.parse({ q: '甲公司' })).rows[0]!;
    expect(e).toMatchObject({ industry: 'C', size: 'small', specialised: 'region', specialisedYear: 2021, highTech: true });
  });

  it('a sheet with fewer columns leaves the other fields alone', () => {
    const db = memoryDb({});
    const code = makeUscc('91', '540102', 'MA6T0001');
    runImport(db, 'enterprises', aoaFile([['统一社会信用代码', '企业名称', '服务专员', '联系电话'], [code, '甲公司', '扎西', '13800000000']]), 'a.xlsx', true);
    const r = runImport(db, 'enterprises', aoaFile([['统一社会信用代码', '企业名称', '服务专员'], [code, '甲公司', '卓玛']]), 'b.xlsx', true);
    expect(r.updated).toBe(1);
    const e = listEnterprises(db, enterpriseListInput.parse({})).rows[0]!;
    expect(e).toMatchObject({ serviceOfficer: '卓玛', contactPhone: '13800000000' });
  });

  it('blank cells of a row that updates a record keep the stored values: a template filled with the code and one new column clears nothing', () => {
    const db = memoryDb({});
    const code = makeUscc('91', '540102', 'MA6T0002');
    const full = [['统一社会信用代码', '企业名称', '县（区）', '地址', '联系人', '联系电话', '高新技术企业（年份）'], [code, '乙公司', '城关区', '北京中路1号', '次仁', '13900000000', 2022]];
    runImport(db, 'enterprises', aoaFile(full), 'a.xlsx', true);
    const before = listEnterprises(db, enterpriseListInput.parse({})).rows[0]!;
    // The header of templates before dates (（年份）) still reads; a year alone is 31 December.
    expect(before).toMatchObject({ contactPerson: '次仁', statuses: { high_tech: '2022-12-31' } });
    const r = runImport(db, 'enterprises', aoaFile([full[0]!, [code, '乙公司', null, '金珠西路8号', '', null, null]]), 'b.xlsx', true);
    expect(r).toMatchObject({ updated: 1, rejected: [] });
    expect(listEnterprises(db, enterpriseListInput.parse({})).rows[0]).toMatchObject({ ...before, address: '金珠西路8号', version: expect.any(Number), updatedAt: expect.any(String) });
  });

  it('reads the date a status was reached (or a year), and names the cell of a date that is not one', () => {
    const db = memoryDb({});
    const a = makeUscc('91', '540102', 'MA6T0011');
    const b = makeUscc('91', '540102', 'MA6T0012');
    const r = runImport(db, 'enterprises', aoaFile([['统一社会信用代码', '企业名称', '高新技术企业（取得日期）'], [a, '日期公司', '2022-06-30'], [b, '错日公司', '2022-13-01']]), 'a.xlsx', true);
    expect(r.created).toBe(1);
    expect(r.rejected[0]).toMatchObject({ rowNumber: 3 });
    expect(JSON.stringify(r.rejected[0])).toContain('高新技术企业（取得日期）');
    expect(listEnterprises(db, enterpriseListInput.parse({})).rows[0]!.statuses).toEqual({ high_tech: '2022-06-30' });
  });

  it('refuses a second row with the same credit code in one file, naming the first, and imports the first', () => {
    const db = memoryDb({});
    const code = makeUscc('91', '540102', 'MA6T0003');
    const r = runImport(db, 'enterprises', aoaFile([['统一社会信用代码', '企业名称', '县（区）'], [code, '丙公司', '城关区'], [makeUscc('91', '540102', 'MA6T0004'), '丁公司', '城关区'], [code, '文件内重复的丙公司', '城关区']]), 'a.xlsx', true);
    expect(r).toMatchObject({ created: 2, updated: 0 });
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]!.rowNumber).toBe(4);
    expect(r.rejected[0]!.reasons[0]!.messageZh).toContain('第 2 行');
    expect(listEnterprises(db, enterpriseListInput.parse({ q: '丙公司' })).rows.map((e) => e.name)).toEqual(['丙公司']);
  });

  it('a preview writes nothing, and says exactly what the import will do', () => {
    const db = memoryDb({});
    const file = aoaFile([['统一社会信用代码', '企业名称'], [makeUscc('91', '540102', 'MA6T0001'), '甲公司'], ['123', '乙公司']]);
    const before = count(db);
    const preview = runImport(db, 'enterprises', file, 'a.xlsx', false);
    expect(count(db)).toBe(before);
    const done = runImport(db, 'enterprises', file, 'a.xlsx', true);
    expect({ ...preview, applied: true }).toEqual(done);
  });

  it('names row, column and reason for each bad row, and writes them back with the reason', async () => {
    const db = memoryDb({});
    const file = aoaFile([
      ['统一社会信用代码', '企业名称', '县（区）', '企业规模'],
      ['91540102MA6T00010X', '甲', '城关区', '小型'],
      [makeUscc('91', '540102', 'MA6T0002'), '', '城关区', '小型'],
      [makeUscc('91', '540102', 'MA6T0003'), '丙', '桑珠孜区', '巨型'],
    ]);
    const r = runImport(db, 'enterprises', file, 'a.xlsx', true);
    expect(r.created).toBe(0);
    expect(r.rejected.map((x) => x.rowNumber)).toEqual([2, 3, 4]);
    expect(r.rejected[0]!.reasons[0]).toMatchObject({ column: '统一社会信用代码' });
    expect(r.rejected[1]!.reasons[0]).toMatchObject({ column: '企业名称', messageZh: '企业名称：必填。' });
    expect(r.rejected[2]!.reasons.map((x) => x.column).sort()).toEqual(['企业规模', '县（区）']);
    const out = await rejectedFile(db, 'enterprises', file, 'a.xlsx');
    const back = XLSX.read(b64(out.base64));
    const grid = XLSX.utils.sheet_to_json<unknown[]>(back.Sheets[back.SheetNames[0]!]!, { header: 1 });
    expect(grid).toHaveLength(4);
    expect(String(grid[0]!.at(-1))).toBe('错误原因');
    expect(String(grid[3]!.at(-1))).toContain('桑珠孜区');
    expect(String(grid[3]!.at(-1))).toMatch(/^原第 4 行：/);
  });

  it('reads dates written as text or as Excel dates, and refuses impossible ones', () => {
    const db = memoryDb({});
    const code = makeUscc('91', '540102', 'MA6T0001');
    runImport(db, 'enterprises', aoaFile([['统一社会信用代码', '企业名称'], [code, '甲公司']]), 'e.xlsx', true);
    const header = ['企业', '走访日期', '走访类型', '走访人员'];
    const file = aoaFile([header, [code, '2022/3/5', '节能诊断', '扎西'], [code, '2022年4月6日', '政策宣讲', '扎西'], [code, new Date(Date.UTC(2022, 6, 7)), '其他走访', '扎西'], [code, '2022-02-30', '其他走访', '扎西']]);
    const r = runImport(db, 'visits', file, 'v.xlsx', true);
    expect(r.created).toBe(3);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]!.reasons[0]!.column).toBe('走访日期');
  });
});

describe('Excel files that are not what they claim', () => {
  const db = memoryDb({});
  it('refuses a text file, an empty file and a zip that is not a workbook', () => {
    expect(refusal(() => runImport(db, 'enterprises', Buffer.from('hello, this is not a spreadsheet'), 'x.xlsx', false)).code).toBe('excel_not_spreadsheet');
    expect(refusal(() => runImport(db, 'enterprises', Buffer.alloc(0), 'x.xlsx', false)).code).toBe('excel_empty');
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]);
    expect(refusal(() => runImport(db, 'enterprises', zip, 'x.xlsx', false)).code).toMatch(/excel_not_spreadsheet|excel_no_header/);
  });

  it('refuses a password-protected workbook, saying so', () => {
    // What Excel writes for a workbook with a password: an OLE container holding the encrypted package.
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, '/EncryptionInfo', Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]));
    XLSX.CFB.utils.cfb_add(cfb, '/EncryptedPackage', Buffer.alloc(64, 1));
    const file = Buffer.from(XLSX.CFB.write(cfb, { type: 'buffer' }) as Uint8Array);
    const e = refusal(() => runImport(db, 'enterprises', file, 'secret.xlsx', false));
    expect(e.code).toBe('excel_password');
    expect(e.messageZh).toContain('密码');
  });

  it('refuses a sheet without a recognisable header, naming the columns it needs', () => {
    const e = refusal(() => runImport(db, 'enterprises', aoaFile([['a', 'b'], [1, 2]]), 'x.xlsx', false));
    expect(e.code).toBe('excel_no_header');
    expect(e.messageZh).toContain('企业名称');
  });

  it('takes formula and HTML payloads as plain text, and keys like __proto__ change nothing', () => {
    const db2 = memoryDb({});
    const file = aoaFile([
      ['统一社会信用代码', '企业名称', '__proto__', 'constructor', '备注'],
      [makeUscc('91', '540102', 'MA6T0001'), '=HYPERLINK("http://x","y")', '{"polluted":1}', 'x', '<img src=x onerror=alert(1)>'],
    ]);
    const r = runImport(db2, 'enterprises', file, 'x.xlsx', true);
    expect(r.created).toBe(1);
    const e = listEnterprises(db2, enterpriseListInput.parse({})).rows[0]!;
    expect(e.name).toBe('=HYPERLINK("http://x","y")');
    expect(e.notes).toBe('<img src=x onerror=alert(1)>');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('neutralises formula-like text in exports, and reads it back unchanged', async () => {
    const db4 = memoryDb({});
    const file = aoaFile([['统一社会信用代码', '企业名称', '联系电话'], [makeUscc('91', '540102', 'MA6T0001'), '=cmd|\'/C calc\'!A0', '+86 891 1234567']]);
    expect(runImport(db4, 'enterprises', file, 'x.xlsx', true).created).toBe(1);
    const out = await exportFile(db4, 'enterprises', {});
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(b64(out.base64) as unknown as ArrayBuffer);
    const row = wb.worksheets[0]!.getRow(3);
    const values = (row.values as unknown[]).map(String);
    expect(values).toContain("'=cmd|'/C calc'!A0");
    expect(values).toContain("'+86 891 1234567");
    expect(values.some((v) => v.startsWith('='))).toBe(false);
    const again = runImport(db4, 'enterprises', b64(out.base64), out.name, true);
    expect(again).toMatchObject({ unchanged: 1, updated: 0, created: 0 });
  });

  it('exports every row from one query, and refuses more rows than a file can bring back', () => {
    const asked: number[] = [];
    const list = (total: number) => (q: { limit: number }) => {
      asked.push(q.limit);
      return { total, rows: q.limit === 1 ? [] : ['a', 'b'] };
    };
    expect(allRows(enterpriseListInput, {}, list(2))).toEqual(['a', 'b']);
    expect(asked).toEqual([1, -1]);
    const e = refusal(() => allRows(enterpriseListInput, {}, list(MAX_ROWS + 1)));
    expect(e.code).toBe('excel_export_too_large');
    expect(e.messageZh).toContain('请先筛选');
    expect(refusal(() => allRows(enterpriseListInput, { limit: 'x' }, list(1))).code).toBe('invalid_input');
  });

  it('refuses a legacy .xls with what to do, and reads a .csv', () => {
    const db3 = memoryDb({});
    const rows = [['统一社会信用代码', '企业名称'], [makeUscc('91', '540102', 'MA6T0001'), '甲公司']];
    const legacy = refusal(() => runImport(db3, 'enterprises', aoaFile(rows, 'biff8'), 'a.xls', false));
    expect(legacy.code).toBe('excel_legacy_xls');
    expect(legacy.messageZh).toContain('另存为 .xlsx');
    expect(runImport(db3, 'enterprises', Buffer.from(rows.map((r) => r.join(',')).join('\n')), 'a.csv', false).created).toBe(1);
    // The header row as Chinese Excel saves a CSV: GB18030, not UTF-8.
    const gbHeader = Buffer.from('CDB3D2BBC9E7BBE1D0C5D3C3B4FAC2EB2CC6F3D2B5C3FBB3C60A', 'hex');
    const gb = Buffer.concat([gbHeader, Buffer.from(`${makeUscc('91', '540102', 'MA6T0002')},ABC\n`)]);
    expect(runImport(db3, 'enterprises', gb, 'gb.csv', false).created).toBe(1);
  });
});
