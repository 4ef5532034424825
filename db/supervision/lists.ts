import type { Database } from 'better-sqlite3';
import type { ProblemStatus } from '../../api/entities';
import type { SupervisionItem, SupervisionSummary, SupervisionSummaryRow } from '../../api/supervision-contract';
import { today } from '../clock';
import { requireInstallation } from '../installation';
import { regions } from '../reference/bundled';
import { sql } from '../statements';
import { firstSeen, supervisionStates } from './state';

/** Supervision items as listed, and the per-prefecture counts of HQ's lists and matrix. */
export interface ItemQuery {
  prefectureCode?: string;
  problemId?: string;
  kind?: 'supervise' | 'lift' | 'remind';
  open?: boolean;
  id?: string;
}

export function listItems(db: Database, q: ItemQuery): SupervisionItem[] {
  const where: string[] = ['s.deleted = 0'];
  const params: unknown[] = [];
  const add = (clause: string, v?: unknown) => {
    where.push(clause);
    if (v !== undefined) params.push(v);
  };
  if (q.id) add('s.id = ?', q.id);
  if (q.prefectureCode) add('s.prefecture_code = ?', q.prefectureCode);
  if (q.problemId) add('s.problem_id = ?', q.problemId);
  if (q.kind) add('s.kind = ?', q.kind);
  if (q.open) add("NOT (s.kind = 'remind' AND s.done_at IS NOT NULL)");
  const me = requireInstallation(db);
  const rows = sql(
    db,
    `SELECT s.*, c.at AS received_at, t.office_name AS trusted_name, substr(p.description, 1, 100) AS problem_text, e.name AS enterprise_name
     FROM supervision_items s
     JOIN change_log c ON c.seq = ${firstSeen('supervision_items', 's')}
     LEFT JOIN trusted_installations t ON t.installation_id = s.office_id
     LEFT JOIN problems p ON p.id = s.problem_id
     LEFT JOIN enterprises e ON e.id = p.enterprise_id
     WHERE ${where.join(' AND ')}
     ORDER BY s.version DESC, s.created_at DESC, s.id
     LIMIT 2000`,
  ).all(...params) as Record<string, unknown>[];
  const on = today();
  return rows.map((r) => ({
    id: r.id as string,
    kind: r.kind as SupervisionItem['kind'],
    prefectureCode: r.prefecture_code as string,
    officeId: r.office_id as string,
    officeName: (r.trusted_name as string | null) ?? (r.office_id === me.id ? me.officeName : null),
    problemId: r.problem_id as string | null,
    problemText: r.problem_text as string | null,
    enterpriseName: r.enterprise_name as string | null,
    note: r.note as string,
    deadline: r.deadline as string | null,
    about: r.about as SupervisionItem['about'],
    doneAt: r.done_at as string | null,
    overdue: r.kind === 'remind' && r.done_at === null && (r.deadline as string) < on,
    author: r.author as string,
    createdAt: r.created_at as string,
    receivedAt: r.received_at as string,
  }));
}

/** Per prefecture: HQ gets all seven, an office its own. */
export function summary(db: Database): SupervisionSummary {
  const me = requireInstallation(db);
  const codes = me.role === 'hq' ? regions().prefectures.map((p) => p.code) : [me.prefectureCode!];
  const enrolled = new Set((sql(db, "SELECT prefecture_code FROM trusted_installations WHERE role = 'office' AND revoked_at IS NULL").all() as { prefecture_code: string }[]).map((r) => r.prefecture_code));
  const rows = new Map<string, SupervisionSummaryRow>(
    codes.map((c) => [c, { prefectureCode: c, enrolled: me.role === 'office' || enrolled.has(c), supervised: 0, overdue: 0, answered: 0, waiting: 0, openReminders: 0, overdueReminders: 0 }]),
  );
  const problems = sql(db, "SELECT id, status, prefecture_code FROM problems WHERE deleted = 0 AND id IN (SELECT problem_id FROM supervision_items WHERE deleted = 0 AND kind <> 'remind')").all() as { id: string; status: ProblemStatus; prefecture_code: string }[];
  const states = supervisionStates(db, problems);
  for (const p of problems) {
    const s = states.get(p.id);
    const row = rows.get(p.prefecture_code);
    if (!s?.active || !row) continue;
    row.supervised++;
    if (s.overdue) row.overdue++;
    if (s.answered) row.answered++;
    else row.waiting++;
  }
  const on = today();
  for (const r of sql(db, "SELECT prefecture_code, deadline FROM supervision_items WHERE deleted = 0 AND kind = 'remind' AND done_at IS NULL").all() as { prefecture_code: string; deadline: string }[]) {
    const row = rows.get(r.prefecture_code);
    if (!row) continue;
    row.openReminders++;
    if (r.deadline < on) row.overdueReminders++;
  }
  const list = [...rows.values()];
  const total = { supervised: 0, overdue: 0, answered: 0, waiting: 0, openReminders: 0, overdueReminders: 0 };
  for (const r of list) for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += r[k];
  return { rows: list, total };
}
