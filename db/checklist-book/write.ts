import ExcelJS from 'exceljs';
import type { Checklist } from '../reference/schema';
import { prefectureRuleOf, regionRuleOf } from '../indicators/rules';
import { COMPUTE_COLUMNS, SHEETS, type BookColumn } from './sheets';

const HEAD: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };

export function getPath(o: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o);
}

function cellValue(entry: unknown, c: BookColumn): string | number | null {
  if (c.kind === 'rest') {
    const compute = getPath(entry, c.path) as Record<string, unknown> | undefined;
    if (!compute) return null;
    const rest = Object.fromEntries(Object.entries(compute).filter(([k]) => !COMPUTE_COLUMNS.includes(k)));
    return Object.keys(rest).length ? JSON.stringify(rest) : null;
  }
  const v = getPath(entry, c.path);
  if (v === undefined || v === null) return null;
  switch (c.kind) {
    case 'ids':
    case 'nums':
      return (v as unknown[]).join('、');
    case 'bool':
      return v ? '是' : '否';
    case 'json':
      return JSON.stringify(v);
    default:
      return v as string | number;
  }
}

/** Indicators as the workbook shows them: the rules that apply written out, even where the data leaves them implicit. */
function explicit(c: Checklist): Checklist {
  return { ...c, indicators: c.indicators.map((i) => ({ ...i, region: regionRuleOf(i), prefecture: prefectureRuleOf(i) })) };
}

/** The checklist as the workbook HQ fills in: an instructions sheet, then one sheet per part. */
export async function checklistWorkbook(checklist: Checklist | null): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'SME Ledger 中小企业办实事台账';
  const help = wb.addWorksheet('说明');
  help.getColumn(1).width = 16;
  help.getColumn(2).width = 22;
  help.getColumn(3).width = 100;
  help.addRow(['清单工作簿：每张表一行一条。自治区填写或修改后，在“设置 → 清单”或命令行 checklist import 导入，预览无误后安装；同一年度再次导入即为修订版（修订号加一）。指标编号在修订中保持不变。']);
  help.addRow([]);
  help.addRow(['工作表', '列', '填写说明']).font = { bold: true };
  for (const s of SHEETS) for (const c of s.columns) help.addRow([s.name, `${c.header}${c.required ? '（必填）' : ''}`, c.hint]);
  const data = checklist ? explicit(checklist) : null;
  for (const s of SHEETS) {
    const ws = wb.addWorksheet(s.name);
    s.columns.forEach((c, i) => {
      const cell = ws.getCell(1, i + 1);
      cell.value = c.header;
      cell.font = { bold: true };
      cell.fill = HEAD;
      cell.note = c.hint;
      ws.getColumn(i + 1).width = c.width;
    });
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    const entries: unknown[] = !data ? [] : s.array === null ? [data] : ((data as unknown as Record<string, unknown[]>)[s.array] ?? []);
    entries.forEach((e, r) => s.columns.forEach((c, i) => (ws.getCell(r + 2, i + 1).value = cellValue(e, c))));
    // Drop-down lists for the closed choices, on enough rows to add entries.
    s.columns.forEach((c, i) => {
      if (!c.options) return;
      const col = ws.getColumn(i + 1).letter;
      for (let r = 2; r <= Math.max(entries.length + 50, 100); r++) {
        ws.getCell(`${col}${r}`).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${c.options.join(',')}"`] };
      }
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
