import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import { progressContract, type ProgressView } from '../../api/progress-contract';
import type { AppContext } from '../context';
import { requireInstallation } from '../../db/installation';
import { currentChecklist } from '../../db/checklists';
import { UserError } from '../../db/errors';
import { today } from '../../db/clock';
import { evaluateInTurns } from '../../db/indicators/engine';
import { progressMatrixInTurns } from '../../db/indicators/matrix';
import { recordsOf } from '../../db/indicators/records';
import { monthlyWork, problemsByUnit } from '../../db/indicators/work';
import { untilDataChanges, untilDataChangesInTurns } from '../../db/indicators/cache';
import { nextTurn } from '../../db/indicators/turns';
import { buildReport } from '../../db/report/workbook';
import { quotas, setQuota } from '../../db/targets';
import { listMilestones, saveMilestone } from '../../db/milestones';

type P = typeof progressContract;
type ProgressHandlers = { [M in keyof P]: (ctx: AppContext, input: z.output<P[M]['input']>) => P[M]['output'] | Promise<P[M]['output']> };

/** An office always sees its own prefecture; HQ sees the region or the prefecture it picks. */
function scope(db: Database, input: { year?: number; prefectureCode?: string | null; asOf?: string }) {
  const me = requireInstallation(db);
  const year = input.year ?? currentChecklist(db)?.year;
  if (!year) throw new UserError('no_checklist', 'No checklist is installed.', '本机没有清单数据。');
  return { year, prefectureCode: me.role === 'office' ? me.prefectureCode : (input.prefectureCode ?? null), asOf: input.asOf ?? today() };
}

/** The dashboard's figures beside the indicators: work per month and open problems per unit. */
export function workFigures(db: Database, s: { year: number; prefectureCode: string | null }): Pick<ProgressView, 'monthly' | 'problemsByUnit'> {
  return {
    monthly: untilDataChanges(db, `monthly ${s.year} ${s.prefectureCode}`, () => monthlyWork(db, s)),
    problemsByUnit: untilDataChanges(db, `problems by unit ${s.prefectureCode} ${today()}`, () => problemsByUnit(db, s.prefectureCode)),
  };
}

export const progressHandlers: ProgressHandlers = {
  // Computed in turns: HQ's first dashboard takes seconds, and other requests (opening a list)
  // are answered between its indicators rather than after all of them.
  'progress.get': async (ctx, input): Promise<ProgressView> => {
    const db = ctx.requireDatabase();
    const s = scope(db, input);
    const progress = await evaluateInTurns(db, s);
    await nextTurn();
    return { ...progress, ...workFigures(db, s) };
  },
  'progress.matrix': (ctx, input) => {
    const db = ctx.requireDatabase();
    if (requireInstallation(db).role !== 'hq') throw new UserError('not_hq', 'The prefecture matrix is for headquarters.', '分地市矩阵仅供自治区总部使用。');
    const s = scope(db, input);
    return untilDataChangesInTurns(db, `matrix ${s.year} ${s.asOf}`, () => progressMatrixInTurns(db, s.year, s.asOf));
  },
  'progress.records': (ctx, input) => {
    const db = ctx.requireDatabase();
    return recordsOf(db, { ...scope(db, input), indicatorId: input.indicatorId });
  },
  'targets.list': (ctx, { year }) => quotas(ctx.requireDatabase(), year),
  'targets.set': (ctx, input) => setQuota(ctx.requireDatabase(), input),
  'milestones.list': (ctx, { year }) => listMilestones(ctx.requireDatabase(), year).map(({ indicatorId, done, doneOn, evidence }) => ({ indicatorId, done, doneOn, evidence })),
  'milestones.save': (ctx, input) => saveMilestone(ctx.requireDatabase(), input).map(({ indicatorId, done, doneOn, evidence }) => ({ indicatorId, done, doneOn, evidence })),
  'report.excel': async (ctx, input) => {
    const db = ctx.requireDatabase();
    const r = await buildReport(db, scope(db, input));
    return { name: r.name, base64: r.buffer.toString('base64') };
  },
};
