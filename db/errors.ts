/**
 * An error the user caused and can fix. It carries a stable code, an English and a Chinese
 * message; transports pass it through as data, everything else is reported as an internal error.
 */
export class UserError extends Error {
  readonly code: string;
  readonly messageZh: string;
  constructor(code: string, message: string, messageZh: string) {
    super(message);
    this.name = 'UserError';
    this.code = code;
    this.messageZh = messageZh;
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}
