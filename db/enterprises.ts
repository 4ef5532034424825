import { sql } from './statements';
import type { Database } from 'better-sqlite3';
import type { EnterpriseData, EnterpriseFields, EnterpriseListQuery, EnterpriseRow, Enterprise, Paged } from '../api/entities';
import { FieldErrors, UserError } from './errors';
import { fromRow, insertRecord, requireRecord, setDeleted, updateRecord, type TableSpec } from './records';
import { validateEnterprise } from './validation/enterprise';
import { requireInstallation } from './installation';
import { ftsPhrase, likePattern, Where } from './sql';
import { shortSearchMatch } from './short-search';
import { today } from './clock';
import { sortByPinyin } from './collate';

export const enterpriseSpec: TableSpec<EnterpriseFields> = {
  table: 'enterprises',
  label: { en: 'enterprise', zh: '企业' },
  columns: {
    uscc: 'uscc',
    noUsccReason: 'no_uscc_reason',
    name: 'name',
    prefectureCode: 'prefecture_code',
    countyCode: 'county_code',
    address: 'address',
    industry: 'industry',
    size: 'size',
    specialised: 'specialised',
    specialisedYear: 'specialised_year',
    aboveScale: 'above_scale',
    highTech: 'high_tech',
    listing: 'listing',
    contactPerson: 'contact_person',
    contactPhone: 'contact_phone',
    serviceOfficer: 'service_officer',
    serviceOfficerSince: 'service_officer_since',
    statuses: 'statuses',
    notes: 'notes',
  },
  json: ['statuses'],
  booleans: ['aboveScale', 'highTech'],
};

/** The prefecture a record belongs to: an office's own; HQ must say. */
export function prefectureFor(db: Database, requested: string | null | undefined): string {
  const inst = requireInstallation(db);
  if (inst.role === 'office') {
    if (requested && requested !== inst.prefectureCode) {
      throw new UserError('wrong_prefecture', 'An office records data for its own prefecture only.', '地市办公室只能登记本地（市）的数据。');
    }
    return inst.prefectureCode!;
  }
  if (!requested) {
    throw new UserError('prefecture_required', 'Headquarters must say which prefecture the record belongs to.', '自治区总部登记数据时须指明所属地（市）。', {
      prefectureCode: { en: 'Choose a prefecture.', zh: '请选择地（市）。' },
    });
  }
  return requested;
}

export function findByUscc(db: Database, uscc: string): Enterprise | null {
  const row = sql(db, 'SELECT * FROM enterprises WHERE uscc = ? AND deleted = 0').get(uscc) as Record<string, unknown> | undefined;
  return row ? fromRow(enterpriseSpec, row) : null;
}

/** Creates or updates an enterprise. One live enterprise per credit code in an installation. */
export function saveEnterprise(db: Database, input: EnterpriseData): { record: Enterprise; created: boolean; changed: boolean } {
  return db.transaction(() => {
    const existing = input.id ? requireRecord(db, enterpriseSpec, input.id) : null;
    const prefecture = existing ? existing.prefectureCode : prefectureFor(db, input.prefectureCode);
    const errors = new FieldErrors();
    const fields = validateEnterprise(db, input, prefecture, errors, existing);
    if (fields.uscc && !errors.has('uscc')) {
      const clash = findByUscc(db, fields.uscc);
      if (clash && clash.id !== input.id) {
        throw new UserError(
          'duplicate_uscc',
          `An enterprise with the credit code ${fields.uscc} is already registered: ${clash.name}.`,
          `统一社会信用代码 ${fields.uscc} 已登记：${clash.name}。`,
          { uscc: { en: `Already registered: ${clash.name}.`, zh: `该代码已登记：${clash.name}。` } },
          { existingId: clash.id, existingName: clash.name },
        );
      }
    }
    errors.throwIfAny(enterpriseSpec.label);
    if (existing) {
      const { record, changed } = updateRecord(db, enterpriseSpec, existing.id, fields, input.expectedVersion);
      return { record, created: false, changed };
    }
    return { record: insertRecord(db, enterpriseSpec, fields, input.id), created: true, changed: true };
  })();
}

