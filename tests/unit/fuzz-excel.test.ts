import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportFile, runImport, sheets } from '../../db/excel/transfer';
import { MAX_ROWS, readWork } from '../../db/excel/read';
import { UserError } from '../../db/errors';
import type { ExcelKind } from '../../db/excel/types';
import { makeUscc } from '../../db/validation/uscc';
import { memoryDb } from '../support/db';
import { userError } from '../support/errors';
import { unsafeCharacter } from '../../db/validation/text';
import { BOUNDS, aoaWorkbook, excelHeapBoundMb, excelWorkOverBounds, checkExcelCase, counts, digest, excelFuzz, excelKinds, excelWorld, hostileWorkbooks, payloads, withDimension, withSheetXml, type ExcelWorld, type FuzzResult } from '../reliability/fuzz';
import { CostTracker, measured, prng } from '../support/mutate';

// Hostile workbooks for every importer: each must end in a clear refusal (nothing written) or a
// correct import, in bounded time and memory. The long random variant is in tests/reliability.

let w: ExcelWorld;
beforeAll(async () => {
  w = await excelWorld();
}, 60_000);
afterAll(() => w?.db.close());

const result = (operation: string): FuzzResult => ({ operation, trials: 0, refused: 0, imported: 0, bad: 0, problems: [], cost: new CostTracker(), outcomes: {} });
const b64 = (f: { base64: string }) => Buffer.from(f.base64, 'base64');

/** Runs what must be refused; returns the refusal after checking that nothing was written. */
async function refusal(kind: ExcelKind, bytes: Buffer, name = 'x.xlsx'): Promise<UserError> {
  const before = digest(w.db);
  const beforeCounts = counts(w.db);
  const { value, cost } = await measured(() => {
    try {
      runImport(w.db, kind, bytes, name, true);
    } catch (e) {
      if (e instanceof UserError) return e;
      throw e;
    }
    return null;
  });
  expect(value, `${name} was imported`).toBeInstanceOf(UserError);
  expect(value!.message.length).toBeGreaterThan(10);
  expect(value!.messageZh).toMatch(/[\u4e00-\u9fff]/);
  expect(counts(w.db)).toBe(beforeCounts);
  expect(digest(w.db)).toBe(before);
  // Bounded by work and memory against the file's own size, never by the clock (npm test runs
  // on busy machines; time is bounded in npm run test:reliability).
  expect(excelWorkOverBounds(), name).toBeNull();
  expect(cost.heapMb, name).toBeLessThan(excelHeapBoundMb());
  return value!;
}

/** The export of `kind` as rows (title row first, then the header), for editing. */
function exportedRows(kind: ExcelKind): unknown[][] {
  const wb = XLSX.read(w.files[kind][0]!.bytes, { type: 'buffer' });
  return XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1, raw: true, defval: null });
}

/** A free-text column of each importer, for payloads. */
const textColumn: Record<ExcelKind, string> = { enterprises: 'notes', activities: 'notes', visits: 'summary', problems: 'description' };

