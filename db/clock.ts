/** Timestamps for display and audit only; ordering never depends on them. */
export function nowIso(): string {
  return new Date().toISOString();
}

/** Today's date (or d's) on this computer, as YYYY-MM-DD in local time (what the user calls "today"). */
export function today(d: Date = new Date()): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** True for a real calendar date written YYYY-MM-DD (rejects 2022-02-30). */
export function isRealDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Local date and time for titles a person reads ("2022-12-31 16:05"). */
export function localStamp(d: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
