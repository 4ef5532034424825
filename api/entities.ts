import { z } from 'zod';
import type { SupervisionNote, SupervisionState } from './supervision-contract';

/**
 * The records of the ledger as the API sees them: zod schemas for what a form or an import may
 * send (shape only; the rules that need the database or the checklist live in db/validation), and
 * the types of what comes back. Shared by db/, services/ and the renderer.
 */

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD');
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'not a record id');
/** Optional text: trimmed, and an empty string means "not given". */
const optionalText = (max: number) =>
  z
    .string()
    .max(max, `at most ${max} characters`)
    .nullable()
    .optional()
    .transform((v) => (v == null || v.trim() === '' ? null : v.trim()));
const requiredText = (max: number) => z.string().trim().min(1, 'required').max(max, `at most ${max} characters`);
/** Keys of maps that come from outside: plain identifiers only, never __proto__ or the like. */
const key = z.string().regex(/^[a-z][a-z0-9_]{0,40}$/, 'not a known key');
const year = z.number().int().min(1949).max(2100);
const divisionCode = z.string().regex(/^\d{6}$/, 'a six-digit division code');
/**
 * The day a status was reached. A year alone (spreadsheets and packages from builds before dates)
 * is read as 31 December of that year: it surely held by then, so no figure counts it earlier.
 */
export const statusDate = z.union([year.transform((y) => `${y}-12-31`), isoDate]);

const editMeta = {
  id: uuid.optional(),
  /** The version the user started from; a save over a newer version is refused. */
  expectedVersion: z.number().int().positive().optional(),
};

export interface SyncInfo {
  id: string;
  origin: string;
  version: number;
  deleted: boolean;
  createdAt: string;
  updatedAt: string;
}

// Enterprises ------------------------------------------------------------------------------

export const specialisedLevels = ['none', 'region', 'national'] as const;
export const enterpriseSizes = ['micro', 'small', 'medium'] as const;
export const listingStates = ['none', 'in_progress', 'listed'] as const;

export const enterpriseInput = z
  .object({
    ...editMeta,
    uscc: z.string().max(40).nullable(),
    noUsccReason: optionalText(200),
    name: requiredText(100),
    prefectureCode: divisionCode.nullable().optional(),
    countyCode: divisionCode.nullable().optional().transform((v) => v ?? null),
    address: optionalText(200),
    industry: z.string().regex(/^[A-Z]$/).nullable().optional().transform((v) => v ?? null),
    size: z.enum(enterpriseSizes).nullable().optional().transform((v) => v ?? null),
    specialised: z.enum(specialisedLevels).default('none'),
    specialisedYear: year.nullable().optional().transform((v) => v ?? null),
    listing: z.enum(listingStates).default('none'),
    contactPerson: optionalText(50),
    contactPhone: optionalText(30),
    serviceOfficer: optionalText(50),
    /** The day the service officer was assigned (default: kept if the officer is unchanged, else today). */
    serviceOfficerSince: isoDate.nullable().optional(),
    statuses: z.record(key, statusDate).default({}),
    notes: optionalText(2000),
  })
  .strict();
export type EnterpriseInput = z.input<typeof enterpriseInput>;
export type EnterpriseData = z.output<typeof enterpriseInput>;

export interface EnterpriseFields {
  uscc: string | null;
  noUsccReason: string | null;
  name: string;
  prefectureCode: string;
  countyCode: string | null;
  address: string | null;
  industry: string | null;
  size: (typeof enterpriseSizes)[number] | null;
  specialised: (typeof specialisedLevels)[number];
  specialisedYear: number | null;
  aboveScale: boolean;
  highTech: boolean;
  listing: (typeof listingStates)[number];
  contactPerson: string | null;
  contactPhone: string | null;
  serviceOfficer: string | null;
  serviceOfficerSince: string | null;
  /** Status id → the date (YYYY-MM-DD) it was reached. */
  statuses: Record<string, string>;
  notes: string | null;
}
export type Enterprise = EnterpriseFields & SyncInfo;
export interface EnterpriseRow extends Enterprise {
  openProblems: number;
  overdueProblems: number;
}

