import type { ChecklistView } from '../../../../api/contract';
import type { IndicatorValueView, ProgressView } from '../../../../api/progress-contract';

export type Item = ChecklistView['items'][number];
export type IndicatorRow = { key: string; item: Item; ind: IndicatorValueView; span: number };

/** Statuses that judge a figure against a target that applies to the scope in view. */
const JUDGED = new Set<IndicatorValueView['status']>(['met', 'on_track', 'behind', 'no_data', 'over']);

/**
 * The progress table's rows, the items whose figures have a target here first: an office opens on
 * what it must reach, not on regional figures or items without a number (issue 15: at 1366×768
 * the first screen was items 1–5, which have no figures). Items keep checklist order within each
 * group and their indicators stay together (one item cell spans them). Items without any
 * indicator are returned apart, for the folded section below the table.
 */
export function dashboardRows(checklist: ChecklistView, progress: ProgressView): { targeted: IndicatorRow[]; untargeted: Item[] } {
  const byItem = checklist.items.map((item) => ({ item, inds: progress.indicators.filter((i) => i.item === item.no) }));
  const withFigures = byItem.filter((x) => x.inds.length > 0);
  const applies = (x: (typeof byItem)[number]) => x.inds.some((i) => JUDGED.has(i.status));
  const ordered = [...withFigures.filter(applies), ...withFigures.filter((x) => !applies(x))];
  return {
    targeted: ordered.flatMap(({ item, inds }) => inds.map((ind, i) => ({ key: ind.id, item, ind, span: i === 0 ? inds.length : 0 }))),
    untargeted: byItem.filter((x) => x.inds.length === 0).map((x) => x.item),
  };
}
