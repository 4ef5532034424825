import { z } from 'zod';
import { method } from './method';
import type { FileOut } from './ledger-contract';

/** HQ authors the checklist: list what is installed, export a year, import a workbook or JSON. */
export interface ChecklistSummaryView {
  year: number;
  revision: number;
  origin: string;
  installedAt: string;
  title: string;
  titleEn: string;
  items: number;
  indicators: number;
}

export interface ChecklistImportView {
  fileName: string;
  problems: { sheet: string | null; row: number | null; field: string | null; message: string; messageZh: string }[];
  /** What installing it changes, indicator by indicator, before anything is written. */
  preview: {
    year: number;
    /** The revision installed now, or null for a new year. */
    from: number | null;
    to: number;
    items: number;
    indicators: number;
    added: string[];
    removed: string[];
    /** Indicators whose target, computation, rule or text changes: id and what. */
    changed: { id: string; fields: string[] }[];
    unchanged: boolean;
  } | null;
  installed: boolean;
}

const year = z.number().int().min(2000).max(2100);
const empty = z.object({}).strict();
const exportInput = z.object({ year, format: z.enum(['xlsx', 'json']) }).strict();
const importInput = z
  .object({
    name: z.string().min(1).max(255),
    // A checklist workbook is at most 5 MB.
    base64: z.string().max(7_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64'),
    dryRun: z.boolean(),
  })
  .strict();

export const checklistContract = {
  'checklists.list': method<typeof empty, ChecklistSummaryView[]>(empty),
  'checklists.export': method<typeof exportInput, FileOut>(exportInput),
  'checklists.import': method<typeof importInput, ChecklistImportView>(importInput),
} as const;
