import type { ChecklistView } from '../../../../api/contract';
import type { IndicatorValueView, ProgressView } from '../../../../api/progress-contract';

export type Item = ChecklistView['items'][number];
export type IndicatorRow = { key: string; item: Item; ind: IndicatorValueView; span: number };

/** Statuses that judge a figure against a target that applies to the scope in view. */
const JUDGED = new Set<IndicatorValueView['status']>(['met', 'on_track', 'behind', 'no_data', 'over']);

export const hasTargetHere = (ind: IndicatorValueView): boolean => JUDGED.has(ind.status);

/**
 * The progress table's rows, figure by figure: those with a target for the scope in view first,
 * then the others (a region's target without a quota here, figures only tracked). An office opens
 * on what it must reach (issue 15: item 6 once came first whole, with five of its seven figures
 * regional). Within each group figures keep checklist order; consecutive figures of one item
 * share its cell, so an item whose figures fall in both groups appears in each. Items without
 * any indicator are returned apart, for the folded section below the table.
 */
export function dashboardRows(checklist: ChecklistView, progress: ProgressView): { targeted: IndicatorRow[]; untargeted: Item[] } {
  const itemOf = new Map(checklist.items.map((item) => [item.no, item]));
  const inChecklist = checklist.items.flatMap((item) => progress.indicators.filter((i) => i.item === item.no));
  const ordered = [...inChecklist.filter(hasTargetHere), ...inChecklist.filter((i) => !hasTargetHere(i))];
  const rows: IndicatorRow[] = ordered.map((ind) => ({ key: ind.id, item: itemOf.get(ind.item)!, ind, span: 0 }));
  for (let start = 0; start < rows.length; ) {
    let end = start + 1;
    while (end < rows.length && rows[end]!.item.no === rows[start]!.item.no) end++;
    rows[start]!.span = end - start;
    start = end;
  }
  const withFigures = new Set(progress.indicators.map((i) => i.item));
  return { targeted: rows, untargeted: checklist.items.filter((item) => !withFigures.has(item.no)) };
}
