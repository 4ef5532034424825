import { z } from 'zod';
import { method } from './method';
import {
  activityInput,
  activityListInput,
  enterpriseInput,
  enterpriseListInput,
  figureInput,
  problemInput,
  problemListInput,
  problemNoteInput,
  problemStatusInput,
  recordRef,
  visitInput,
  visitListInput,
  type Activity,
  type ActivityRow,
  type Enterprise,
  type EnterpriseRow,
  type Figure,
  type HistoryEntry,
  type Paged,
  type Problem,
  type ProblemRow,
  type Visit,
  type VisitRow,
} from './entities';

/** The daily work of an office: register, activities, visits, problems, figures, Excel. */

const id = z.object({ id: z.string().uuid() }).strict();
const empty = z.object({}).strict();

export interface Saved<T> {
  record: T;
  created: boolean;
  changed: boolean;
}

export type UsccCheck =
  | { ok: true; code: string; inTibet: boolean; existing: { id: string; name: string } | null }
  | { ok: false; message: string; messageZh: string };

export const excelKinds = ['enterprises', 'activities', 'visits', 'problems'] as const;
export type ExcelKindName = (typeof excelKinds)[number];

export interface FileOut {
  name: string;
  base64: string;
}

/** How sure the mapping of a source column is: the template's name, a known variant, a contained one; or remembered / chosen. */
export type MappingConfidence = 'exact' | 'alias' | 'partial' | 'remembered' | 'chosen';

/** One column of an imported sheet and what becomes of it. */
export interface SourceColumn {
  index: number;
  letter: string;
  /** The header as written (a two-row header as "联系方式 / 电话"). */
  header: string;
  /** The field it fills, or null: not imported (不导入). */
  field: string | null;
  confidence: MappingConfidence | null;
  /** Why it is not imported, or whose field it took. */
  note: { en: string; zh: string } | null;
  samples: string[];
  /** How many data rows have a value in it. */
  filled: number;
}

export interface ImportField {
  key: string;
  header: string;
  headerEn: string;
  required: boolean;
}

export interface ImportQuestion {
  field: string;
  value: string;
  candidates: { id: string; label: string }[];
  rows: number;
}

export interface ImportRowProblems {
  rowNumber: number;
  reasons: { column: string; message: string; messageZh: string }[];
}

export interface ImportReport {
  kind: ExcelKindName;
  sheetName: string;
  sheetNames: string[];
  /** 1-based rows of the header (two for a two-row header). */
  headerRows: number[];
  /** Every column of the sheet that holds anything, with its field or as not imported. */
  columns: SourceColumn[];
  fields: ImportField[];
  /** Required fields that no column fills. */
  missing: string[];
  /** Whether the mapping remembered for these headers was applied. */
  remembered: boolean;
  /** Data rows read (skipped rows not included). */
  rows: number;
  skipped: { blank: number; totals: number[]; repeated: { rowNumber: number; sameAs: number }[]; filled: number };
  created: number;
  updated: number;
  unchanged: number;
  rejected: ImportRowProblems[];
  /** Rows imported without the values of optional fields that were wrong (skipBadOptional). */
  warnings: ImportRowProblems[];
  /** Values that fit several choices (小微): answered through `answers`. */
  questions: ImportQuestion[];
  skipBadOptional: boolean;
  applied: boolean;
}

/** What the user decided in the preview, sent again with the import. */
export const importChoices = {
  sheet: z.string().max(255).optional(),
  mapping: z.record(z.string().max(500), z.string().max(200).nullable()).optional(),
  answers: z.record(z.string().max(100), z.record(z.string().max(2000), z.string().max(100))).optional(),
  skipBadOptional: z.boolean().optional(),
};

/** An uploaded file travels as base64 inside JSON (30 MB of spreadsheet at most). */
const fileIn = z
  .object({
    kind: z.enum(excelKinds),
    name: z.string().min(1).max(255),
    base64: z.string().max(41_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64'),
    ...importChoices,
  })
  .strict();

export const ledgerContract = {
  'enterprises.list': method<typeof enterpriseListInput, Paged<EnterpriseRow>>(enterpriseListInput),
  'enterprises.get': method<typeof id, Enterprise>(id),
  'enterprises.save': method<typeof enterpriseInput, Saved<Enterprise>>(enterpriseInput),
  'enterprises.delete': method<typeof id, Enterprise>(id),
  'enterprises.restore': method<typeof id, Enterprise>(id),
  'enterprises.checkUscc': method<z.ZodObject<{ uscc: z.ZodString; id: z.ZodOptional<z.ZodString> }>, UsccCheck>(
    z.object({ uscc: z.string().max(60), id: z.string().uuid().optional() }).strict(),
  ),
  'enterprises.officers': method<typeof empty, string[]>(empty),

  'activities.list': method<typeof activityListInput, Paged<ActivityRow>>(activityListInput),
  'activities.get': method<typeof id, Activity>(id),
  'activities.save': method<typeof activityInput, Saved<Activity>>(activityInput),
  'activities.delete': method<typeof id, Activity>(id),

  'visits.list': method<typeof visitListInput, Paged<VisitRow>>(visitListInput),
  'visits.get': method<typeof id, Visit>(id),
  'visits.save': method<typeof visitInput, Saved<Visit>>(visitInput),
  'visits.delete': method<typeof id, Visit>(id),

  'problems.list': method<typeof problemListInput, Paged<ProblemRow>>(problemListInput),
  'problems.get': method<typeof id, Problem>(id),
  'problems.save': method<typeof problemInput, Saved<Problem>>(problemInput),
  'problems.setStatus': method<typeof problemStatusInput, Problem>(problemStatusInput),
  'problems.addNote': method<typeof problemNoteInput, Problem>(problemNoteInput),
  'problems.delete': method<typeof id, Problem>(id),
  'problems.units': method<typeof empty, string[]>(empty),

  'figures.list': method<z.ZodObject<{ year: z.ZodOptional<z.ZodNumber>; deleted: z.ZodOptional<z.ZodBoolean> }>, Figure[]>(
    z.object({ year: z.number().int().optional(), deleted: z.boolean().optional() }).strict(),
  ),
  'figures.save': method<typeof figureInput, Saved<Figure>>(figureInput),
  'figures.delete': method<typeof id, Figure>(id),

  'records.history': method<typeof recordRef, HistoryEntry[]>(recordRef),
  'records.restore': method<typeof recordRef, { ok: true }>(recordRef),

  'excel.template': method<z.ZodObject<{ kind: z.ZodEnum<{ [K in ExcelKindName]: K }> }>, FileOut>(z.object({ kind: z.enum(excelKinds) }).strict()),
  'excel.export': method<z.ZodObject<{ kind: z.ZodEnum<{ [K in ExcelKindName]: K }>; filters: z.ZodRecord<z.ZodString, z.ZodUnknown> }>, FileOut>(
    z.object({ kind: z.enum(excelKinds), filters: z.record(z.string().regex(/^[a-zA-Z]{1,40}$/), z.unknown()) }).strict(),
  ),
  'excel.preview': method<typeof fileIn, ImportReport>(fileIn),
  'excel.import': method<typeof fileIn, ImportReport>(fileIn),
  'excel.rejected': method<typeof fileIn, FileOut>(fileIn),
} as const;
