import type { Database } from 'better-sqlite3';
import * as XLSX from 'xlsx';
import { figureInput } from '../api/entities';
import { saveFigure } from './figures';
import { currentChecklist, getChecklist } from './checklists';
import { regions } from './reference/bundled';
import { isUserError, UserError } from './errors';
import { parseDateCell, type Cell } from './excel/cells';
import { readGrid } from './checklist-book/read';

/**
 * Reported figures from a spreadsheet (HQ's batch work with the banks' tables): one row per figure,
 * columns 上报数据 (id or name), 所属地（市） (code or name; blank: the region), 截至日期, 数值, 来源,
 * 备注, 年度 (blank: the year of the date, if its checklist is installed, else the current one). Every row goes through saveFigure, as a form's does;
 * one transaction, rolled back for a dry run or when any row is refused.
 */
export interface FiguresImport {
  rows: number;
  created: number;
  rejected: { row: number; message: string; messageZh: string }[];
  applied: boolean;
}

const HEADERS: Record<string, string> = {
  上报数据: 'figure', 指标: 'figure', figure: 'figure', 所属地市: 'prefecture', 地市: 'prefecture', prefecture: 'prefecture',
  截至日期: 'asOf', 日期: 'asOf', asof: 'asOf', 数值: 'value', value: 'value', 来源: 'source', source: 'source', 备注: 'notes', notes: 'notes', 年度: 'year', year: 'year',
};
const clean = (h: unknown) => String(h ?? '').replace(/[\s*＊（）()\-_]/g, '').toLowerCase();

export function importFigures(db: Database, buffer: Buffer, fileName: string, apply: boolean): FiguresImport {
  const wb = readGrid(buffer, fileName);
  const ws = wb.Sheets[wb.SheetNames[0]!]!;
  const grid = XLSX.utils.sheet_to_json<Cell[]>(ws, { header: 1, raw: true, defval: null, blankrows: true });
  const columns = new Map<string, number>();
  (grid[0] ?? []).forEach((h, i) => {
    const key = HEADERS[clean(h)];
    if (key && !columns.has(key)) columns.set(key, i);
  });
  for (const need of ['figure', 'asOf', 'value', 'source']) {
    if (!columns.has(need)) throw new UserError('excel_no_header', `The first row must name the columns 上报数据, 截至日期, 数值 and 来源.`, '第一行应为列名，至少包括：上报数据、截至日期、数值、来源。');
  }
  const out: FiguresImport = { rows: 0, created: 0, rejected: [], applied: false };
  const fallbackYear = currentChecklist(db)?.year;
  const run = db.transaction(() => {
    for (let r = 1; r < grid.length; r++) {
      const line = grid[r] ?? [];
      const cell = (k: string) => (columns.has(k) ? line[columns.get(k)!] : null);
      if ([...columns.values()].every((i) => line[i] === null || line[i] === undefined || String(line[i]).trim() === '')) continue;
      out.rows++;
      try {
        const asOf = parseDateCell(cell('asOf'));
        // Without a 年度 column, a figure belongs to the year of its date (else the current checklist's).
        const dated = asOf && getChecklist(db, Number(asOf.slice(0, 4))) ? Number(asOf.slice(0, 4)) : fallbackYear;
        const year = cell('year') ? Number(cell('year')) : dated;
        const checklist = year ? getChecklist(db, year) : null;
        const f = String(cell('figure') ?? '').trim();
        const def = checklist?.reportedFigures.find((x) => x.id === f || x.name === f);
        const p = String(cell('prefecture') ?? '').trim();
        const pref = p ? regions().prefectures.find((x) => x.code === p || x.name === p) : null;
        if (p && !pref) throw new UserError('bad_row', `Unknown prefecture "${p}".`, `未知的地（市）“${p}”。`);
        if (!asOf) throw new UserError('bad_row', `"${String(cell('asOf'))}" is not a date like 2022-06-30.`, `截至日期“${String(cell('asOf'))}”无效，应为 2022-06-30 这样的格式。`);
        const value = typeof cell('value') === 'number' ? (cell('value') as number) : Number(String(cell('value')).replace(/[,，\s]/g, ''));
        saveFigure(db, figureInput.parse({ figureId: def?.id ?? (/^[a-z][a-z0-9_]{0,40}$/.test(f) ? f : 'unknown'), checklistYear: year ?? 0, prefectureCode: pref?.code ?? null, asOf, value: Number.isFinite(value) ? value : NaN, source: String(cell('source') ?? '').trim() || '—', notes: cell('notes') ? String(cell('notes')) : null }));
        out.created++;
      } catch (e) {
        const fields = isUserError(e) && e.fields ? Object.values(e.fields) : null;
        const zh = fields ? fields.map((f) => f.zh).join('；') : isUserError(e) ? e.messageZh : '数值或来源无效';
        const en = fields ? fields.map((f) => f.en).join('; ') : isUserError(e) ? e.message : 'The value or source is not valid.';
        out.rejected.push({ row: r + 1, message: en, messageZh: `第${r + 1}行：${zh}` });
      }
    }
    // All or nothing: a refused row leaves the file to be corrected and imported again.
    if (!apply || out.rejected.length) throw new RollBack();
  });
  try {
    run();
    out.applied = true;
  } catch (e) {
    if (!(e instanceof RollBack)) throw e;
  }
  return out;
}

class RollBack extends Error {}