export function deleteEnterprise(db: Database, id: string): Enterprise {
  return db.transaction(() => setDeleted(db, enterpriseSpec, id, true))();
}

export function restoreEnterprise(db: Database, id: string): Enterprise {
  return db.transaction(() => {
    const e = requireRecord(db, enterpriseSpec, id);
    if (e.uscc) {
      const clash = findByUscc(db, e.uscc);
      if (clash && clash.id !== id) {
        throw new UserError('duplicate_uscc', `Cannot restore: ${clash.name} now has the credit code ${e.uscc}.`, `无法恢复：代码 ${e.uscc} 现已由“${clash.name}”使用。`, undefined, { existingId: clash.id });
      }
    }
    return setDeleted(db, enterpriseSpec, id, false);
  })();
}

export function getEnterprise(db: Database, id: string): Enterprise {
  return requireRecord(db, enterpriseSpec, id);
}

const SORT_COLUMNS: Record<EnterpriseListQuery['sort'], string> = {
  name: 'e.name',
  uscc: 'e.uscc',
  county: 'e.county_code',
  updatedAt: 'e.updated_at',
  createdAt: 'e.created_at',
};

/**
 * A page of the enterprise list. Text search uses the trigram index for three characters or
 * more, and the short search's index (db/short-search.ts, migration 14) for one or two (拉萨,
 * and two-character names, are common), which looks in the name, contact person and service
 * officer. Name order is pinyin order at any size, from the stored keys (db/collate.ts, migration 12).
 */
export function listEnterprises(db: Database, q: EnterpriseListQuery): Paged<EnterpriseRow> {
  const where = new Where();
  where.add('e.deleted = ?', q.deleted ? 1 : 0);
  const text = q.q?.trim() ?? '';
  const search = textSearch(text);
  if (search) where.add(`e.rowid IN (SELECT rowid FROM ${search.table} WHERE ${search.table} MATCH ?)`, search.match);
  const searchOnly = where.parts.length;
  addFilters(where, q);
  const onlyText = search !== null && !q.deleted && where.parts.length === searchOnly;
  const total = onlyText ? liveTextMatches(db, search) : (db.prepare(`SELECT count(*) AS n FROM enterprises e ${where}`).get(where.params) as { n: number }).n;
  const keysToRead = q.sort === 'name' ? walkTheKeys(db, q, total, search?.table === SHORT) : null;
  const walk = keysToRead !== null;
  if (onlyText && q.sort === 'name') {
    if (walk && search.rowText) {
      // Each name passed is checked against its own text, within twice the names the walk
      // should need: listing the index's matches first took 6 ms of 91540's 12 (28,000 matches).
      // Matches bunched in one stretch of the alphabet (5401, Lhasa's codes: 22,700 names read
      // for a page) overrun it, and the page is then found as below.
      const rows = pageRows(db, q, liveRowsWith(search.rowText), { walk, keysOnly: false, window: 2 * keysToRead + 200 });
      if (rows.length === q.limit) return { total, rows };
    }
    return { total, rows: pageRows(db, q, liveMatchKeys(search), { walk, keysOnly: true }) };
  }
  return { total, rows: pageRows(db, q, where, { walk, keysOnly: false }) };
}

