import { z } from 'zod';
import { method } from './method';
import { zhEn } from './bilingual';

/**
 * HQ's supervision (督办) of offices' problems and its reminders (催报) to offices. HQ writes the
 * items; each office receives only its own, encrypted to it in HQ's reference package; the office
 * answers with its ordinary progress notes and status changes (problems.addNote / setStatus).
 * The meaning of every field is in /work/notes/16-api.md and docs/sync-format.md.
 */

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, zhEn('不是有效的记录编号', 'not a record id'));
const text = (max: number) => z.string().trim().min(1, zhEn('不能为空', 'required')).max(max, zhEn(`不能超过 ${max} 字`, `at most ${max} characters`));
const prefecture = z.string().regex(/^54\d{4}$/, zhEn('地（市）代码应为 54 开头的六位数字，如 540100（拉萨市）', 'a prefecture code: six digits starting 54, e.g. 540100 (Lhasa)'));
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, zhEn('日期应为 YYYY-MM-DD', 'date must be YYYY-MM-DD'));

/** supervise: marks 督办 (or adds a further note to a problem already under 督办); lift: ends it; remind: 催报 to an office. */
export const supervisionKinds = ['supervise', 'lift', 'remind'] as const;
export type SupervisionKind = (typeof supervisionKinds)[number];
/** What a reminder asks for: the office's package (done when one arrives at HQ) or a figure/report (done when HQ closes it). */
export const reminderSubjects = ['package', 'report'] as const;
export type ReminderSubject = (typeof reminderSubjects)[number];

/** One item HQ wrote, as held by this installation (HQ: all; an office: those addressed to it). */
export interface SupervisionItem {
  id: string;
  kind: SupervisionKind;
  prefectureCode: string;
  /** The office installation it is addressed (and encrypted) to. */
  officeId: string;
  officeName: string | null;
  /** supervise / lift: the problem; remind: null. */
  problemId: string | null;
  /** The problem's description (first 100 characters) and enterprise, for lists; null for reminders. */
  problemText: string | null;
  enterpriseName: string | null;
  note: string;
  /** supervise: HQ's deadline (办结期限); remind: the date asked for (by); lift: null. YYYY-MM-DD. */
  deadline: string | null;
  /** remind only. */
  about: ReminderSubject | null;
  /** remind only: when it was done (a package arrived at HQ, or HQ closed it), YYYY-MM-DD HH:mm ISO time; null while open. */
  doneAt: string | null;
  /** remind: open and `deadline` before today. */
  overdue: boolean;
  /** HQ's operator who wrote it. */
  author: string;
  /** When HQ wrote it (ISO time, HQ's clock). */
  createdAt: string;
  /** When this installation received it (office) or wrote it (HQ), ISO time. */
  receivedAt: string;
}

/** A problem's 督办 state, computed from the items this installation holds; null when HQ never supervised it. */
export interface SupervisionState {
  /** Under 督办 now (marked and not lifted since). */
  active: boolean;
  /** HQ's deadline, YYYY-MM-DD (latest one given since the last mark), or null. */
  hqDeadline: string | null;
  /** Active, the problem still unresolved (open / in_progress) and hqDeadline before today. */
  overdue: boolean;
  /** HQ's latest note on the problem, and when this installation received it. */
  lastNote: string;
  lastNoteAt: string;
  /**
   * The office wrote a progress note or status change after HQ's latest note reached it; at HQ:
   * such a note arrived after HQ wrote its latest note. Shown as 已回复 / answered.
   */
  answered: boolean;
}

/** HQ's notes in a problem's timeline (problems.get → supervisionNotes), each with the office's answers that followed it. */
export interface SupervisionNote {
  id: string;
  kind: 'supervise' | 'lift';
  note: string;
  deadline: string | null;
  author: string;
  createdAt: string;
  receivedAt: string;
  /** Ids of the problem's notes (Problem.notes) the office wrote after this note reached it (at HQ: that arrived after HQ wrote it) and before HQ's next note. */
  answeredBy: string[];
}

/** Per prefecture, for HQ's problem list header and the matrix; an office gets its own row only. */
export interface SupervisionSummaryRow {
  prefectureCode: string;
  /** An office of this prefecture is enrolled and not revoked (HQ only; true at an office). */
  enrolled: boolean;
  supervised: number;
  overdue: number;
  answered: number;
  /** Under 督办 and not answered since HQ's last note. */
  waiting: number;
  openReminders: number;
  overdueReminders: number;
}

export interface SupervisionSummary {
  rows: SupervisionSummaryRow[];
  total: Omit<SupervisionSummaryRow, 'prefectureCode' | 'enrolled'>;
}

export const supervisionAddInput = z.object({ problemId: uuid, note: text(2000), deadline: date.nullable().optional().transform((v) => v ?? null) }).strict();
export const supervisionLiftInput = z.object({ problemId: uuid, note: z.string().trim().max(2000, zhEn('不能超过 2000 字', 'at most 2000 characters')).optional().transform((v) => (v ? v : null)) }).strict();
export const supervisionRemindInput = z
  .object({ prefectureCode: prefecture, note: text(2000), by: date, about: z.enum(reminderSubjects).default('package') })
  .strict();
export const supervisionListInput = z
  .object({
    prefectureCode: prefecture.optional(),
    problemId: uuid.optional(),
    kind: z.enum(supervisionKinds).optional(),
    /** Reminders not done yet only (other kinds are unaffected). */
    open: z.boolean().optional(),
  })
  .strict();

export const supervisionContract = {
  /** HQ: marks a problem 督办 with a note and HQ's deadline, or adds a further note (deadline optional: keeps the last one). */
  'supervision.add': method<typeof supervisionAddInput, SupervisionItem>(supervisionAddInput),
  /** HQ: lifts the 督办 (with an optional note). */
  'supervision.lift': method<typeof supervisionLiftInput, SupervisionItem>(supervisionLiftInput),
  /** HQ: reminds an office (催报) to send its package or report something by a date. */
  'supervision.remind': method<typeof supervisionRemindInput, SupervisionItem>(supervisionRemindInput),
  /** HQ: closes a reminder about a report by hand (package reminders close when a package arrives). */
  'supervision.closeReminder': method<z.ZodObject<{ id: typeof uuid }>, SupervisionItem>(z.object({ id: uuid }).strict()),
  /** Items this installation holds, newest first (HQ: all; office: its own). */
  'supervision.list': method<typeof supervisionListInput, SupervisionItem[]>(supervisionListInput),
  /** Per prefecture counts (HQ: seven rows; office: its own). */
  'supervision.summary': method<z.ZodObject<Record<string, never>>, SupervisionSummary>(z.object({}).strict()),
} as const;
