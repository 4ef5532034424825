import { print } from '../say';
import { parse } from '../args';
import { openInstalled } from '../run';
import { evaluate } from '../../db/indicators/engine';
import { currentChecklist } from '../../db/checklists';
import { requireInstallation } from '../../db/installation';
import { UserError } from '../../db/errors';
import { buildReport } from '../../db/report/workbook';
import fs from 'node:fs';

export const usage = 'progress --data DIR [--year Y] [--prefecture CODE] [--as-of YYYY-MM-DD] [--json]';

/** Every indicator with its value, target and percentage; an office sees its own prefecture. */
export async function run(argv: string[]): Promise<void> {
  const { values } = parse(argv, { data: { type: 'string' }, year: { type: 'string' }, prefecture: { type: 'string' }, 'as-of': { type: 'string' }, json: { type: 'boolean', default: false } });
  const { db, close } = openInstalled(values.data);
  try {
    const me = requireInstallation(db);
    const year = values.year ? Number(values.year) : currentChecklist(db)?.year;
    if (!year || !Number.isInteger(year)) throw new UserError('bad_arguments', '--year must be a year such as 2022', '--year 应为年份，如 2022');
    if (values['as-of'] && !/^\d{4}-\d{2}-\d{2}$/.test(values['as-of'])) throw new UserError('bad_arguments', '--as-of must be YYYY-MM-DD', '--as-of 应为 YYYY-MM-DD');
    const prefectureCode = values.prefecture ?? (me.role === 'office' ? me.prefectureCode : null);
    const p = evaluate(db, { year, prefectureCode, asOf: values['as-of'] });
    if (values.json) {
      console.log(JSON.stringify({ year: p.year, prefectureCode: p.prefectureCode, asOf: p.asOf, indicators: p.indicators.map((i) => ({ id: i.id, item: i.item, name: i.name, unit: i.unit, value: i.value, target: i.target, percent: i.percent, status: i.status, region: i.region, parts: i.parts, enterprises: i.enterprises, note: i.note })) }));
    } else {
      print(`${p.year} 年进度，${p.prefectureCode ?? '全区'}，截至 ${p.asOf}`, `${p.year} progress, ${p.prefectureCode ?? 'region'}, as of ${p.asOf}`);
      for (const i of p.indicators) console.log(`${i.id.padEnd(28)} ${String(i.value ?? '—').padStart(10)} ${i.unit.padEnd(4)} ${i.percent === null ? '' : `${i.percent}%`.padStart(8)}  ${i.status}${i.note ? `  ${i.note.zh}` : ''}`);
    }
  } finally {
    close();
  }
}

export const reportUsage = 'report --data DIR [--year Y] [--prefecture CODE] [--as-of YYYY-MM-DD] --out FILE.xlsx';

/** The Excel report an office or HQ sends upward. */
export async function report(argv: string[]): Promise<void> {
  const { values } = parse(argv, { data: { type: 'string' }, year: { type: 'string' }, prefecture: { type: 'string' }, 'as-of': { type: 'string' }, out: { type: 'string' } });
  if (!values.out) throw new UserError('bad_arguments', '--out FILE.xlsx is required', '缺少参数 --out');
  const { db, close } = openInstalled(values.data);
  try {
    const year = values.year ? Number(values.year) : currentChecklist(db)?.year;
    if (!year || !Number.isInteger(year)) throw new UserError('bad_arguments', '--year must be a year such as 2022', '--year 应为年份，如 2022');
    const r = await buildReport(db, { year, prefectureCode: values.prefecture ?? null, asOf: values['as-of'] });
    fs.writeFileSync(values.out, r.buffer);
    print(`已写入 ${values.out}`, `wrote ${values.out}`);
  } finally {
    close();
  }
}
