import { sql } from './statements';
import type { Database } from 'better-sqlite3';
import { checklistSchema, type Checklist } from './reference/schema';
import { BUNDLED_REVISIONS, bundledChecklists } from './reference/bundled';
import { nowIso } from './clock';
import { UserError } from './errors';
import type { ChecklistImportView, ChecklistSummaryView } from '../api/checklist-contract';

/**
 * Installs the bundled checklists that the database does not have yet, or has in a lower revision
 * (an older build's). A revision HQ installed or published (higher) is never replaced by the bundle.
 */
export function installBundledChecklists(db: Database): number {
  const upsert = sql(db, 
    `INSERT INTO checklists (year, revision, data, origin, installed_at) VALUES (?, ?, ?, 'bundled', ?)
     ON CONFLICT (year) DO UPDATE SET revision = excluded.revision, data = excluded.data, origin = excluded.origin, installed_at = excluded.installed_at
     WHERE excluded.revision > checklists.revision`,
  );
  let added = 0;
  for (const c of bundledChecklists()) added += upsert.run(c.year, BUNDLED_REVISIONS[c.year] ?? 1, JSON.stringify(c), nowIso()).changes;
  return added;
}

export function checklistYears(db: Database): number[] {
  return (sql(db, 'SELECT year FROM checklists ORDER BY year').all() as { year: number }[]).map((r) => r.year);
}

/** Parsed checklists per database, by year; a new revision of a year replaces its entry. */
const parsed = new WeakMap<Database, Map<number, { revision: number; checklist: Checklist }>>();

export function getChecklist(db: Database, year: number): Checklist | null {
  const meta = sql(db, 'SELECT revision FROM checklists WHERE year = ?').get(year) as { revision: number } | undefined;
  if (!meta) return null;
  let byYear = parsed.get(db);
  if (!byYear) parsed.set(db, (byYear = new Map()));
  const hit = byYear.get(year);
  if (hit && hit.revision === meta.revision) return hit.checklist;
  const row = sql(db, 'SELECT data FROM checklists WHERE year = ?').get(year) as { data: string };
  const checklist = checklistSchema.parse(JSON.parse(row.data));
  byYear.set(year, { revision: meta.revision, checklist });
  return checklist;
}

/** The checklist in force: the newest year installed. */
export function currentChecklist(db: Database): Checklist | null {
  const row = sql(db, 'SELECT max(year) AS year FROM checklists').get() as { year: number | null };
  return row.year === null ? null : getChecklist(db, row.year);
}

/** The checklist in force on a date: the newest one whose year is not after the date's year. */
export function checklistInForce(db: Database, date: string): Checklist | null {
  const y = Number(date.slice(0, 4));
  const row = sql(db, 'SELECT max(year) AS year FROM checklists WHERE year <= ?').get(y) as { year: number | null };
  return row.year === null ? null : getChecklist(db, row.year);
}

/** Every enterprise status any installed checklist counts (their union: statuses outlive a year). */
export function knownEnterpriseStatuses(db: Database): Map<string, { name: string; nameEn: string }> {
  const out = new Map<string, { name: string; nameEn: string }>();
  for (const year of checklistYears(db)) {
    for (const s of getChecklist(db, year)!.enterpriseStatuses) out.set(s.id, { name: s.name, nameEn: s.nameEn });
  }
  return out;
}

/** A checklist installed here, as the API shows it. */
export type ChecklistSummary = ChecklistSummaryView;

export function listChecklists(db: Database): ChecklistSummary[] {
  const rows = sql(db, 'SELECT year, revision, origin, installed_at AS installedAt FROM checklists ORDER BY year').all() as { year: number; revision: number; origin: string; installedAt: string }[];
  return rows.map((r) => {
    const c = getChecklist(db, r.year)!;
    return { ...r, title: c.title, titleEn: c.titleEn, items: c.items.length, indicators: c.indicators.length };
  });
}

export function revisionOf(db: Database, year: number): number | null {
  return (sql(db, 'SELECT revision FROM checklists WHERE year = ?').get(year) as { revision: number } | undefined)?.revision ?? null;
}

/** What installing a checklist changes, indicator by indicator, before anything is written (the API's shape). */
export type ChecklistPreview = NonNullable<ChecklistImportView['preview']>;

const FIELDS = ['name', 'unit', 'target', 'period', 'compute', 'region', 'prefecture', 'countsFrom', 'sourceText', 'item'] as const;

