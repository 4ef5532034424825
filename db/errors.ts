/** A message in both of the app's languages. */
export interface Bilingual {
  en: string;
  zh: string;
}

/**
 * An error the user caused and can fix. It carries a stable code, an English and a Chinese
 * message and, for forms, a message per field; transports pass it through as data, everything
 * else is reported as an internal error.
 */
export class UserError extends Error {
  readonly code: string;
  readonly messageZh: string;
  readonly fields: Record<string, Bilingual> | undefined;
  /** Facts the caller can act on, e.g. the id of the record a duplicate clashes with. */
  readonly data: Record<string, string> | undefined;
  constructor(code: string, message: string, messageZh: string, fields?: Record<string, Bilingual>, data?: Record<string, string>) {
    super(message);
    this.name = 'UserError';
    this.code = code;
    this.messageZh = messageZh;
    this.fields = fields;
    this.data = data;
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}

/**
 * Collects what is wrong with a record, field by field, so that a form can show every problem at
 * once and an Excel import can list every reason for a rejected row.
 */
export class FieldErrors {
  readonly errors: Record<string, Bilingual> = {};

  add(field: string, en: string, zh: string): void {
    if (!this.errors[field]) this.errors[field] = { en, zh };
  }

  has(field?: string): boolean {
    return field ? field in this.errors : Object.keys(this.errors).length > 0;
  }

  /** Throws a validation error naming every field, if there is any. */
  throwIfAny(label: Bilingual): void {
    const entries = Object.entries(this.errors);
    if (entries.length === 0) return;
    throw new UserError(
      'validation',
      `The ${label.en} cannot be saved: ${entries.map(([, m]) => m.en).join(' ')}`,
      `${label.zh}未能保存：${entries.map(([, m]) => m.zh).join('')}`,
      this.errors,
    );
  }
}
