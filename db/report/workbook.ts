import ExcelJS from 'exceljs';
import type { Database } from 'better-sqlite3';
import { getChecklist } from '../checklists';
import { requireInstallation } from '../installation';
import { findPrefecture } from '../reference/bundled';
import { UserError } from '../errors';
import { localStamp, today } from '../clock';
import { evaluate, type IndicatorValue } from '../indicators/engine';
import { progressMatrix } from '../indicators/matrix';
import { catalogues } from '../reference/bundled';
import type { Target } from '../reference/schema';

/**
 * The report an office or HQ sends upward unchanged: summary of the 22 items, the matrix of
 * indicators × prefectures (HQ), open problems by responsible unit, and the activity ledger.
 * Written with ExcelJS for fonts, fills, widths, number formats and frozen headers.
 */
const HEAD: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
const STATUS = { met: '已完成', on_track: '进度正常', behind: '滞后', no_data: '无数据', no_quota: '未分解到地（市）', over: '超出目标上限', regional: '自治区层面事项', tracked: '已记录（无量化目标）' } as const;
const FILL: Record<string, string> = { met: 'FFD9EAD3', on_track: 'FFDDEBF7', behind: 'FFFCE4D6', no_data: 'FFF2F2F2', no_quota: 'FFF2F2F2', over: 'FFFFF2CC', regional: 'FFF2F2F2', tracked: 'FFF2F2F2' };

export function targetText(t: Target, unit: string): string {
  switch (t.kind) {
    case 'min':
      return `≥ ${t.value} ${unit}`;
    case 'exact':
      return `${t.value} ${unit}`;
    case 'range':
      return `${t.min}–${t.max} ${unit}`;
    case 'percentage':
      return `≥ ${t.value}%`;
    case 'milestone':
      return '完成';
    case 'tracked':
      return '定期（无量化目标）';
  }
}

function sheet(wb: ExcelJS.Workbook, name: string, title: string, headers: [string, number][]) {
  const ws = wb.addWorksheet(name);
  ws.mergeCells(1, 1, 1, headers.length);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getRow(1).height = 26;
  headers.forEach(([h, w], i) => {
    const c = ws.getCell(2, i + 1);
    c.value = h;
    c.font = { bold: true };
    c.fill = HEAD;
    c.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    c.border = { bottom: { style: 'thin' } };
    ws.getColumn(i + 1).width = w;
  });
  ws.views = [{ state: 'frozen', ySplit: 2 }];
  // A4 landscape, as wide as the page, the header repeated on every printed page.
  ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '2:2', horizontalCentered: true, margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 } };
  return ws;
}

/**
 * Spreadsheet programs do not grow a row for wrapped text written by a library, so each row gets
 * the height its longest wrapped cell needs (a CJK character is about two widths of a Latin one).
 */
