import type { Database } from 'better-sqlite3';
import { UserError, isUserError } from '../errors';
import { syncedTables, type SyncedTable } from '../migrations';
import { recordChange } from '../changelog';
import { sql } from '../statements';
import type { PackageHeader, PackageLine } from './format';
import { applyOrder, columnsOf, references, rowProblem, type Row } from './rows';
import { rowRefusal } from './validate-row';
import type { ImportOutcome, TableCounts } from '../../api/sync-contract';

export const emptyCounts = (): TableCounts => ({ created: 0, updated: 0, unchanged: 0, deleted: 0, conflicts: 0, rejected: 0 });

/** Tables an office keeps; the others (quotas, supervision) come from headquarters only. */
export const HQ_TABLES: ReadonlySet<SyncedTable> = new Set(['targets', 'supervision_items']);
const OFFICE_TABLES: ReadonlySet<SyncedTable> = new Set(syncedTables.filter((t) => !HQ_TABLES.has(t)));

/** Refuses the whole package, naming the table, the record and the reason. */
export function reject(table: string, why: string, whyZh = why, id?: unknown, code = 'bad_record'): never {
  const record = typeof id === 'string' ? id.slice(0, 40) : null;
  throw new UserError(
    code,
    `A record of ${table}${record ? ` (${record})` : ''} is invalid: ${why}; the package was not imported.`,
    `同步包中“${table}”的记录${record ? `（${record}）` : ''}无效：${whyZh}；未导入任何数据。`,
  );
}

/** Prepared statements and tallies for one table of an import. */
function tableApplier(db: Database, t: SyncedTable) {
  const cols = columnsOf(db, t).map((c) => c.name);
  return {
    cols,
    counts: emptyCounts(),
    seen: 0,
    hasPrefecture: cols.includes('prefecture_code'),
    refs: references.filter((r) => r.table === t),
    find: sql(db, `SELECT origin, version, deleted FROM ${t} WHERE id = ?`),
    insert: sql(db, `INSERT INTO ${t} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`),
    update: sql(db, `UPDATE ${t} SET ${cols.filter((c) => c !== 'id').map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`),
  };
}
type Applier = ReturnType<typeof tableApplier>;

/**
 * Each record, as it arrives: a table offices keep, known columns of the right types, owned by
 * the signer, within the package's range and the signer's prefecture, valid as a form save
 * would find it, pointing at records that exist (tables arrive referenced-first, so a record
 * the package itself brings is already written), then written if newer than ours.
 */
export function applyChanges(db: Database, h: PackageHeader, lines: Iterable<PackageLine>, out: ImportOutcome) {
  for (const [t, n] of Object.entries(h.counts)) {
    if (!(syncedTables as readonly string[]).includes(t)) reject(t, 'unknown table', '未知的数据表');
    if (n > 0 && !OFFICE_TABLES.has(t as SyncedTable)) reject(t, 'offices do not send this table: it comes from headquarters only', '地市不得报送该表，该表只能由自治区总部发布', undefined, 'not_authorised');
  }
  const tables = new Map<SyncedTable, Applier>();
  let position = 0;
  for (const [section, value] of lines) {
    const index = applyOrder.indexOf(section as SyncedTable);
    if (index < 0) reject(section.slice(0, 40), 'unknown table', '未知的数据表');
    if (index < position) reject(section, 'tables out of order', '数据表顺序错误');
    position = index;
    const t = section as SyncedTable;
    if (!OFFICE_TABLES.has(t)) reject(t, 'offices do not send this table: it comes from headquarters only', '地市不得报送该表，该表只能由自治区总部发布', (value as Row | null)?.id, 'not_authorised');
    let a = tables.get(t);
    if (!a) tables.set(t, (a = tableApplier(db, t)));
    if (++a.seen > (h.counts[t] ?? 0)) reject(t, 'count differs from the header', '记录数与包头不符');
    const problem = rowProblem(db, t, value);
    if (problem) {
      out.counts[t] = { ...emptyCounts(), rejected: 1 };
      reject(t, problem.en, problem.zh, (value as Row | null)?.id);
    }
    applyRow(db, h, t, a, value as Row, out);
  }
  for (const t of applyOrder) if ((tables.get(t)?.seen ?? 0) !== (h.counts[t] ?? 0)) reject(t, 'count differs from the header', '记录数与包头不符');
  for (const t of applyOrder) out.counts[t] = tables.get(t)?.counts ?? emptyCounts();
}

function applyRow(db: Database, h: PackageHeader, t: SyncedTable, a: Applier, r: Row, out: ImportOutcome) {
  const origin = h.origin.installationId;
  const id = r.id;
  if (r.origin !== origin) reject(t, 'belongs to another installation', '属于其他安装', id);
  if ((r.version as number) <= h.range.fromVersion || (r.version as number) > h.range.toVersion) reject(t, 'version outside the package range', '版本超出同步包范围', id);
  if (a.hasPrefecture && r.prefecture_code !== h.origin.prefectureCode) reject(t, 'another prefecture', '属于其他地（市）', id);
  for (const ref of a.refs) {
    const target = r[ref.column] as string | null;
    if (target === null || target === undefined) continue;
    const found = sql(db, `SELECT origin FROM ${ref.target} WHERE id = ?`).get(target) as { origin: string } | undefined;
    if (!found || found.origin !== origin) reject(t, `refers to a ${ref.target} record that is neither in the package nor here`, `引用的“${ref.target}”记录既不在同步包中也不在本机`, id);
  }
  const refusal = rowRefusal(db, t, r, h.origin.prefectureCode ?? '');
  if (refusal) reject(t, refusal.en, refusal.zh, id);
  const existing = a.find.get(id) as { origin: string; version: number; deleted: number } | undefined;
  if (existing && existing.origin !== origin) reject(t, 'its id is taken by another installation’s record', '其编号已被其他安装的记录占用', id);
  if (existing && (r.version as number) <= existing.version) {
    // The same or an older state: packages arriving late or twice change nothing.
    a.counts.unchanged++;
    return;
  }
  const row: Row = {};
  for (const c of a.cols) row[c] = r[c] ?? null;
  try {
    if (!existing) a.insert.run(row);
    else a.update.run(row);
  } catch (e) {
    // A rule the checks above missed, caught by the schema: refused like any bad record.
    if (isUserError(e)) throw e;
    reject(t, (e as Error).message.slice(0, 200), (e as Error).message.slice(0, 200), id);
  }
  if (!existing) {
    if (r.deleted === 1) a.counts.deleted++;
    else a.counts.created++;
  } else if (r.deleted === 1 && existing.deleted === 0) a.counts.deleted++;
  else a.counts.updated++;
  recordChange(db, { table: t, rowId: id as string, op: 'import', version: r.version as number, operator: h.origin.officeName });
  if (t === 'enterprises' && r.uscc && r.deleted !== 1) {
    const other = sql(db, 'SELECT name FROM enterprises WHERE uscc = ? AND origin <> ? AND deleted = 0 LIMIT 1').get(r.uscc, origin) as { name: string } | undefined;
    if (other) {
      a.counts.conflicts++;
      out.conflicts.push({ uscc: r.uscc as string, here: other.name, there: r.name as string });
    }
  }
}