describe.each(excelKinds)('%s import: malformed archives', (kind) => {
  it('refuses random bytes, HTML pages, a GB18030 CSV, truncated and garbled workbooks, zip bombs and lying sizes, clearly and without writing', async () => {
    const expected: Record<string, RegExp> = {
      'random.xlsx': /^excel_not_spreadsheet$/,
      'random-pk.xlsx': /^excel_not_spreadsheet$/,
      'random-cfb.xls': /^excel_legacy_xls$/,
      'page.xlsx': /^excel_not_spreadsheet$/,
      'gb.xlsx': /^excel_not_spreadsheet$/,
      'truncated.xlsx': /^excel_not_spreadsheet$/,
      'nosheet.xlsx': /^excel_(not_spreadsheet|no_header)$/,
      'garbled.xlsx': /^excel_(not_spreadsheet|no_header)$/,
      'halfxml.xlsx': /^excel_(not_spreadsheet|no_header)$/,
      'bomb.xlsx': /^excel_too_large$/,
      'overlap.xlsx': /^excel_too_large$/,
      'liar.xlsx': /^excel_too_large$/,
      'liar-small.xlsx': /^excel_not_spreadsheet$/,
      'empty-zip.xlsx': /^excel_not_spreadsheet$/,
    };
    const hostile = hostileWorkbooks(w.files[kind][0]!.bytes, prng(7));
    for (const h of hostile.filter((x) => expected[x.name])) {
      const e = await refusal(kind, h.bytes, h.name);
      expect(e.code, h.what).toMatch(expected[h.name]!);
    }
    // The same parts stored instead of deflated are still the same, valid workbook.
    const stored = hostile.find((h) => h.name === 'stored.xlsx')!;
    expect(runImport(w.db, kind, stored.bytes, 'stored.xlsx', false)).toMatchObject({ created: 0, updated: 0, rejected: [] });
  }, 60_000);

  it('refuses a sheet that declares a million rows, and one whose data goes past the row limit', async () => {
    const huge = withSheetXml(w.files[kind][0]!.bytes, (x) => withDimension(x, 'A1:XFD1048576'));
    expect((await refusal(kind, huge)).code).toBe('excel_too_many_rows');
    // Data at row 150,000 after a gap: SheetJS stops at the limit, so it used to be left out
    // silently; with a true declared extent, and with none (the app's own streamed exports).
    const farRow = '<row r="150000"><c r="B150000" t="inlineStr"><is><t>x</t></is></c></row></sheetData>';
    const far = withSheetXml(w.files[kind][0]!.bytes, (x) => withDimension(x, 'A1:Z150000').replace('</sheetData>', farRow));
    expect((await refusal(kind, far)).messageZh).toContain('150000');
    const undeclared = withSheetXml(w.files[kind][0]!.bytes, (x) => x.replace(/<dimension ref="[^"]*"\/>/, '').replace('</sheetData>', farRow));
    expect(undeclared.includes(Buffer.from('<dimension'))).toBe(false);
    expect((await refusal(kind, undeclared)).messageZh).toContain('150000');
  });

  it('takes formula and HTML payloads as text, and exports them neutralised, so they re-import unchanged', async () => {
    const db = w.db;
    const column = sheets[kind].columns(db).find((c) => c.key === textColumn[kind])!;
    const rows = exportedRows(kind);
    const header = rows[1] as string[];
    const col = header.findIndex((h) => String(h).replace(/\*$/, '') === column.header);
    expect(col).toBeGreaterThan(-1);
    const storable = payloads.filter((p) => ![...p].some((ch) => ch.charCodeAt(0) < 0x20));
    // Notes refuse text-direction characters (db/validation/text.ts): those payloads are refused by row, in words.
    const refusedByTextRule = (p: string) => textColumn[kind] === 'notes' && unsafeCharacter(p) !== null;
    const texts = storable.filter((p) => !refusedByTextRule(p));
    const withTexts = (list: string[]) => rows.slice(0, 2 + list.length).map((r, i) => (i >= 2 ? r.map((v, j) => (j === col ? list[i - 2] : v)) : r));
    const file = aoaWorkbook(withTexts(texts));
    const imported = runImport(db, kind, file, 'payloads.xlsx', true);
    expect(imported.rejected).toEqual([]);
    expect(imported.updated).toBe(texts.length);
    const unsafe = storable.filter(refusedByTextRule);
    if (unsafe.length > 0) {
      const refused = runImport(db, kind, aoaWorkbook(withTexts(unsafe)), 'unsafe.xlsx', true);
      expect([refused.updated, refused.rejected.length]).toEqual([0, unsafe.length]);
      expect(JSON.stringify(refused.rejected)).toContain('备注含有控制字符或文字方向控制符');
    }

    const out = b64(await exportFile(db, kind, {}));
    const wb = XLSX.read(out, { type: 'buffer', cellFormula: true });
    const sheet = wb.Sheets[wb.SheetNames[0]!]!;
    const cells = Object.entries(sheet).filter(([k]) => !k.startsWith('!')).map(([, c]) => c as XLSX.CellObject);
    expect(cells.filter((c) => c.f)).toEqual([]);
    const values = cells.map((c) => c.v);
    for (const p of texts) expect(values, p).toContain(/^[=+\-@]/.test(p) ? `'${p}` : p);
    expect(values.some((v) => typeof v === 'string' && /^[=+\-@]/.test(v))).toBe(false);
    // Reading the export back gives the text as it was.
    expect(runImport(db, kind, out, 'again.xlsx', false)).toMatchObject({ created: 0, updated: 0, rejected: [] });
    // Put the original values back for the other tests.
    runImport(db, kind, w.files[kind][0]!.bytes, 'original.xlsx', true);
  });

  it('ignores header names like __proto__, constructor and prototype, and pollutes nothing', () => {
    const rows = exportedRows(kind);
    const extra = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', '__defineGetter__'];
    const withExtra = rows.map((r, i) => (i === 0 ? r : [...r, ...extra.map((h) => (i === 1 ? h : '{"polluted":true}'))]));
    const before = digest(w.db);
    expect(runImport(w.db, kind, aoaWorkbook(withExtra), 'proto.xlsx', true)).toMatchObject({ created: 0, updated: 0, rejected: [] });
    expect(digest(w.db)).toBe(before);
    // A required column renamed __proto__ is a missing column.
    const required = sheets[kind].columns(w.db).find((c) => c.required)!;
    const renamed = rows.map((r, i) => (i === 1 ? r.map((h) => (String(h).replace(/\*$/, '') === required.header ? '__proto__' : h)) : r));
    if (sheets[kind].columns(w.db).filter((c) => c.required).length === 1) expect(runImportRefusal(kind, aoaWorkbook(renamed)).code).toBe('excel_no_header');
    else {
      // With other required columns there, the header is found and the column is listed as
      // missing; rows of existing records keep the stored value (matched by their 编号), the
      // others are rejected for it: nothing written.
      const r = runImport(w.db, kind, aoaWorkbook(renamed), 'renamed.xlsx', true);
      expect(r.missing).toEqual([required.key]);
      expect(r.columns.find((c) => c.header === '__proto__')).toMatchObject({ field: null });
      expect(r.created + r.updated).toBe(0);
      expect(digest(w.db)).toBe(before);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it('survives 60 random mutations of its workbooks, each refused clearly or imported exactly as previewed', async () => {
    const [r] = await excelFuzzOne(kind, 60);
    expect(r!.problems).toEqual([]);
    expect(r!.refused).toBeGreaterThan(10);
    expect(r!.imported).toBeGreaterThan(3);
    // Each case's work and heap growth, against its file's size, are checked in checkExcelCase.
    expect(r!.cost.maxHeapMb).toBeLessThan(BOUNDS.heapMb);
  }, 60_000);
});

function runImportRefusal(kind: ExcelKind, bytes: Buffer): UserError {
  const before = digest(w.db);
  try {
    runImport(w.db, kind, bytes, 'x.xlsx', true);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    expect(digest(w.db)).toBe(before);
    return e;
  }
  throw new Error('expected a refusal');
}

const excelFuzzOne = (kind: ExcelKind, cases: number) => excelFuzz(cases, 20_260_607 + excelKinds.indexOf(kind), w, [kind]);

describe('the .xls that hung SheetJS', () => {
  // Found by `npm run test:reliability` (seed 1, problems case 72: a chunk of a legacy .xls
  // duplicated): SheetJS 0.20.3 loops forever in parse_Rgce on a formula record that overruns its
  // length. Legacy .xls files are therefore refused before SheetJS sees them.
  it('is refused at once, with what to do', () => {
    const bytes = fs.readFileSync(path.join(import.meta.dirname, '..', 'reliability', 'fixtures', 'xls-formula-loop.xls'));
    const e = userError(() => runImport(memoryDb({}), 'problems', bytes, 'loop.xls', false));
    expect(e.code).toBe('excel_legacy_xls');
    // Refused before SheetJS reads a byte of it: nothing unpacked, no cell read.
    expect(readWork).toMatchObject({ fileBytes: bytes.length, inflatedBytes: 0, cells: 0 });
  });
});

describe('huge sheets', () => {
  it(`refuses 200,000 rows (the limit is ${MAX_ROWS.toLocaleString('en')}) quickly, and writes nothing`, async () => {
    // Written as XML directly: building 200,000 rows through a spreadsheet library takes longer than the test.
    const lines = Array.from({ length: 200_000 }, (_, i) => `<row r="${i + 2}"><c r="A${i + 2}" t="inlineStr"><is><t>${makeUscc('91', '540102', `MA${String(i).padStart(6, '0')}`)}</t></is></c><c r="B${i + 2}" t="inlineStr"><is><t>企业${i}</t></is></c></row>`);
    const big = withSheetXml(aoaWorkbook([['统一社会信用代码', '企业名称']]), (x) =>
      x.replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:B200001"/>').replace('</sheetData>', `${lines.join('')}</sheetData>`),
    );
    const e = await refusal('enterprises', big, 'big.xlsx');
    expect(e.code).toBe('excel_too_many_rows');
    // Refused from the archive's XML, before SheetJS builds a single cell.
    expect(readWork.cells).toBe(0);
    expect(e.messageZh).toContain(String(MAX_ROWS));
  }, 60_000);

  it('imports a sheet 16,384 columns wide, listing every column and reading only the cells it has', async () => {
    const width = 16_384;
    const header = ['统一社会信用代码', '企业名称', ...Array.from({ length: width - 3 }, (_, i) => `列${i}`), '备注'];
    const rows: unknown[][] = [header];
    for (let r = 0; r < 5; r++) rows.push([makeUscc('91', '540102', `MA7W${String(r).padStart(4, '0')}`), `宽表企业${r}`, ...Array.from({ length: width - 3 }, () => 'x'), `<b>备注${r}</b>`]);
    const file = aoaWorkbook(rows);
    const before = counts(w.db);
    const { value: preview, cost } = await measured(() => runImport(w.db, 'enterprises', file, 'wide.xlsx', false));
    expect(preview).toMatchObject({ rows: 5, created: 5, rejected: [] });
    expect(preview.columns).toHaveLength(width);
    expect(preview.columns.filter((c) => c.field).map((c) => c.field)).toEqual(['uscc', 'name', 'notes']);
    expect(counts(w.db)).toBe(before);
    expect(readWork.cells).toBe(6 * width);
    expect(cost.heapMb).toBeLessThan(excelHeapBoundMb());
  }, 60_000);

  it('a cell that claims to be at XFD1048576, or a merged range over the whole sheet, costs what the file holds', async () => {
    const base = w.files.enterprises[0]!.bytes;
    const far = withSheetXml(base, (x) => x.replace(/<c r="B3"/, '<c r="XFD1048576"'));
    // Row 99,999,999: SheetJS's array of rows becomes that long (visiting its holes took 14 s).
    const farther = withSheetXml(base, (x) => x.replace(/<c r="C3"/, '<c r="ZZZZ99999999"'));
    const merged = withSheetXml(base, (x) => x.replace('</sheetData>', '</sheetData><mergeCells count="1"><mergeCell ref="A3:XFD1048576"/></mergeCells>'));
    for (const [name, bytes] of [['far.xlsx', far], ['farther.xlsx', farther], ['merged.xlsx', merged]] as const) {
      const before = digest(w.db);
      const { value, cost } = await measured(() => {
        try {
          return runImport(w.db, 'enterprises', bytes, name, false);
        } catch (e) {
          if (e instanceof UserError) return e;
          throw e;
        }
      });
      expect(digest(w.db)).toBe(before);
      if (value instanceof UserError) expect(value.messageZh).toMatch(/[\u4e00-\u9fff]/);
      expect(excelWorkOverBounds(), name).toBeNull();
      expect(readWork.mergeCells, name).toBeLessThanOrEqual(200_000 + 1);
      expect(cost.heapMb, name).toBeLessThan(excelHeapBoundMb());
    }
  }, 60_000);

  it('a preview and a refused import leave row counts and the change log exactly as they were', async () => {
    const r = result('preview');
    for (const kind of excelKinds) await checkExcelCase(w, kind, w.files[kind][0]!.bytes, `${kind}.xlsx`, `${kind} export`, true, r);
    expect(r.problems).toEqual([]);
    expect(r.imported).toBe(4);
  });
});
