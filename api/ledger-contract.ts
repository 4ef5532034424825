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

export interface ImportReport {
  kind: ExcelKindName;
  sheetName: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: { rowNumber: number; reasons: { column: string; message: string; messageZh: string }[] }[];
  applied: boolean;
}

/** An uploaded file travels as base64 inside JSON (30 MB of spreadsheet at most). */
const fileIn = z
  .object({
    kind: z.enum(excelKinds),
    name: z.string().min(1).max(255),
    base64: z.string().max(41_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64'),
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
