import type { Database } from 'better-sqlite3';
import type { SupervisionNote, SupervisionState } from '../../api/supervision-contract';
import type { ProblemStatus } from '../../api/entities';
import { today } from '../clock';
import { sql } from '../statements';

/**
 * What the supervision items held here say about each problem. Items are ordered by HQ's own
 * version clock (the same order at HQ and at every office, whatever order packages arrived in);
 * "answered" compares the change log's sequence on this installation: the office's note was
 * written (office) or arrived (HQ) after HQ's latest note was received (office) or written (HQ),
 * and at HQ also written after it (see `answers`).
 */
interface HeldItem {
  id: string;
  kind: 'supervise' | 'lift';
  problem_id: string;
  note: string;
  deadline: string | null;
  author: string;
  created_at: string;
  received_seq: number;
  received_at: string;
}

/** The first change-log line of a row on this installation: when it was written or received here. */
export const firstSeen = (table: string, alias: string) => `(SELECT min(seq) FROM change_log WHERE table_name = '${table}' AND row_id = ${alias}.id)`;

function heldItems(db: Database, problemIds: string[] | null): Map<string, HeldItem[]> {
  const filter = problemIds ? 'AND s.problem_id IN (SELECT value FROM json_each(?))' : '';
  const rows = sql(
    db,
    `SELECT s.id, s.kind, s.problem_id, s.note, s.deadline, s.author, s.created_at, c.seq AS received_seq, c.at AS received_at
     FROM supervision_items s JOIN change_log c ON c.seq = ${firstSeen('supervision_items', 's')}
     WHERE s.deleted = 0 AND s.kind IN ('supervise', 'lift') ${filter}
     ORDER BY s.version, s.created_at, s.id`,
  ).all(...(problemIds ? [JSON.stringify(problemIds)] : [])) as HeldItem[];
  const byProblem = new Map<string, HeldItem[]>();
  for (const r of rows) byProblem.set(r.problem_id, [...(byProblem.get(r.problem_id) ?? []), r]);
  return byProblem;
}

/**
 * An office's progress note (a status change writes one too), with the change-log sequence at
 * which it was written or arrived here; `arrived`: it came in a package (at HQ), so `seq` is its
 * arrival, not its writing, and `createdAt` (the office's clock) tells when it was written.
 */
interface HeldNote {
  id: string;
  seq: number;
  arrived: boolean;
  createdAt: string;
}

/** Each problem's notes by its office. */
function heldNotes(db: Database, problemIds: string[]): Map<string, HeldNote[]> {
  // The office's own notes only: a note HQ kept on the problem in its own ledger answers nothing.
  const rows = sql(
    db,
    `SELECT n.id, n.problem_id, n.created_at, c.seq, c.op FROM problem_notes n JOIN problems p ON p.id = n.problem_id AND p.origin = n.origin
     LEFT JOIN change_log c ON c.seq = ${firstSeen('problem_notes', 'n')}
     WHERE n.deleted = 0 AND n.problem_id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(problemIds)) as { id: string; problem_id: string; created_at: string; seq: number | null; op: string | null }[];
  const out = new Map<string, HeldNote[]>();
  for (const r of rows) out.set(r.problem_id, [...(out.get(r.problem_id) ?? []), { id: r.id, seq: r.seq ?? 0, arrived: r.op === 'import', createdAt: r.created_at }]);
  return out;
}

/**
 * The note answers the item: it was written (office) or arrived (HQ) after the item was received
 * or written here. At HQ arrival is not enough: a note the office wrote before HQ's 督办 and
 * kept in its outbox arrives after it all the same, so the note must also have been written
 * after HQ wrote the item, the office's clock (the note's created_at) against HQ's (the item's).
 * A clock set wrong at either end can still mislead by its error; there is nothing else both
 * ends share. At the office the order of its own change log is exact and stays the only test.
 */
const answers = (n: HeldNote, item: HeldItem) => n.seq > item.received_seq && (!n.arrived || Date.parse(n.createdAt) > Date.parse(item.created_at));

const UNRESOLVED: readonly string[] = ['open', 'in_progress'];

function stateOf(items: HeldItem[], notes: HeldNote[], status: ProblemStatus, on: string): SupervisionState {
  let active = false;
  let hqDeadline: string | null = null;
  for (const i of items) {
    if (i.kind === 'lift') [active, hqDeadline] = [false, null];
    else {
      if (!active) hqDeadline = null;
      active = true;
      if (i.deadline) hqDeadline = i.deadline;
    }
  }
  const withNote = items.filter((i) => i.note.trim() !== '');
  const last = withNote.at(-1) ?? items.at(-1)!;
  const latest = items.reduce((a, b) => (b.received_seq > a.received_seq ? b : a));
  return {
    active,
    hqDeadline,
    overdue: active && hqDeadline !== null && hqDeadline < on && UNRESOLVED.includes(status),
    lastNote: last.note,
    lastNoteAt: last.received_at,
    answered: notes.some((n) => answers(n, latest)),
  };
}

/** The 督办 state of each of these problems that HQ ever supervised. */
export function supervisionStates(db: Database, problems: { id: string; status: ProblemStatus }[]): Map<string, SupervisionState> {
  const out = new Map<string, SupervisionState>();
  if (problems.length === 0) return out;
  const ids = problems.map((p) => p.id);
  const items = heldItems(db, ids);
  if (items.size === 0) return out;
  const notes = heldNotes(db, [...items.keys()]);
  const on = today();
  for (const p of problems) {
    const its = items.get(p.id);
    if (its) out.set(p.id, stateOf(its, notes.get(p.id) ?? [], p.status, on));
  }
  return out;
}

/** HQ's notes on one problem for its timeline, each with the office notes that answered it. */
export function supervisionNotes(db: Database, problemId: string): SupervisionNote[] {
  const items = [...(heldItems(db, [problemId]).get(problemId) ?? [])].sort((a, b) => a.received_seq - b.received_seq);
  const notes = heldNotes(db, [problemId]).get(problemId) ?? [];
  return items.map((i, k) => {
    const next = items[k + 1]?.received_seq ?? Infinity;
    return {
      id: i.id,
      kind: i.kind,
      note: i.note,
      deadline: i.deadline,
      author: i.author,
      createdAt: i.created_at,
      receivedAt: i.received_at,
      answeredBy: notes.filter((n) => answers(n, i) && n.seq < next).map((n) => n.id),
    };
  });
}

/** Problems (not deleted) whose state matches a list filter. */
export function problemIdsWhere(db: Database, filter: 'active' | 'overdue' | 'answered' | 'waiting'): string[] {
  const problems = sql(db, "SELECT p.id, p.status FROM problems p WHERE p.deleted = 0 AND p.id IN (SELECT problem_id FROM supervision_items WHERE deleted = 0 AND kind <> 'remind')").all() as { id: string; status: ProblemStatus }[];
  const states = supervisionStates(db, problems);
  return [...states].filter(([, s]) => s.active && (filter === 'active' || (filter === 'overdue' ? s.overdue : filter === 'answered' ? s.answered : !s.answered))).map(([id]) => id);
}
