import { z } from 'zod';
import { method } from './method';
import { ledgerContract } from './ledger-contract';
import { syncContract } from './sync-contract';
import { progressContract } from './progress-contract';
import { moveContract } from './move-contract';
import { checklistContract } from './checklist-contract';
import { backupContract, type BackupView } from './backup-contract';
import { supervisionContract } from './supervision-contract';

/**
 * The one description of the app's API. The Electron IPC bridge, the browser host and the typed
 * client in the renderer are all derived from `contract`, so a method cannot exist in one
 * transport and not the other. Inputs are zod schemas, checked at the boundary by the dispatcher;
 * outputs are types only (they come from our own code).
 */

export type Language = 'zh' | 'en';
export const languageSchema = z.enum(['zh', 'en']);

export interface InstallationInfo {
  id: string;
  role: 'office' | 'hq';
  prefectureCode: string | null;
  prefectureName: string | null;
  prefectureNameEn: string | null;
  officeName: string;
  operatorName: string;
  createdAt: string;
}

export interface AppStatus {
  setUp: boolean;
  installation: InstallationInfo | null;
  language: Language;
  appVersion: string;
  schemaVersion: number;
  dataDir: string;
  databaseFile: string;
  transport: 'electron' | 'browser';
  /** The signing key's fingerprint, for comparing by phone. */
  fingerprint: string | null;
  /**
   * Set when the database exists but cannot be used: damaged (db_corrupt), written by a newer
   * app (db_newer), unreadable (db_unreadable), in a read-only folder (data_readonly) or on a
   * full disk (disk_full). setUp is then false and the app shows the recovery screen.
   */
  databaseError: DatabaseError | null;
  /** With databaseError: the backups in the data folder, newest first, to restore one. */
  backups?: BackupView[];
}

export interface DatabaseError {
  code: string;
  message: string;
  messageZh: string;
  /** Restoring a backup is the way out (a damaged or newer file); otherwise fix and retry. */
  restorable: boolean;
}

export interface DivisionInfo {
  code: string;
  name: string;
  nameEn: string;
}
export interface PrefectureInfo extends DivisionInfo {
  counties: DivisionInfo[];
}

export interface TargetView {
  kind: 'min' | 'exact' | 'range' | 'percentage' | 'milestone' | 'tracked';
  value?: number;
  min?: number;
  max?: number;
}

export interface NamedEntry {
  id: string;
  name: string;
  nameEn: string;
}

export interface ChecklistView {
  year: number;
  title: string;
  titleEn: string;
  sections: { no: number; title: string; titleEn: string }[];
  departments: NamedEntry[];
  metrics: (NamedEntry & { unit: string; type: 'integer' | 'decimal' })[];
  activityKinds: (NamedEntry & { items: number[]; metrics: string[] })[];
  enterpriseStatuses: NamedEntry[];
  reportedFigures: (NamedEntry & { unit: string; defaultSource: string })[];
  items: {
    no: number;
    section: number;
    titleEn: string;
    text: string;
    departments: { id: string; name: string; nameEn: string }[];
    activityKinds: string[];
    indicators: { id: string; name: string; nameEn: string; unit: string; target: TargetView; period: string; region: string }[];
  }[];
}

export interface CataloguesView {
  industries: { code: string; name: string; nameEn: string }[];
  sizes: NamedEntry[];
  specialised: NamedEntry[];
  listing: NamedEntry[];
  visitKinds: NamedEntry[];
  problemCategories: NamedEntry[];
  problemStatuses: NamedEntry[];
  activityModes: NamedEntry[];
}

export interface ReferenceData {
  prefectures: PrefectureInfo[];
  checklistYears: number[];
  checklist: ChecklistView | null;
  catalogues: CataloguesView;
  /** Today on the machine that holds the data, as YYYY-MM-DD (dates after it are refused). */
  today: string;
}

const trimmed = (max: number) => z.string().trim().min(1).max(max);

export const setupInput = z
  .object({
    role: z.enum(['office', 'hq']),
    prefectureCode: z.string().regex(/^54\d{4}$/).nullable(),
    officeName: trimmed(100),
    operatorName: trimmed(50),
    language: languageSchema,
  })
  .strict()
  .refine((v) => (v.role === 'office') === (v.prefectureCode !== null), {
    message: 'An office installation needs its prefecture; headquarters has none',
    path: ['prefectureCode'],
  });
export type SetupInput = z.infer<typeof setupInput>;

const empty = z.object({}).strict();


export const contract = {
  'app.status': method<typeof empty, AppStatus>(empty),
  'app.setup': method<typeof setupInput, AppStatus>(setupInput),
  'settings.setLanguage': method<z.ZodObject<{ language: typeof languageSchema }>, AppStatus>(
    z.object({ language: languageSchema }).strict(),
  ),
  'settings.setOperator': method<z.ZodObject<{ operatorName: z.ZodString }>, AppStatus>(
    z.object({ operatorName: trimmed(50) }).strict(),
  ),
  'reference.get': method<typeof empty, ReferenceData>(empty),
  ...ledgerContract,
  ...syncContract,
  ...progressContract,
  ...backupContract,
  ...moveContract,
  ...checklistContract,
  ...supervisionContract,
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = Contract[M]['output'];

export const methodNames = Object.keys(contract) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** What crosses every transport: a value, or an error a user can read. */
export type ApiError = {
  code: string;
  message: string;
  messageZh: string;
  details?: string[];
  /** For forms: what is wrong with each field, by field path ("name", "problems.0.deadline"). */
  fields?: Record<string, { en: string; zh: string }>;
  data?: Record<string, string>;
};
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** The typed API the renderer uses, whatever the transport. */
export type Api = { [M in MethodName]: (input: MethodInput<M>) => Promise<MethodOutput<M>> };

export class ApiCallError extends Error {
  readonly code: string;
  readonly messageZh: string;
  readonly details: string[];
  readonly fields: Record<string, { en: string; zh: string }>;
  readonly data: Record<string, string>;
  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
    this.code = error.code;
    this.messageZh = error.messageZh;
    this.details = error.details ?? [];
    this.fields = error.fields ?? {};
    this.data = error.data ?? {};
  }
}

/** Builds the typed API from a transport that moves one call and returns its result envelope. */
export function createApi(send: (method: MethodName, input: unknown) => Promise<ApiResult<unknown>>): Api {
  const api = {} as Record<MethodName, (input: unknown) => Promise<unknown>>;
  for (const name of methodNames) {
    api[name] = async (input: unknown) => {
      const result = await send(name, input ?? {});
      if (!result.ok) throw new ApiCallError(result.error);
      return result.value;
    };
  }
  return api as unknown as Api;
}

/** Electron's preload exposes exactly this object on window.smeLedger. */
export interface ElectronBridge {
  invoke(method: MethodName, input: unknown): Promise<ApiResult<unknown>>;
  onProgress(listener: (event: { operation: string; done: number; total: number }) => void): () => void;
  /** Shows the data folder in the system's file manager (the recovery screen's way to it). */
  openDataFolder?(): Promise<string>;
}
