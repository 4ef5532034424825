import type { Database } from 'better-sqlite3';
import type { SupervisionItem, ReminderSubject } from '../../api/supervision-contract';
import { FieldErrors, UserError } from '../errors';
import { nowIso } from '../clock';
import { requireInstallation, type Installation } from '../installation';
import { insertRecord, requireRecord, updateRecord } from '../records';
import { findPrefecture } from '../reference/bundled';
import { sql } from '../statements';
import { checkSupervisionFields, supervisionSpec, type SupervisionFields } from './spec';
import { supervisionStates } from './state';
import { listItems } from './lists';

/** Only HQ writes supervision items; an office holds those addressed to it and never changes them. */
function requireHq(db: Database): Installation {
  const me = requireInstallation(db);
  if (me.role !== 'hq') throw new UserError('not_hq', 'Only headquarters supervises problems and sends reminders.', '只有自治区总部可以督办或催报。');
  return me;
}

const prefectureName = (code: string) => findPrefecture(code)?.name ?? code;

/** The office a supervision item goes to must be enrolled here with a key that is not revoked: only then can it be sealed to it. */
function requireReachable(db: Database, office: { installationId: string } | { prefectureCode: string }): { installationId: string; prefectureCode: string } {
  const byId = 'installationId' in office;
  const rows = sql(db, `SELECT installation_id, prefecture_code, revoked_at FROM trusted_installations WHERE role = 'office' AND ${byId ? 'installation_id' : 'prefecture_code'} = ? ORDER BY revoked_at IS NULL, enrolled_at`).all(
    byId ? office.installationId : office.prefectureCode,
  ) as { installation_id: string; prefecture_code: string; revoked_at: string | null }[];
  const t = rows.at(-1);
  const code = t?.prefecture_code ?? ('prefectureCode' in office ? office.prefectureCode : '');
  const name = prefectureName(code);
  if (!t) {
    throw new UserError(
      'office_not_enrolled',
      `No office key of ${findPrefecture(code)?.nameEn ?? (code || 'this office')} is enrolled here, so nothing can reach it; enrol its key card on 同步 first.`,
      `${name || '该地市'}尚无已登记的地市密钥，督办内容无法送达；请先在“同步”中登记该地市的密钥卡。`,
    );
  }
  if (t.revoked_at) throw new UserError('office_revoked', `The key of ${findPrefecture(code)?.nameEn ?? code} was revoked; nothing can be sealed to it.`, `${name}的密钥已被吊销，督办内容无法送达。`);
  return { installationId: t.installation_id, prefectureCode: t.prefecture_code };
}

function problemFor(db: Database, id: string): { origin: string; prefecture_code: string; status: string; deleted: number } {
  const p = sql(db, 'SELECT origin, prefecture_code, status, deleted FROM problems WHERE id = ?').get(id) as { origin: string; prefecture_code: string; status: string; deleted: number } | undefined;
  if (!p) throw new UserError('not_found', `No problem with id ${id}.`, `找不到该问题（${id}）。`);
  if (p.deleted) throw new UserError('deleted', 'This problem was deleted by its office.', '该问题已被地市删除。');
  return p;
}

function write(db: Database, fields: SupervisionFields): SupervisionItem {
  const errors = new FieldErrors();
  checkSupervisionFields(db, fields, errors, { fresh: true });
  errors.throwIfAny(supervisionSpec.label);
  const stored = insertRecord(db, supervisionSpec, { ...fields, note: fields.note.trim() });
  return listItems(db, { id: stored.id })[0]!;
}

/** Marks a problem 督办, or adds HQ's further note to one already under 督办. */
export function addSupervision(db: Database, input: { problemId: string; note: string; deadline: string | null }): SupervisionItem {
  const me = requireHq(db);
  return db.transaction(() => {
    const p = problemFor(db, input.problemId);
    const office = requireReachable(db, { installationId: p.origin });
    return write(db, { kind: 'supervise', prefectureCode: office.prefectureCode, officeId: office.installationId, problemId: input.problemId, note: input.note, deadline: input.deadline, about: null, doneAt: null, author: me.operatorName });
  })();
}

export function liftSupervision(db: Database, input: { problemId: string; note: string | null }): SupervisionItem {
  const me = requireHq(db);
  return db.transaction(() => {
    const p = problemFor(db, input.problemId);
    const state = supervisionStates(db, [{ id: input.problemId, status: p.status as never }]).get(input.problemId);
    if (!state?.active) throw new UserError('not_supervised', 'This problem is not under supervision.', '该问题未在督办中。');
    const office = requireReachable(db, { installationId: p.origin });
    return write(db, { kind: 'lift', prefectureCode: office.prefectureCode, officeId: office.installationId, problemId: input.problemId, note: input.note ?? '', deadline: null, about: null, doneAt: null, author: me.operatorName });
  })();
}

export function remindOffice(db: Database, input: { prefectureCode: string; note: string; by: string; about: ReminderSubject }): SupervisionItem {
  const me = requireHq(db);
  if (!findPrefecture(input.prefectureCode)) throw new UserError('unknown_prefecture', `${input.prefectureCode} is not one of the seven prefecture-level divisions.`, `${input.prefectureCode} 不是西藏的七个地（市）之一。`);
  return db.transaction(() => {
    const office = requireReachable(db, { prefectureCode: input.prefectureCode });
    return write(db, { kind: 'remind', prefectureCode: office.prefectureCode, officeId: office.installationId, problemId: null, note: input.note, deadline: input.by, about: input.about, doneAt: null, author: me.operatorName });
  })();
}

/** HQ closes a reminder by hand (a report reminder; a package reminder closes itself when a package arrives). */
export function closeReminder(db: Database, id: string): SupervisionItem {
  requireHq(db);
  return db.transaction(() => {
    const item = requireRecord(db, supervisionSpec, id);
    if (item.kind !== 'remind') throw new UserError('not_reminder', 'This item is not a reminder.', '该记录不是催报。');
    if (item.doneAt) throw new UserError('already_done', 'This reminder is already done.', '该催报已完成。');
    updateRecord(db, supervisionSpec, id, { doneAt: nowIso() });
    return listItems(db, { id })[0]!;
  })();
}

/**
 * A package from this office arrived at HQ: its open package reminders are done. Runs in the
 * import's transaction, so a refused package closes nothing; the change reaches the office with
 * HQ's next reference package.
 */
export function closePackageReminders(db: Database, officeId: string): number {
  const me = requireInstallation(db);
  if (me.role !== 'hq') return 0;
  const open = sql(db, "SELECT id FROM supervision_items WHERE origin = ? AND office_id = ? AND kind = 'remind' AND about = 'package' AND done_at IS NULL AND deleted = 0").all(me.id, officeId) as { id: string }[];
  const at = nowIso();
  for (const { id } of open) updateRecord(db, supervisionSpec, id, { doneAt: at });
  return open.length;
}
