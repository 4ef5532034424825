import { z } from 'zod';
import { method } from './method';
import type { FileOut } from './ledger-contract';
import type { TargetView } from './contract';

/** Progress against the checklist's targets, the records behind each figure, and reports. */

export interface IndicatorValueView {
  id: string;
  item: number;
  name: string;
  nameEn: string;
  unit: string;
  period: string;
  computation: string;
  target: TargetView;
  value: number | null;
  percent: number | null;
  /** met, on_track, behind, no_data; no_quota: a prefecture's share of a regional figure without a quota; over: above a range's upper end or an exact target; regional: HQ's commitment, not a prefecture's; tracked: a figure without a number to reach. */
  status: 'met' | 'on_track' | 'behind' | 'no_data' | 'no_quota' | 'over' | 'regional' | 'tracked';
  /** How the region's figure is made from the prefectures' (sum, union, weighted, hq_figure, hq_or_complete_sum, hq_milestone, each_prefecture). */
  region: string;
  parts: { numerator: number; denominator: number } | null;
  /** Distinct enterprises: registered ones (by credit code) and unregistered attendees counted per event. */
  enterprises: { registered: number; unregistered: number | null } | null;
  quota: boolean;
  /** What the figure rests on, or why there is none, in both languages. */
  note: { zh: string; en: string } | null;
}

export interface ProgressView {
  year: number;
  prefectureCode: string | null;
  asOf: string;
  elapsed: number;
  indicators: IndicatorValueView[];
  items: { item: number; activities: number; visits: number; openProblems: number }[];
  /** Commitments of the text that no figure checks, listed as qualitative. */
  qualitative: { item: number; text: string; textEn: string }[];
  monthly: { month: string; activities: number; visits: number }[];
  problemsByUnit: { unit: string; open: number; overdue: number }[];
}

export interface MatrixView {
  year: number;
  asOf: string;
  prefectures: { code: string; name: string; nameEn: string }[];
  region: IndicatorValueView[];
  byPrefecture: Record<string, IndicatorValueView[]>;
}

export interface RecordsView {
  kind: 'activities' | 'enterprises' | 'visits' | 'figures' | 'none';
  rows: Record<string, unknown>[];
  total: number;
  /** Enterprises not in the register, counted at the events by their number: part of the figure. */
  unregistered?: number;
}

const scope = {
  year: z.number().int().min(2000).max(2100).optional(),
  prefectureCode: z.string().regex(/^54\d{4}$/).nullable().optional(),
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
};
const scopeInput = z.object(scope).strict();

export interface QuotaView {
  indicatorId: string;
  prefectureCode: string;
  target: TargetView;
}
export interface MilestoneView {
  indicatorId: string;
  done: boolean;
  doneOn: string | null;
  evidence: string | null;
}
export const milestoneInput = z
  .object({
    year: z.number().int().min(2000).max(2100),
    indicatorId: z.string().regex(/^[a-z0-9_.]{1,60}$/),
    done: z.boolean(),
    doneOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
    evidence: z.string().trim().max(1000).nullable().transform((v) => (v ? v : null)),
  })
  .strict();
const quotaInput = z
  .object({
    year: z.number().int().min(2000).max(2100),
    indicatorId: z.string().regex(/^[a-z0-9_.]{1,60}$/),
    prefectureCode: z.union([z.literal(''), z.string().regex(/^54\d{4}$/)]),
    value: z.number().finite().nullable(),
  })
  .strict();

export const progressContract = {
  'progress.get': method<typeof scopeInput, ProgressView>(scopeInput),
  'progress.matrix': method<typeof scopeInput, MatrixView>(scopeInput),
  'progress.records': method<z.ZodObject<typeof scope & { indicatorId: z.ZodString }>, RecordsView>(
    z.object({ ...scope, indicatorId: z.string().regex(/^[a-z0-9_.]{1,60}$/) }).strict(),
  ),
  'report.excel': method<typeof scopeInput, FileOut>(scopeInput),
  'targets.list': method<z.ZodObject<{ year: z.ZodNumber }>, QuotaView[]>(z.object({ year: z.number().int().min(2000).max(2100) }).strict()),
  'targets.set': method<typeof quotaInput, QuotaView[]>(quotaInput),
  'milestones.list': method<z.ZodObject<{ year: z.ZodNumber }>, MilestoneView[]>(z.object({ year: z.number().int().min(2000).max(2100) }).strict()),
  'milestones.save': method<typeof milestoneInput, MilestoneView[]>(milestoneInput),
} as const;