export const enterpriseSortFields = ['name', 'uscc', 'county', 'updatedAt', 'createdAt'] as const;
export const enterpriseListInput = z
  .object({
    q: z.string().max(100).optional(),
    /** HQ narrows its lists to one prefecture; an office's lists are its own anyway. */
    prefectureCode: divisionCode.optional(),
    countyCode: divisionCode.optional(),
    industry: z.string().regex(/^[A-Z]$/).optional(),
    specialised: z.enum(['any', 'none', 'certified', 'region', 'national']).optional(),
    serviceOfficer: z.string().max(50).optional(),
    /** true: only enterprises with a specialised status and no service officer assigned. */
    withoutServiceOfficer: z.boolean().optional(),
    hasOpenProblems: z.boolean().optional(),
    deleted: z.boolean().optional(),
    sort: z.enum(enterpriseSortFields).default('name'),
    order: z.enum(['asc', 'desc']).default('asc'),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();
export type EnterpriseListQuery = z.output<typeof enterpriseListInput>;
export type EnterpriseListFilters = Omit<z.input<typeof enterpriseListInput>, 'offset' | 'limit'>;

// Activities --------------------------------------------------------------------------------

export const activityModes = ['offline', 'online', 'hybrid'] as const;

export const activityInput = z
  .object({
    ...editMeta,
    itemNo: z.number().int().min(1).max(99),
    kind: key,
    title: requiredText(200),
    date: isoDate,
    countyCode: divisionCode.nullable().optional().transform((v) => v ?? null),
    place: optionalText(200),
    organiser: optionalText(100),
    mode: z.enum(activityModes).default('offline'),
    metrics: z.record(key, z.number()).default({}),
    departments: z.array(key).max(40).default([]),
    enterpriseIds: z.array(uuid).max(5000).default([]),
    notes: optionalText(2000),
  })
  .strict();
export type ActivityInput = z.input<typeof activityInput>;
export type ActivityData = z.output<typeof activityInput>;

export interface ActivityFields {
  prefectureCode: string;
  checklistYear: number;
  itemNo: number;
  kind: string;
  title: string;
  date: string;
  countyCode: string | null;
  place: string | null;
  organiser: string | null;
  mode: (typeof activityModes)[number];
  metrics: Record<string, number>;
  departments: string[];
  notes: string | null;
}
export type Activity = ActivityFields & SyncInfo & { enterpriseIds: string[]; enterprises: { id: string; name: string; uscc: string | null }[] };
export type ActivityRow = ActivityFields & SyncInfo & { enterpriseCount: number };

export const activityListInput = z
  .object({
    q: z.string().max(100).optional(),
    /** HQ narrows its lists to one prefecture; an office's lists are its own anyway. */
    prefectureCode: divisionCode.optional(),
    year: year.optional(),
    itemNo: z.number().int().min(1).max(99).optional(),
    kind: key.optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    countyCode: divisionCode.optional(),
    enterpriseId: uuid.optional(),
    deleted: z.boolean().optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();
export type ActivityListQuery = z.output<typeof activityListInput>;

// Problems ----------------------------------------------------------------------------------

export const problemCategories = ['financing', 'land', 'electricity', 'labour', 'logistics', 'raw_materials', 'market', 'policy', 'other'] as const;
export const problemStatuses = ['open', 'in_progress', 'resolved', 'unresolvable'] as const;
export type ProblemStatus = (typeof problemStatuses)[number];

export const problemInput = z
  .object({
    ...editMeta,
    enterpriseId: uuid.optional(),
    category: z.enum(problemCategories),
    description: requiredText(2000),
    itemNo: z.number().int().min(1).max(99).nullable().optional().transform((v) => v ?? null),
    responsibleUnit: requiredText(100),
    deadline: isoDate.nullable().optional().transform((v) => v ?? null),
  })
  .strict();
export type ProblemInput = z.input<typeof problemInput>;
export type ProblemData = z.output<typeof problemInput>;

export interface ProblemFields {
  prefectureCode: string;
  enterpriseId: string;
  visitId: string | null;
  category: (typeof problemCategories)[number];
  description: string;
  itemNo: number | null;
  responsibleUnit: string;
  deadline: string | null;
  status: ProblemStatus;
  resolution: string | null;
  closedOn: string | null;
}
export interface ProblemNote extends SyncInfo {
  problemId: string;
  date: string;
  note: string;
}
/** `supervision`: HQ's 督办 on the problem (null when never supervised); `supervisionNotes`: HQ's notes for the timeline, marked as from HQ. */
export type Problem = ProblemFields & SyncInfo & { enterpriseName: string; overdue: boolean; supervision: SupervisionState | null; notes: ProblemNote[]; supervisionNotes: SupervisionNote[] };
export type ProblemRow = ProblemFields & SyncInfo & { enterpriseName: string; overdue: boolean; supervision: SupervisionState | null };

export const problemStatusInput = z
  .object({
    id: uuid,
    expectedVersion: z.number().int().positive().optional(),
    status: z.enum(problemStatuses),
    /** Required for 无法解决; the resolution for 已办结. */
    resolution: optionalText(2000),
    date: isoDate.optional(),
    note: optionalText(2000),
  })
  .strict();

export const problemNoteInput = z.object({ problemId: uuid, date: isoDate, note: requiredText(2000) }).strict();

export const problemListInput = z
  .object({
    q: z.string().max(100).optional(),
    /** HQ narrows its lists to one prefecture; an office's lists are its own anyway. */
    prefectureCode: divisionCode.optional(),
    status: z.enum([...problemStatuses, 'unresolved']).optional(),
    responsibleUnit: z.string().max(100).optional(),
    itemNo: z.number().int().min(1).max(99).optional(),
    category: z.enum(problemCategories).optional(),
    overdue: z.boolean().optional(),
    /** HQ's 督办: under 督办 now; of those, past HQ's deadline; answered / not answered since HQ's last note. */
    supervision: z.enum(['active', 'overdue', 'answered', 'waiting']).optional(),
    enterpriseId: uuid.optional(),
    deleted: z.boolean().optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();
export type ProblemListQuery = z.output<typeof problemListInput>;

// Visits ------------------------------------------------------------------------------------

export const visitInput = z
  .object({
    ...editMeta,
    enterpriseId: uuid,
    date: isoDate,
    kind: key,
    visitors: requiredText(200),
    itemNo: z.number().int().min(1).max(99).nullable().optional().transform((v) => v ?? null),
    summary: optionalText(4000),
    /** Problems raised during the visit; only for a new visit (later ones are edited on their own). */
    problems: z.array(problemInput.omit({ id: true, expectedVersion: true, enterpriseId: true })).max(50).default([]),
  })
  .strict();
export type VisitInput = z.input<typeof visitInput>;
export type VisitData = z.output<typeof visitInput>;

export interface VisitFields {
  prefectureCode: string;
  enterpriseId: string;
  date: string;
  kind: string;
  visitors: string;
  itemNo: number | null;
  summary: string | null;
}
export type Visit = VisitFields & SyncInfo & { enterpriseName: string; problems: ProblemRow[] };
export type VisitRow = VisitFields & SyncInfo & { enterpriseName: string; problemCount: number };

export const visitListInput = z
  .object({
    q: z.string().max(100).optional(),
    /** HQ narrows its lists to one prefecture; an office's lists are its own anyway. */
    prefectureCode: divisionCode.optional(),
    kind: key.optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    enterpriseId: uuid.optional(),
    deleted: z.boolean().optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();
export type VisitListQuery = z.output<typeof visitListInput>;

// Reported figures ---------------------------------------------------------------------------

export const figureInput = z
  .object({
    ...editMeta,
    figureId: key,
    checklistYear: year,
    /** HQ entering a prefecture's figure (from a bank's spreadsheet); omitted: HQ's region-wide figure, or the office's own. */
    prefectureCode: divisionCode.nullable().optional(),
    asOf: isoDate,
    value: z.number().finite(),
    source: requiredText(200),
    notes: optionalText(1000),
  })
  .strict();
export type FigureInput = z.input<typeof figureInput>;
export type FigureData = z.output<typeof figureInput>;
export interface FigureFields {
  prefectureCode: string;
  figureId: string;
  checklistYear: number;
  asOf: string;
  value: number;
  source: string;
  notes: string | null;
}
export type Figure = FigureFields & SyncInfo;

// History -------------------------------------------------------------------------------------

export const recordTables = ['enterprises', 'activities', 'visits', 'problems', 'reported_figures'] as const;
export type RecordTable = (typeof recordTables)[number];
export const recordRef = z.object({ table: z.enum(recordTables), id: uuid }).strict();

export interface HistoryEntry {
  seq: number;
  op: 'create' | 'update' | 'delete' | 'restore' | 'import';
  version: number;
  operator: string;
  at: string;
  changes: Record<string, { old: unknown; new: unknown }>;
}

export interface Paged<T> {
  rows: T[];
  total: number;
}
