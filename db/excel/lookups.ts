import type { Database } from 'better-sqlite3';
import { catalogues, findPrefecture, regions } from '../reference/bundled';
import { requireInstallation } from '../installation';
import { currentChecklist } from '../checklists';
import { normaliseUscc } from '../validation/uscc';
import type { CellReader, ChoiceSpec } from './cells';
import { comparable, countyStem, halfWidth, INDUSTRY_QUESTIONS, INDUSTRY_WORDS, SIZE_QUESTIONS, SIZE_WORDS } from './normalise';

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

/** Counties as written: with or without the prefecture's name, with or without 县/区. */
export function countySpec(db: Database): ChoiceSpec {
  const names = regions().prefectures.map((p) => p.name);
  return { choices: countyChoices(db), stem: (s) => countyStem(s, names) };
}

const byComparable = <T extends string>(words: Record<string, readonly T[]>): Record<string, readonly T[]> =>
  Object.fromEntries(Object.entries(words).map(([w, ids]) => [comparable(w), ids]));

/** Industries by section letter, name, the words of the name, or a common short form. */
export function industrySpec(): ChoiceSpec {
  const choices = industryChoices().map((c) => ({ ...c, labels: [...c.labels, ...(INDUSTRY_WORDS[c.id] ?? [])] }));
  return { choices, questions: byComparable(INDUSTRY_QUESTIONS), contains: true };
}

/** Sizes in everyday words; 小微 and 中小 are questions. */
export function sizeSpec(): ChoiceSpec {
  const choices = catalogueChoices(catalogues().sizes).map((c) => ({ ...c, labels: [...c.labels, ...(SIZE_WORDS[c.id] ?? [])] }));
  return { choices, questions: byComparable(SIZE_QUESTIONS) };
}

/** Prefectures with or without 市 / 地区 and 西藏自治区 before them. */
export function prefectureSpec(): ChoiceSpec {
  const stem = (s: string) => comparable(s).replace(/^西藏(自治区)?/, '').replace(/(市|地区)$/, '');
  return { choices: prefectureChoices(), stem };
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
  const s = read.code(key);
  if (s === null) return null;
  const m = /^第?(\d{1,2}|[一二三四五六七八九十]{1,3})项?$/.exec(s.replace(/[\s（）()、.]/g, ''));
  if (m) return /\d/.test(m[1]!) ? Number(m[1]) : chineseNumber(m[1]!);
  read.errors.add(key, `"${s}" is not an item number of the checklist (1–22).`, `“${s}”不是清单事项序号（1–22）。`);
  return null;
}

/** 一 … 二十二 as a number (0 where it is not one). */
function chineseNumber(s: string): number {
  const d = (c: string | undefined) => (c ? '一二三四五六七八九'.indexOf(c) + 1 : 0);
  if (!s.includes('十')) return s.length === 1 ? d(s) : 0;
  const [tens, ones] = s.split('十') as [string, string];
  return (tens ? d(tens) : 1) * 10 + d(ones || undefined);
}

/**
 * The enterprise a sheet names, by credit code or by its exact registered name. Returns the id,
 * or records why the row cannot be linked.
 */
export function resolveEnterprise(db: Database, read: CellReader, key: string, text: string): string | null {
  const code = normaliseUscc(halfWidth(text));
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

/** Catalogue choices with everyday words added, and (optionally) matching by containment. */
export function withWords<T extends string>(choices: Choice<T>[], words: Partial<Record<T, string[]>>, contains = false): ChoiceSpec<T> {
  return { choices: choices.map((c) => ({ ...c, labels: [...c.labels, ...(words[c.id] ?? [])] })), contains };
}

export const VISIT_KIND_WORDS: Record<string, string[]> = {
  service_officer: ['服务专员', '一对一服务', '专员服务', '一对一'],
  leadership_visit: ['领导走访', '走访调研', '调研', '领导调研'],
  energy_diagnosis: ['节能', '能效诊断'],
  digital_diagnosis: ['数字化', '数字化转型诊断'],
  policy_briefing: ['政策宣讲', '宣讲', '政策宣传'],
  other: ['其他', '走访'],
};
export const PROBLEM_STATUS_WORDS: Record<string, string[]> = {
  open: ['未办理', '待办理', '未开始', '新提出', '未办'],
  in_progress: ['正在办理', '推进中', '进行中', '处理中', '在办'],
  resolved: ['已解决', '已完成', '办结', '完成', '已处理', '解决'],
  unresolvable: ['不能解决', '无法办理', '无法解决'],
};
export const ACTIVITY_MODE_WORDS: Record<string, string[]> = {
  offline: ['现场', '线下会议', '现场会'],
  online: ['网络', '视频', '线上会议', '网上', '视频会议'],
  hybrid: ['线上+线下', '线上线下', '线上和线下'],
};
