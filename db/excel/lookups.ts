import type { Database } from 'better-sqlite3';
import { catalogues, findPrefecture, regions } from '../reference/bundled';
import { requireInstallation } from '../installation';
import { currentChecklist } from '../checklists';
import { normaliseUscc } from '../validation/uscc';
import type { CellReader } from './cells';

/** Labelled choices shared by the sheets: what a drop-down shows and what an import accepts. */
export interface Choice<T extends string = string> {
  id: T;
  labels: string[];
}

export function countyChoices(db: Database): Choice[] {
  const inst = requireInstallation(db);
  const prefectures = inst.prefectureCode ? [findPrefecture(inst.prefectureCode)!] : regions().prefectures;
  return prefectures.flatMap((p) => p.counties.map((c) => ({ id: c.code, labels: [c.name, c.nameEn, `${c.code} ${c.name}`] })));
}

export function prefectureChoices(): Choice[] {
  return regions().prefectures.map((p) => ({ id: p.code, labels: [p.name, p.nameEn, `${p.code} ${p.name}`] }));
}

export function catalogueChoices<T extends string>(entries: readonly { id: string; name: string; nameEn: string }[]): Choice<T>[] {
  return entries.map((e) => ({ id: e.id as T, labels: [e.name, e.nameEn] }));
}

export function industryChoices(): Choice[] {
  return catalogues().industries.sections.map((s) => ({ id: s.code, labels: [`${s.code} ${s.name}`, s.name, s.nameEn] }));
}

export function labelOf(choices: Choice[], id: string | null | undefined): string | null {
  if (!id) return null;
  return choices.find((c) => c.id === id)?.labels[0] ?? id;
}

export function departmentChoices(db: Database): Choice[] {
  return (currentChecklist(db)?.departments ?? []).map((d) => ({ id: d.id, labels: [d.name, d.nameEn, ...d.aliases] }));
}

/** Item numbers written as 6, "6", "第6项" or "（六）". */
export function readItemNo(read: CellReader, key: string): number | null {
  const s = read.text(key);
  if (s === null) return null;
  const m = /^\s*第?\s*(\d{1,2})\s*项?\s*$/.exec(s);
  if (m) return Number(m[1]);
  read.errors.add(key, `"${s}" is not an item number of the checklist (1–22).`, `“${s}”不是清单事项序号（1–22）。`);
  return null;
}

/**
 * The enterprise a sheet names, by credit code or by its exact registered name. Returns the id,
 * or records why the row cannot be linked.
 */
export function resolveEnterprise(db: Database, read: CellReader, key: string, text: string): string | null {
  const code = normaliseUscc(text);
  if (/^[0-9A-Z]{18}$/.test(code)) {
    const row = db.prepare('SELECT id FROM enterprises WHERE uscc = ? AND deleted = 0').get(code) as { id: string } | undefined;
    if (row) return row.id;
  }
  const rows = db.prepare('SELECT id FROM enterprises WHERE name = ? AND deleted = 0 LIMIT 2').all(text.trim()) as { id: string }[];
  if (rows.length === 1) return rows[0]!.id;
  if (rows.length > 1) {
    read.errors.add(key, `Several enterprises are named "${text}"; use the credit code.`, `有多家企业名为“${text}”，请填写统一社会信用代码。`);
  } else {
    read.errors.add(key, `"${text}" is not in the enterprise register; register it first.`, `企业名录中没有“${text}”，请先登记该企业。`);
  }
  return null;
}

export function splitList(s: string | null): string[] {
  return s ? s.split(/[;；,，、\n]+/).map((x) => x.trim()).filter(Boolean) : [];
}
