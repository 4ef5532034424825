import type { Indicator } from '../reference/schema';

/** The dates an indicator counts for a checklist year, as of a day. */
export interface Window {
  from: string | null;
  to: string;
}

/**
 * Yearly figures count what happened in the checklist's year; cumulative ones count from the date
 * the indicator declares (countsFrom), or from the first record when it declares none.
 */
export function windowFor(period: Indicator['period'], year: number, asOf: string, countsFrom?: string): Window {
  const end = `${year}-12-31`;
  const to = asOf < end ? asOf : end;
  switch (period) {
    case 'yearly':
    case 'year_end':
      return { from: `${year}-01-01`, to };
    case 'by_year_end':
    case 'cumulative':
      return { from: countsFrom ?? null, to };
  }
}

/** The part of the year gone by on `asOf` (1 once the year is over). */
export function elapsedFraction(year: number, asOf: string): number {
  if (asOf >= `${year}-12-31`) return 1;
  if (asOf < `${year}-01-01`) return 0;
  const start = Date.UTC(year, 0, 1);
  const days = (Date.UTC(year + 1, 0, 1) - start) / 86_400_000;
  return (Date.parse(`${asOf}T00:00:00Z`) - start) / 86_400_000 / days;
}
