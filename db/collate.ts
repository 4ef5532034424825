import type { Database } from 'better-sqlite3';
import { customPinyin, pinyin } from 'pinyin-pro';
import { registerShortSearch } from './short-search';

/**
 * Chinese names in pinyin order (江孜 before 拉孜 before 日喀则), as people look for them.
 * SQLite compares code points, and better-sqlite3 cannot register a collation, so every name
 * gets a sort key: its pinyin, syllable by syllable with the tone (jiang1 zi1 xian4 …), which
 * compares as plain bytes. The key is computed by this code alone, in SQLite's triggers through
 * the `pinyin_key` function (migration 12), so a name saved from a form, a spreadsheet or a sync
 * package gets the same key, and a key is never taken from a package.
 *
 * pinyin-pro reads a character in its word (重庆 chóng, 银行 háng). Its dictionary reads 藏 in
 * 藏药, 藏医, 藏香 … as cáng (to hide); in the names of Tibet's enterprises it is zàng (Tibetan).
 */
customPinyin({
  藏药: 'zàng yào',
  藏医: 'zàng yī',
  藏香: 'zàng xiāng',
  藏毯: 'zàng tǎn',
  藏式: 'zàng shì',
  藏文: 'zàng wén',
  藏装: 'zàng zhuāng',
  藏餐: 'zàng cān',
  藏鸡: 'zàng jī',
  藏猪: 'zàng zhū',
  藏羊: 'zàng yáng',
  藏獒: 'zàng áo',
  藏红花: 'zàng hóng huā',
  藏家: 'zàng jiā',
  藏地: 'zàng dì',
  藏北: 'zàng běi',
  藏东: 'zàng dōng',
  藏南: 'zàng nán',
  藏中: 'zàng zhōng',
  藏西: 'zàng xī',
});

/**
 * Which keys a database holds: stored keys were made by this version of the rule and the
 * dictionary. Change it whenever either changes (a pinyin-pro upgrade too): the keys are then
 * made again on opening (see refreshNameKeys), so old and new names never sort by two rules.
 */
export const NAME_KEY_VERSION = 'pinyin-pro 3.29.4 / 1';

/** Digit runs padded so that 2号 sorts before 10号. */
const pad = (run: string) => run.replace(/\d+/g, (d) => d.padStart(12, '0'));

/**
 * The sort key of a name: Han characters as pinyin with the tone digit, other text (Latin,
 * digits, brackets) as it is, full-width forms folded (NFKC) and lower-cased; syllables and
 * runs separated by a space, which sorts before any letter (西安 xi1 an1 before 先 xian1).
 */
export function nameKey(name: string): string {
  const text = name.normalize('NFKC').toLowerCase().trim();
  const out: string[] = [];
  let at = 0;
  for (const part of pinyin(text, { toneType: 'num', type: 'array', nonZh: 'consecutive' })) {
    // Text that is not Chinese comes back as it was (its digits are padded); a character comes
    // back as its syllable (never the same text), and one without a reading as ''.
    const asWritten = part !== '' && text.startsWith(part, at);
    out.push(asWritten ? pad(part.trim()) : part);
    at += asWritten ? part.length : (text.codePointAt(at) ?? 0) > 0xffff ? 2 : 1;
  }
  return out.filter((p) => p !== '').join(' ');
}

/**
 * Makes `pinyin_key(name)` known to a connection, and the short search's tokens (migration 14):
 * every connection that writes enterprises needs both, for the schema's triggers.
 */
export function registerCollation(db: Database): void {
  db.function('pinyin_key', { deterministic: true }, (name: unknown) => (typeof name === 'string' ? nameKey(name) : ''));
  registerShortSearch(db);
}

const VERSION_SETTING = 'name_key_version';

/**
 * Makes every stored key again when they were made by another version of the rule (the first
 * opening after an upgrade that changed it). Migration 12 leaves the version unset, so a
 * database whose keys the migration just made is stamped here at once.
 */
export function refreshNameKeys(db: Database): void {
  const stored = db.prepare('SELECT value FROM settings WHERE key = ?').get(VERSION_SETTING) as { value: string } | undefined;
  if (stored?.value === NAME_KEY_VERSION) return;
  db.transaction(() => {
    if (stored) db.exec('UPDATE enterprise_name_keys SET key = (SELECT pinyin_key(e.name) FROM enterprises e WHERE e.rowid = enterprise_name_keys.rid)');
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(VERSION_SETTING, NAME_KEY_VERSION);
  })();
}

/** Compares two names as the stored keys do (for short lists sorted in memory: drop-downs). */
export function byPinyin(a: string, b: string): number {
  const x = nameKey(a);
  const y = nameKey(b);
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

export function sortByPinyin(names: string[]): string[] {
  const keyed = names.map((name) => ({ name, key: nameKey(name) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return keyed.map((k) => k.name);
}
