import type { Problem, ProblemStatus } from '../../../../../api/entities';
import type { Translate } from '../../../i18n';

export type Move = { status: ProblemStatus; needsText: boolean };

/** The status moves a problem offers: 待办 → 办理中 → 已办结 / 无法解决, and reopening a closed one. */
export function movesFor(p: Problem, t: Translate): { key: string; label: string; move: Move; primary?: boolean }[] {
  const resolve = { key: 'resolve', label: t('problem.resolve'), move: { status: 'resolved', needsText: true } as Move };
  const unresolvable = { key: 'unresolvable', label: t('problem.markUnresolvable'), move: { status: 'unresolvable', needsText: true } as Move };
  if (p.status === 'open') return [{ key: 'start', label: t('problem.start'), move: { status: 'in_progress', needsText: false }, primary: true }, resolve, unresolvable];
  if (p.status === 'in_progress') return [{ ...resolve, primary: true }, unresolvable];
  return [{ key: 'reopen', label: t('problem.reopen'), move: { status: 'in_progress', needsText: false } }];
}
