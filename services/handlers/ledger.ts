import type { Database } from 'better-sqlite3';
import { ledgerContract, type UsccCheck } from '../../api/ledger-contract';
import type { z } from 'zod';
import type { AppContext } from '../context';
import { deleteEnterprise, findByUscc, getEnterprise, listEnterprises, restoreEnterprise, saveEnterprise, serviceOfficers } from '../../db/enterprises';
import { getActivity, listActivities, saveActivity, setActivityDeleted } from '../../db/activities';
import { getVisit, listVisits, saveVisit, setVisitDeleted } from '../../db/visits';
import { addProblemNote, getProblem, listProblems, responsibleUnits, saveProblem, setProblemDeleted, setProblemStatus } from '../../db/problems';
import { listFigures, saveFigure, setFigureDeleted } from '../../db/figures';
import { recordHistory, restoreRecord } from '../../db/history';
import { describeUsccProblem, validateUscc } from '../../db/validation/uscc';
import { exportFile, rejectedFile, runImport, template, type ImportOptions } from '../../db/excel/transfer';
import { requireInstallation } from '../../db/installation';

type L = typeof ledgerContract;
type LedgerHandlers = {
  [M in keyof L]: (ctx: AppContext, input: z.output<L[M]['input']>) => L[M]['output'] | Promise<L[M]['output']>;
};

/** Every data handler needs a set-up installation. */
function db(ctx: AppContext): Database {
  const d = ctx.requireDatabase();
  requireInstallation(d);
  return d;
}

const file = (input: { base64: string }) => Buffer.from(input.base64, 'base64');
/** The preview's choices (sheet, column mapping, answers, skipping bad optional values). */
const choices = (input: ImportOptions): ImportOptions => ({ sheet: input.sheet, mapping: input.mapping, answers: input.answers, skipBadOptional: input.skipBadOptional });

export const ledgerHandlers: LedgerHandlers = {
  'enterprises.list': (ctx, q) => listEnterprises(db(ctx), q),
  'enterprises.get': (ctx, { id }) => getEnterprise(db(ctx), id),
  'enterprises.save': (ctx, input) => saveEnterprise(db(ctx), input),
  'enterprises.delete': (ctx, { id }) => deleteEnterprise(db(ctx), id),
  'enterprises.restore': (ctx, { id }) => restoreEnterprise(db(ctx), id),
  'enterprises.checkUscc': (ctx, { uscc, id }): UsccCheck => {
    const r = validateUscc(uscc);
    if (!r.ok) {
      const m = describeUsccProblem(r.problem);
      return { ok: false, message: m.en, messageZh: m.zh };
    }
    const existing = findByUscc(db(ctx), r.code);
    return { ok: true, code: r.code, inTibet: r.inTibet, existing: existing && existing.id !== id ? { id: existing.id, name: existing.name } : null };
  },
  'enterprises.officers': (ctx) => serviceOfficers(db(ctx)),

  'activities.list': (ctx, q) => listActivities(db(ctx), q),
  'activities.get': (ctx, { id }) => getActivity(db(ctx), id),
  'activities.save': (ctx, input) => saveActivity(db(ctx), input),
  'activities.delete': (ctx, { id }) => setActivityDeleted(db(ctx), id, true),

  'visits.list': (ctx, q) => listVisits(db(ctx), q),
  'visits.get': (ctx, { id }) => getVisit(db(ctx), id),
  'visits.save': (ctx, input) => saveVisit(db(ctx), input),
  'visits.delete': (ctx, { id }) => setVisitDeleted(db(ctx), id, true),

  'problems.list': (ctx, q) => listProblems(db(ctx), q),
  'problems.get': (ctx, { id }) => getProblem(db(ctx), id),
  'problems.save': (ctx, input) => saveProblem(db(ctx), input),
  'problems.setStatus': (ctx, input) => setProblemStatus(db(ctx), input),
  'problems.addNote': (ctx, input) => addProblemNote(db(ctx), input),
  'problems.delete': (ctx, { id }) => setProblemDeleted(db(ctx), id, true),
  'problems.units': (ctx) => responsibleUnits(db(ctx)),

  'figures.list': (ctx, { year, deleted }) => listFigures(db(ctx), year, deleted),
  'figures.save': (ctx, input) => saveFigure(db(ctx), input),
  'figures.delete': (ctx, { id }) => setFigureDeleted(db(ctx), id, true),

  'records.history': (ctx, { table, id }) => recordHistory(db(ctx), table, id),
  'records.restore': (ctx, { table, id }) => {
    restoreRecord(db(ctx), table, id);
    return { ok: true as const };
  },

  'excel.template': (ctx, { kind }) => template(db(ctx), kind),
  'excel.export': (ctx, { kind, filters }) => exportFile(db(ctx), kind, filters),
  'excel.preview': (ctx, input) => runImport(db(ctx), input.kind, file(input), input.name, false, choices(input)),
  'excel.import': async (ctx, input) => {
    await ctx.backup('before-excel-import');
    return runImport(db(ctx), input.kind, file(input), input.name, true, choices(input));
  },
  'excel.rejected': (ctx, input) => rejectedFile(db(ctx), input.kind, file(input), input.name, choices(input)),
};
