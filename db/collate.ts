/**
 * Chinese names in pinyin order (江孜 before 拉孜 before 日喀则), as people look for them;
 * SQLite compares code points, and better-sqlite3 cannot register a collation. ICU's zh
 * collation (Node and Electron ship full ICU) orders by pinyin, then by stroke.
 */
const collator = new Intl.Collator('zh-CN', { numeric: true });

export const byPinyin = (a: string, b: string): number => collator.compare(a, b);

export function sortByPinyin(names: string[]): string[] {
  return names.slice().sort(byPinyin);
}