/** Live enterprises whose own text holds the search text, as the index would find them. */
function liveRowsWith(rowText: { columns: readonly string[]; text: string }): Where {
  const p = likePattern(rowText.text);
  return new Where()
    .add('e.deleted = 0')
    .add(`(${rowText.columns.map((c) => `e.${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`, ...rowText.columns.map(() => p));
}

/**
 * The live matches of a text search as a condition on the name keys alone: a page in name order
 * then never reads the wide rows of the matches it passes over or sorts (拉萨: 7,000 matches,
 * a third of the page's time), only those of its own 100. Deleted enterprises are few.
 */
function liveMatchKeys(search: TextSearch): Where {
  return new Where()
    .add(`k.rid IN (SELECT rowid FROM ${search.table} WHERE ${search.table} MATCH ?)`, search.match)
    .add('k.rid NOT IN (SELECT e.rowid FROM enterprises e WHERE e.deleted = 1)');
}

const TRIGRAMS = 'enterprises_fts';
const SHORT = 'enterprise_short_search';
interface TextSearch {
  table: typeof TRIGRAMS | typeof SHORT;
  match: string;
  /** Where the index's matches are exactly the rows whose columns hold the text (LIKE, ASCII in any case). */
  rowText: { columns: readonly string[]; text: string } | null;
}

/**
 * Text the trigram index matches exactly as LIKE does: SQLite's trigram tokenizer folds case the
 * Unicode way, and besides ASCII's own capitals only the Kelvin sign folds to k and the long s
 * (ſ) to s; nothing folds to a digit or a Han character (every code point of planes 0 to 3 tried
 * through FTS5 in tests/unit/short-search.test.ts). Other text is found through the index alone.
 */
const LIKE_AS_TRIGRAMS = /^[0-9A-JL-RT-Za-jl-rt-z\p{Script=Han}]+$/u;

function textSearch(text: string): TextSearch | null {
  const chars = [...text].length;
  if (chars === 0) return null;
  if (chars < 3) return { table: SHORT, match: shortSearchMatch(text), rowText: { columns: ['name', 'contact_person', 'service_officer'], text } };
  const rowText = LIKE_AS_TRIGRAMS.test(text) ? { columns: ['name', 'uscc', 'address', 'contact_person', 'service_officer'], text } : null;
  return { table: TRIGRAMS, match: ftsPhrase(text), rowText };
}

/**
 * Whether a page in name order is found by walking the name keys in order, checking each row
 * against the filters, rather than by sorting every match. For matches spread over the alphabet
 * (a prefecture, a county, a status) the walk reads about (offset + limit) × rows ÷ matches rows,
 * the sort all the matches: at HQ's 100,000 names the first page of the whole register or of a
 * prefecture walks (under 2 ms where sorting took 40 to 160 ms), page 200 of a prefecture sorts.
 * Trigram searches (有限责任公司, 20,000 matches) walk like that: 24 ms where sorting took 141.
 * One or two characters are mostly the start of names (拉萨, 藏药), clustered in one stretch of
 * the alphabet that the walk reaches only after reading every name before it (拉萨 at 7,600
 * matches: 56 ms walked, 35 ms sorted), so they walk only when a quarter of the register or more
 * matches (公司). max(rowid) stands for the number of rows (O(1)).
 */
function walkTheKeys(db: Database, q: EnterpriseListQuery, total: number, shortText: boolean): number | null {
  if (total === 0) return null;
  const rows = (sql(db, 'SELECT coalesce(max(rowid), 0) AS n FROM enterprises').get() as { n: number }).n;
  if (shortText && total * 4 < rows) return null;
  const read = q.limit < 0 ? total : Math.min(total, q.offset + q.limit);
  // The names the walk reads for matches spread evenly over the alphabet.
  return read * rows < total * total ? Math.ceil((read * rows) / total) : null;
}

function addFilters(where: Where, q: EnterpriseListQuery): void {
  if (q.prefectureCode) where.add('e.prefecture_code = ?', q.prefectureCode);
  if (q.countyCode) where.add('e.county_code = ?', q.countyCode);
  if (q.industry) where.add('e.industry = ?', q.industry);
  if (q.specialised === 'certified') where.add("e.specialised <> 'none'");
  else if (q.specialised && q.specialised !== 'any') where.add('e.specialised = ?', q.specialised);
  if (q.serviceOfficer) where.add('e.service_officer = ?', q.serviceOfficer);
  if (q.withoutServiceOfficer) where.add("(e.service_officer IS NULL OR e.service_officer = '')");
  // Driven from the (few) open problems rather than probing problems for every enterprise.
  if (q.hasOpenProblems) where.add("e.id IN (SELECT p.enterprise_id FROM problems p WHERE p.deleted = 0 AND p.status IN ('open', 'in_progress'))");
}

/**
 * The rows of one page. The page is chosen on the bare tables first (an index can serve the
 * order), and the problem counts are worked out for its rows only. rowid breaks ties, so equal
 * names (or dates) keep one order from page to page.
 */
function pageRows(db: Database, q: EnterpriseListQuery, where: Where, plan: { walk: boolean; keysOnly: boolean; window?: number }): EnterpriseRow[] {
  const dir = q.order === 'desc' ? 'DESC' : 'ASC';
  const byName = q.sort === 'name';
  // k.rid, not e.rowid (the same number): the key index is (key, rid), so it serves the whole order.
  const order = byName ? `k.key ${dir}, k.rid ${dir}` : `${SORT_COLUMNS[q.sort]} ${dir}, e.rowid ${dir}`;
  // CROSS JOIN keeps the keys outermost, so that the planner walks them in order and stops at the
  // end of the page.
  // A window: only the first names in this order (the caller checks that the page filled).
  const keys = plan.window
    ? `(SELECT rid, key FROM enterprise_name_keys INDEXED BY enterprise_name_keys_order ORDER BY key ${dir}, rid ${dir} LIMIT ${Math.trunc(plan.window)}) k`
    : plan.walk
      ? 'enterprise_name_keys k INDEXED BY enterprise_name_keys_order'
      : 'enterprise_name_keys k';
  const from = plan.keysOnly
    ? keys
    : byName
      ? plan.walk
        ? `${keys} CROSS JOIN enterprises e ON e.rowid = k.rid`
        : 'enterprises e JOIN enterprise_name_keys k ON k.rid = e.rowid'
      : 'enterprises e';
  const rid = plan.keysOnly ? 'k.rid' : 'e.rowid';
  const open = "p.enterprise_id = e.id AND p.deleted = 0 AND p.status IN ('open', 'in_progress')";
  const rows = db
    .prepare(
      `WITH page AS (SELECT ${rid} AS rid, ${byName ? 'k.key' : 'NULL'} AS key, ${byName ? 'NULL' : SORT_COLUMNS[q.sort]} AS sorted FROM ${from} ${where} ORDER BY ${order} LIMIT @limit OFFSET @offset)
       SELECT e.*,
        (SELECT count(*) FROM problems p WHERE ${open}) AS open_problems,
        (SELECT count(*) FROM problems p WHERE ${open} AND p.deadline < @today) AS overdue_problems
       FROM page JOIN enterprises e ON e.rowid = page.rid
       ORDER BY ${byName ? `page.key ${dir}, page.rid ${dir}` : `page.sorted ${dir}, page.rid ${dir}`}`,
    )
    .all({ ...where.params, today: today(), limit: q.limit, offset: q.offset }) as Record<string, unknown>[];
  return rows.map(toRow);
}

const toRow = (r: Record<string, unknown>): EnterpriseRow => ({ ...fromRow(enterpriseSpec, r), openProblems: r.open_problems as number, overdueProblems: r.overdue_problems as number });

/**
 * Live enterprises matching a text search: the matches counted by the index alone, less the
 * deleted ones among them, which are few and often none. Where there are none, the count is the
 * index's (91540: 28,000 matches, 6 ms); otherwise the matches are listed once and the deleted
 * ones found among them (12 ms). Checking every match against its row for the deleted flag took
 * three times as long.
 */
function liveTextMatches(db: Database, search: TextSearch): number {
  const { table, match } = search;
  if (!(sql(db, 'SELECT EXISTS (SELECT 1 FROM enterprises WHERE deleted = 1) AS any').get() as { any: number }).any) {
    return (sql(db, `SELECT count(*) AS n FROM ${table} WHERE ${table} MATCH ?`).get(match) as { n: number }).n;
  }
  return (
    sql(
      db,
      `WITH hits AS MATERIALIZED (SELECT rowid AS id FROM ${table} WHERE ${table} MATCH ?)
       SELECT (SELECT count(*) FROM hits) - (SELECT count(*) FROM enterprises e WHERE e.deleted = 1 AND e.rowid IN (SELECT id FROM hits)) AS n`,
    ).get(match) as { n: number }
  ).n;
}

/** Distinct service officers, for the filter's drop-down. */
export function serviceOfficers(db: Database): string[] {
  return sortByPinyin((sql(db, "SELECT DISTINCT service_officer AS s FROM enterprises WHERE deleted = 0 AND service_officer IS NOT NULL AND service_officer <> ''").all() as { s: string }[]).map((r) => r.s));
}
