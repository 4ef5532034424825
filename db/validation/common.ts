import { sql } from '../statements';
import type { Database } from 'better-sqlite3';
import type { FieldErrors } from '../errors';
import { isRealDate, today } from '../clock';
import { findCounty } from '../reference/bundled';

/** A real date, not after today. */
export function checkPastDate(errors: FieldErrors, field: string, date: string, label: { en: string; zh: string }): void {
  if (!isRealDate(date)) errors.add(field, `${label.en} ${date} is not a real date.`, `${label.zh}“${date}”不是有效日期。`);
  else if (date > today()) errors.add(field, `${label.en} cannot be in the future.`, `${label.zh}不能晚于今天。`);
}

export function checkCounty(errors: FieldErrors, field: string, countyCode: string | null, prefectureCode: string): void {
  if (!countyCode) return;
  const county = findCounty(countyCode);
  if (!county) errors.add(field, `Unknown county code ${countyCode}.`, `未知的县（区）代码 ${countyCode}。`);
  else if (county.prefectureCode !== prefectureCode) errors.add(field, `${county.nameEn} is not in this prefecture.`, `${county.name}不属于本地（市）。`);
}

/** The enterprise exists and is not deleted; returns its name. */
export function checkEnterprise(db: Database, errors: FieldErrors, field: string, id: string): string | null {
  const row = sql(db, 'SELECT name, deleted FROM enterprises WHERE id = ?').get(id) as { name: string; deleted: number } | undefined;
  if (!row) {
    errors.add(field, 'The enterprise does not exist in the register.', '企业名录中没有该企业。');
    return null;
  }
  if (row.deleted) {
    errors.add(field, `${row.name} has been deleted from the register; restore it first.`, `“${row.name}”已从名录中删除，请先恢复。`);
    return null;
  }
  return row.name;
}
