import type { Database } from 'better-sqlite3';

/**
 * One- and two-character enterprise searches (拉萨, 藏药, a person called 扎西) from an index
 * (migration 14) instead of a scan of the register. The trigram index cannot serve fewer than
 * three characters. Each enterprise's name, contact person and service officer are written to
 * a contentless FTS5 table as tokens: every character, and every pair of adjacent characters of
 * the same field, spelled as hexadecimal code points (拉萨 → `62c9 8428 62c9x8428`). A search is
 * then one token, looked up and counted from the index alone.
 *
 * The tokens are exact by construction, so the index finds what the scan it replaces found: the
 * text is lower-cased for ASCII letters only (LIKE's rule; a query without letters is unchanged by
 * that, and instr then finds the same rows), every character is a token (punctuation and spaces
 * too, which FTS5's own tokenizers would drop), and no pair spans two fields.
 */

const lowerAscii = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());
const hex = (char: string) => char.codePointAt(0)!.toString(16);

/** The index's tokens for the texts of one enterprise (null for a field left empty). */
export function shortSearchTokens(...texts: unknown[]): string {
  const tokens = new Set<string>();
  for (const text of texts) {
    if (typeof text !== 'string') continue;
    const chars = [...lowerAscii(text)].map(hex);
    chars.forEach((c, i) => {
      tokens.add(c);
      if (i > 0) tokens.add(`${chars[i - 1]}x${c}`);
    });
  }
  return [...tokens].join(' ');
}

/** The FTS5 query for a search of one or two characters: one token, never query syntax. */
export function shortSearchMatch(text: string): string {
  const chars = [...lowerAscii(text)];
  if (chars.length < 1 || chars.length > 2) throw new Error('a short search has one or two characters');
  return `"${chars.map(hex).join('x')}"`;
}

/** Makes `short_search_tokens(...)` known to a connection; the schema's triggers call it. */
export function registerShortSearch(db: Database): void {
  db.function('short_search_tokens', { deterministic: true, varargs: true }, shortSearchTokens);
}
