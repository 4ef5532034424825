import fs from 'node:fs';
import path from 'node:path';
import { parse, required } from '../args';
import { apiFor, openInstalled } from '../run';
import { UserError } from '../../db/errors';
import { currentChecklist, getChecklist } from '../../db/checklists';
import { importFigures } from '../../db/figures-import';
import { backupNow } from '../../db/backup';

export const usage = `figures list --data DIR [--year Y] [--json]
  figures add --data DIR --figure ID --value V --as-of YYYY-MM-DD --source TEXT [--prefecture CODE] [--year Y] [--notes TEXT]
  figures import FILE.xlsx --data DIR [--dry-run] [--json]     # columns 上报数据, 所属地（市）, 截至日期, 数值, 来源, 备注, 年度`;

const yearOf = (v: string | undefined) => {
  if (v === undefined) return undefined;
  const y = Number(v);
  if (!Number.isInteger(y)) throw new UserError('bad_arguments', '--year must be a year such as 2022', '--year 应为年份，如 2022');
  return y;
};

/** Reported figures (banks, statistics offices) without a window: what can be reported, one, or a spreadsheet of them. */
export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    { data: { type: 'string' }, year: { type: 'string' }, figure: { type: 'string' }, value: { type: 'string' }, 'as-of': { type: 'string' }, source: { type: 'string' }, prefecture: { type: 'string' }, notes: { type: 'string' }, json: { type: 'boolean', default: false }, 'dry-run': { type: 'boolean', default: false } },
    true,
  );
  const [action, file] = positionals;
  if (action === 'list') {
    const { db, close } = openInstalled(values.data);
    try {
      const y = yearOf(values.year);
      const c = y ? getChecklist(db, y) : currentChecklist(db);
      if (!c) throw new UserError('no_checklist', 'No checklist for that year is installed.', '本机没有该年度的清单。');
      const list = c.reportedFigures.map((f) => ({ id: f.id, name: f.name, nameEn: f.nameEn, unit: f.unit, defaultSource: f.defaultSource }));
      if (values.json) console.log(JSON.stringify(list));
      else for (const f of list) console.log(`${f.id.padEnd(28)} ${f.name}（${f.unit}）`);
      return 0;
    } finally {
      close();
    }
  }
  if (action === 'add') {
    const { api, ctx } = apiFor(values.data);
    try {
      const value = Number(required(values.value, '--value'));
      if (!Number.isFinite(value)) throw new UserError('bad_arguments', '--value must be a number', '--value 应为数字');
      const year = yearOf(values.year) ?? Number(required(values['as-of'], '--as-of').slice(0, 4));
      const saved = await api['figures.save']({ figureId: required(values.figure, '--figure'), checklistYear: year, prefectureCode: values.prefecture ?? null, asOf: required(values['as-of'], '--as-of'), value, source: required(values.source, '--source'), notes: values.notes ?? null });
      if (values.json) console.log(JSON.stringify(saved.record));
      else console.log(`已保存 ${saved.record.figureId} = ${saved.record.value}（截至 ${saved.record.asOf}，${saved.record.prefectureCode || '全区'}）`);
      return 0;
    } finally {
      ctx.close();
    }
  }
  if (action === 'import') {
    const target = required(file, 'FILE');
    let buffer: Buffer;
    try {
      buffer = fs.readFileSync(target);
    } catch (e) {
      throw new UserError('file_unreadable', `Cannot read ${target}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, `无法读取 ${target}`);
    }
    const { db, close } = openInstalled(values.data);
    try {
      if (!values['dry-run']) await backupNow(db, path.resolve(values.data ?? process.env.SME_LEDGER_DATA ?? '.'), 'before-figures-import');
      const r = importFigures(db, buffer, path.basename(target), !values['dry-run']);
      if (values.json) console.log(JSON.stringify(r));
      else {
        console.log(`${r.applied ? '已导入' : '未导入'} ${r.created}/${r.rows} 行${r.rejected.length ? `，${r.rejected.length} 行有误（全部未写入）` : ''}`);
        for (const x of r.rejected) console.log(`  ${x.messageZh}`);
      }
      return r.rejected.length ? 1 : 0;
    } finally {
      close();
    }
  }
  throw new UserError('bad_arguments', 'usage: figures list|add|import …', '用法：figures list|add|import …');
}
