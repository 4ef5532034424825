import type { IndicatorValueView } from '../../../../api/progress-contract';

export const STATUS_COLOR: Record<IndicatorValueView['status'], string> = {
  met: '#389e0d',
  on_track: '#1f5fae',
  behind: '#d46b08',
  no_data: '#bfbfbf',
  no_quota: '#bfbfbf',
  over: '#d4b106',
  regional: '#bfbfbf',
  tracked: '#8c8c8c',
};

/** Heat colour of a cell in the prefecture matrix: red through amber to green by percent. */
export function heat(percent: number | null): string {
  if (percent === null) return '#fafafa';
  const p = Math.max(0, Math.min(100, percent));
  if (p >= 100) return '#d9f7be';
  if (p >= 66) return '#fff1b8';
  if (p >= 33) return '#ffe7ba';
  return '#ffccc7';
}
