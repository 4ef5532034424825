/** Small helpers for building WHERE clauses with bound parameters only. */
export class Where {
  readonly parts: string[] = [];
  readonly params: Record<string, unknown> = {};
  private n = 0;

  add(sql: string, ...values: unknown[]): this {
    let text = sql;
    for (const v of values) {
      const name = `p${this.n++}`;
      text = text.replace('?', `@${name}`);
      this.params[name] = v;
    }
    this.parts.push(text);
    return this;
  }

  toString(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}

/** Escapes LIKE wildcards so that user text matches literally (used with ESCAPE '\\'). */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A phrase for an FTS5 MATCH: the user's text as one quoted string, never FTS syntax. */
export function ftsPhrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}