function fitRows(ws: ExcelJS.Worksheet, fromRow: number) {
  for (let r = fromRow; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    let lines = 1;
    row.eachCell((cell, col) => {
      if (cell.isMerged) return;
      const text = cell.value === null || cell.value === undefined ? '' : String(cell.value);
      const width = ws.getColumn(col).width ?? 10;
      const units = [...text].reduce((a, ch) => a + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
      lines = Math.max(lines, Math.ceil(units / Math.max(1, width - 1)));
    });
    row.height = Math.max(18, lines * 15);
  }
}

export async function buildReport(db: Database, input: { year: number; prefectureCode?: string | null; asOf?: string }): Promise<{ name: string; buffer: Buffer }> {
  const me = requireInstallation(db);
  const checklist = getChecklist(db, input.year);
  if (!checklist) throw new UserError('no_checklist', `No checklist for ${input.year} is installed.`, `本机没有${input.year}年的清单。`);
  const prefectureCode = me.role === 'office' ? me.prefectureCode : (input.prefectureCode ?? null);
  const scopeName = prefectureCode ? (findPrefecture(prefectureCode)?.name ?? prefectureCode) : '全区';
  const asOf = input.asOf ?? today();
  const progress = evaluate(db, { year: input.year, prefectureCode, asOf });
  const generated = localStamp();
  const period = `${input.year}年（截至${asOf < `${input.year}-12-31` ? asOf : `${input.year}-12-31`}）`;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'SME Ledger 中小企业办实事台账';

  // 1. Summary of the items.
  const ws = sheet(wb, '完成情况汇总', `${scopeName}${input.year}年为中小企业办实事清单完成情况 · ${period} · 生成于 ${generated}`, [
    ['序号', 6], ['事项', 46], ['指标', 34], ['目标', 14], ['完成值', 12], ['单位', 8], ['完成率', 10], ['状态', 10], ['说明', 40],
  ]);
  let r = 3;
  for (const item of checklist.items) {
    const inds = progress.indicators.filter((i) => i.item === item.no);
    const work = progress.items.find((w) => w.item === item.no)!;
    const rows: (IndicatorValue | null)[] = inds.length ? inds : [null];
    const first = r;
    for (const ind of rows) {
      const row = ws.getRow(r);
      row.getCell(1).value = item.no;
      const end = item.text.indexOf('。');
      row.getCell(2).value = end > 0 && end < 70 ? item.text.slice(0, end + 1) : `${item.text.slice(0, 60)}…`;
      if (ind) {
        row.getCell(3).value = ind.name;
        row.getCell(4).value = targetText(ind.target, ind.unit);
        row.getCell(5).value = ind.value;
        row.getCell(5).numFmt = Number.isInteger(ind.value ?? 0) ? '#,##0' : '#,##0.00';
        row.getCell(6).value = ind.unit;
        row.getCell(7).value = ind.percent === null ? null : ind.percent / 100;
        row.getCell(7).numFmt = '0.0%';
        row.getCell(8).value = STATUS[ind.status];
        row.getCell(8).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL[ind.status]! } };
        // What the figure rests on, or why there is none: the same words as on the dashboard.
        row.getCell(9).value = ind.note?.zh ?? null;
      } else {
        row.getCell(3).value = `无量化目标：登记活动 ${work.activities} 场、走访 ${work.visits} 次、未办结问题 ${work.openProblems} 个`;
        ws.mergeCells(r, 3, r, 9);
      }
      row.alignment = { vertical: 'middle', wrapText: true };
      r++;
    }
    if (r - first > 1) {
      ws.mergeCells(first, 1, r - 1, 1);
      ws.mergeCells(first, 2, r - 1, 2);
    }
  }
  // Merged item cells spread their text over the item's rows; single rows are fitted.
  fitRows(ws, 3);

  // 2. Indicators × prefectures (HQ).
  if (me.role === 'hq' && prefectureCode === null) {
    const m = progressMatrix(db, input.year, asOf);
    const mx = sheet(wb, '分地市完成情况', `${input.year}年各地（市）完成情况 · ${period} · 生成于 ${generated}`, [
      ['指标', 34], ['目标', 14], ['全区', 12], ...m.prefectures.map((p) => [p.name, 11] as [string, number]),
    ]);
    m.region.forEach((ind, i) => {
      const row = mx.getRow(3 + i);
      row.getCell(1).value = `${ind.item}. ${ind.name}`;
      row.getCell(2).value = targetText(ind.target, ind.unit);
      row.getCell(3).value = ind.value;
      m.prefectures.forEach((p, j) => {
        const v = m.byPrefecture[p.code]![i]!;
        const c = row.getCell(4 + j);
        c.value = v.value;
        c.numFmt = Number.isInteger(v.value ?? 0) ? '#,##0' : '#,##0.00';
      });
    });
  }

  // 3. Open problems by responsible unit.
  const params: unknown[] = [];
  let scope = '';
  if (prefectureCode) {
    scope = ' AND p.prefecture_code = ?';
    params.push(prefectureCode);
  }
  const problems = db
    .prepare(
      `SELECT p.responsible_unit, e.name AS enterprise, p.category, p.description, p.item_no, p.deadline, p.status, p.prefecture_code
       FROM problems p JOIN enterprises e ON e.id = p.enterprise_id
       WHERE p.deleted = 0 AND p.status IN ('open', 'in_progress')${scope}
       ORDER BY p.responsible_unit, p.deadline IS NULL, p.deadline`,
    )
    .all(params) as Record<string, string | number | null>[];
  const ps = sheet(wb, '未办结问题', `${scopeName}企业困难问题清单（未办结）· 生成于 ${generated}`, [
    ['责任单位', 24], ['企业', 30], ['地（市）', 10], ['类别', 8], ['问题描述', 44], ['清单事项', 8], ['办理时限', 12], ['状态', 10], ['逾期', 8],
  ]);
  const cat = new Map(catalogues().problemCategories.map((c) => [c.id, c.name]));
  const t = today();
  problems.forEach((p, i) => {
    const row = ps.getRow(3 + i);
    const overdue = p.deadline !== null && (p.deadline as string) < t;
    row.values = [p.responsible_unit, p.enterprise, findPrefecture(p.prefecture_code as string)?.name ?? '', cat.get(p.category as string) ?? p.category, p.description, p.item_no, p.deadline, p.status === 'open' ? '待办' : '办理中', overdue ? '逾期' : ''];
    if (overdue) row.getCell(9).font = { color: { argb: 'FFC00000' }, bold: true };
    row.alignment = { vertical: 'top', wrapText: true };
  });
  fitRows(ps, 3);

  // 4. The activity ledger of the year.
  const acts = db
    .prepare(
      `SELECT a.date, a.item_no, a.kind, a.title, a.prefecture_code, a.place, a.organiser, a.metrics,
        (SELECT count(*) FROM activity_enterprises l WHERE l.activity_id = a.id AND l.deleted = 0) AS n
       FROM activities a WHERE a.deleted = 0 AND a.date BETWEEN ? AND ?${scope.replace('p.', 'a.')} ORDER BY a.date, a.title`,
    )
    .all(`${input.year}-01-01`, `${input.year}-12-31`, ...params) as Record<string, string | number>[];
  const kinds = new Map(checklist.activityKinds.map((k) => [k.id, k.name]));
  // "参与人次 355 人次", "签约金额 35,290 万元": the name, the figure, then its unit.
  const metricText = new Map(checklist.metrics.map((m) => [m.id, (v: number) => `${m.name} ${v.toLocaleString('en')}${m.unit ? ` ${m.unit}` : ''}`]));
  const as = sheet(wb, '活动台账', `${scopeName}${input.year}年活动台账 · 生成于 ${generated}`, [
    ['日期', 12], ['清单事项', 8], ['活动类型', 22], ['活动名称', 34], ['地（市）', 10], ['地点', 20], ['主办单位', 20], ['参与企业（名录内）', 10], ['活动数据', 40],
  ]);
  acts.forEach((a, i) => {
    const metrics = JSON.parse(a.metrics as string) as Record<string, number>;
    as.getRow(3 + i).alignment = { vertical: 'top', wrapText: true };
    as.getRow(3 + i).values = [a.date, a.item_no, kinds.get(a.kind as string) ?? a.kind, a.title, findPrefecture(a.prefecture_code as string)?.name ?? '', a.place, a.organiser, a.n, Object.entries(metrics).map(([k, v]) => metricText.get(k)?.(v) ?? `${k} ${v}`).join('；')];
  });

  fitRows(as, 3);
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { name: `${scopeName}${input.year}年办实事清单完成情况-${asOf}.xlsx`, buffer };
}