export function previewChecklist(db: Database, next: Checklist): ChecklistPreview {
  const current = getChecklist(db, next.year);
  const from = revisionOf(db, next.year);
  const before = new Map((current?.indicators ?? []).map((i) => [i.id, i]));
  const after = new Map(next.indicators.map((i) => [i.id, i]));
  const changed: ChecklistPreview['changed'] = [];
  for (const [id, ind] of after) {
    const old = before.get(id);
    if (!old) continue;
    const fields = FIELDS.filter((f) => JSON.stringify(old[f] ?? null) !== JSON.stringify(ind[f] ?? null));
    if (fields.length) changed.push({ id, fields });
  }
  const unchanged = current !== null && JSON.stringify(current) === JSON.stringify(next);
  return {
    year: next.year,
    from,
    to: unchanged ? from! : (from ?? 0) + 1,
    items: next.items.length,
    indicators: next.indicators.length,
    added: [...after.keys()].filter((id) => !before.has(id)),
    removed: [...before.keys()].filter((id) => !after.has(id)),
    changed,
    unchanged,
  };
}

/**
 * HQ installs a new year's checklist or a corrected revision of a year's: the revision goes up by
 * one, and the next reference package carries it to the offices. The same checklist again changes
 * nothing. Indicator ids are the link to quotas, milestones and reports, so a revision that drops
 * an id HQ has set quotas or milestones for is refused rather than leaving them pointing nowhere.
 */
export function installChecklist(db: Database, next: Checklist, opts: { dryRun: boolean; origin: string }): ChecklistPreview {
  return db.transaction(() => {
    const preview = previewChecklist(db, next);
    const orphans = preview.removed.filter((id) => sql(db, 'SELECT 1 FROM targets WHERE year = ? AND indicator_id = ? AND deleted = 0 UNION ALL SELECT 1 FROM milestones WHERE checklist_year = ? AND indicator_id = ? AND deleted = 0 LIMIT 1').get(next.year, id, next.year, id));
    if (orphans.length) {
      throw new UserError('checklist_ids', `The new revision drops indicators that have quotas or milestones recorded: ${orphans.join(', ')}. Keep their ids.`, `新修订版删除了已有分解目标或里程碑记录的指标：${orphans.join('、')}。请保留这些指标编号。`);
    }
    if (opts.dryRun || preview.unchanged) return preview;
    sql(db, `INSERT INTO checklists (year, revision, data, origin, installed_at) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (year) DO UPDATE SET revision = excluded.revision, data = excluded.data, origin = excluded.origin, installed_at = excluded.installed_at`).run(next.year, preview.to, JSON.stringify(next), opts.origin, nowIso());
    return preview;
  })();
}

/**
 * A checklist revision arriving in HQ's reference package. A higher revision replaces the one
 * installed; one this build cannot read because it uses a kind of computation, target or rule that
 * came with a newer build is not installed, and the office keeps its previous revision and is told
 * why. Anything else that fails the checks refuses the package (it was altered or is broken).
 */
export function installPublishedChecklist(db: Database, c: { year: number; revision: number; data: unknown }, origin: string): { installed: boolean; kept: { en: string; zh: string } | null } {
  const parsed = checklistSchema.safeParse(c.data);
  if (!parsed.success) {
    const unknownKind = parsed.error.issues.some((i) => i.code === 'invalid_union' || (i.code === 'invalid_value' && i.path.some((p) => p === 'kind' || p === 'region' || p === 'prefecture')));
    if (unknownKind) {
      return { installed: false, kept: { en: `The ${c.year} checklist (revision ${c.revision}) uses a kind of figure this version does not know; the previous revision is kept. Update the app to use it.`, zh: `${c.year}年清单（修订版 ${c.revision}）使用了本版本程序不认识的计算方式，已保留原修订版。请升级程序后再导入。` } };
    }
    throw new UserError('package_invalid', `The checklist for ${c.year} in the package is invalid.`, `参考包中${c.year}年的清单无效。`);
  }
  if (parsed.data.year !== c.year) throw new UserError('package_invalid', `The checklist for ${c.year} in the package is invalid.`, `参考包中${c.year}年的清单无效。`);
  const r = sql(db, `INSERT INTO checklists (year, revision, data, origin, installed_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (year) DO UPDATE SET revision = excluded.revision, data = excluded.data, origin = excluded.origin, installed_at = excluded.installed_at
           WHERE excluded.revision > checklists.revision`).run(c.year, c.revision, JSON.stringify(parsed.data), origin, nowIso());
  return { installed: r.changes > 0, kept: null };
}
