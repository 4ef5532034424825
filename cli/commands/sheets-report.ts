import type { ImportReport } from '../../db/excel/transfer';
import { say } from '../say';

const CONFIDENCE: Record<string, [string, string]> = {
  exact: ['确定', 'exact'],
  alias: ['很可能', 'likely'],
  partial: ['可能', 'possible'],
  remembered: ['上次的选择', 'remembered'],
  chosen: ['已指定', 'chosen'],
};

/**
 * An import's report as the command line prints it, in the output language of every command
 * (cli/say.ts: Chinese first with English beside, or English alone with --lang en): every source
 * column with its field or as not imported, what was skipped, the questions to answer, and each
 * rejected or warned row with all its reasons. Names from the file itself are quoted as written.
 */
export function importReportLines(r: ImportReport): string[] {
  const field = (key: string | null) => r.fields.find((f) => f.key === key);
  const lines: string[] = [];
  const header = r.headerRows.join('–');
  lines.push(
    say(
      `${r.applied ? '已导入' : '预览（未写入）'}：工作表“${r.sheetName}”，表头第 ${header} 行，数据 ${r.rows} 行：新增 ${r.created}，更新 ${r.updated}，不变 ${r.unchanged}，拒绝 ${r.rejected.length}，警告 ${r.warnings.length}`,
      `${r.applied ? 'imported' : 'dry run'}: sheet "${r.sheetName}", header row ${header}, ${r.rows} rows: ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.rejected.length} rejected, ${r.warnings.length} with warnings`,
    ),
  );
  lines.push(say('列：', 'columns:'));
  for (const c of r.columns) {
    const f = field(c.field);
    const [zh, en] = CONFIDENCE[c.confidence ?? ''] ?? ['', ''];
    const target = f ? say(`${f.header}（${zh}）`, `${f.headerEn} (${en})`) : say(`不导入${c.note ? `（${c.note.zh}）` : ''}`, `not imported${c.note ? ` (${c.note.en})` : ''}`);
    lines.push(`  ${c.letter} ${c.header || say('（无表头）', '(no header)')} → ${target}`);
  }
  for (const key of r.missing) {
    const f = field(key)!;
    lines.push(say(`  缺少必填列“${f.header}”：用 --map "源列=${f.header}" 指定`, `  required column ${f.headerEn} missing: name it with --map "column=${f.header}"`));
  }
  const s = r.skipped;
  if (s.blank || s.totals.length || s.repeated.length || s.filled) {
    lines.push(
      say(
        `跳过：空行 ${s.blank}，合计行 ${s.totals.length}${s.totals.length ? `（第 ${s.totals.join('、')} 行）` : ''}，重复行 ${s.repeated.length}${s.repeated.length ? `（${s.repeated.map((x) => `第 ${x.rowNumber} 行同第 ${x.sameAs} 行`).join('、')}）` : ''}；合并单元格填充 ${s.filled} 格`,
        `skipped: ${s.blank} blank, ${s.totals.length} totals, ${s.repeated.length} repeated rows; ${s.filled} merged cells filled`,
      ),
    );
  }
  for (const q of r.questions) {
    const f = field(q.field);
    const names = q.candidates.map((c) => c.label);
    lines.push(
      say(
        `待确认：${f?.header ?? q.field}“${q.value}”（${q.rows} 行）可能是 ${names.join(' / ')}，用 --value "${f?.header ?? q.field}:${q.value}=${names[0]}" 选择`,
        `to answer: ${f?.headerEn ?? q.field} "${q.value}" (${q.rows} rows) could be ${names.join(' / ')}: --value "${f?.header ?? q.field}:${q.value}=${names[0]}"`,
      ),
    );
  }
  const rowLines = (label: [string, string], rows: ImportReport['rejected']) => {
    for (const row of rows) {
      const zh = row.reasons.map((x) => `${x.column ? `【${x.column}】` : ''}${x.messageZh}`).join('');
      const en = row.reasons.map((x) => `${x.column ? `[${x.column}] ` : ''}${x.message}`).join(' ');
      lines.push(`  ${say(`${label[0]} 第 ${row.rowNumber} 行：${zh}`, `${label[1]} row ${row.rowNumber}: ${en}`)}`);
    }
  };
  rowLines(['拒绝', 'rejected'], r.rejected);
  rowLines(['警告', 'warning'], r.warnings);
  if (!r.skipBadOptional && r.rejected.length) {
    lines.push(say('只是选填项有误的行，可加 --skip-bad-optional 导入（该项留空，列为警告）', 'rows wrong only in optional fields import with --skip-bad-optional (those values left out, listed as warnings)'));
  }
  return lines;
}
