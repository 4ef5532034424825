/** Timestamps for display and audit only; ordering never depends on them. */
export function nowIso(): string {
  return new Date().toISOString();
}
