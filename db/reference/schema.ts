import { z } from 'zod';

/**
 * The shape of a checklist year and of the region's divisions. Checklists are data that HQ
 * publishes each year; this schema is what every published checklist must satisfy.
 */
/** A custom check's message in both languages, written once: zod keeps the English, params the Chinese. */
const says = (en: string, zh: string) => ({ message: en, params: { zh } });

const id = z.string().refine((s) => /^[a-z0-9_.]+$/.test(s), says('ids are lower-case letters, digits, _ and .', '编号只能由小写字母、数字、_ 和 . 组成'));
const text = z.string().trim().min(1);

export const targetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('min'), value: z.number().positive() }),
  z.object({ kind: z.literal('exact'), value: z.number().positive() }),
  z.object({ kind: z.literal('range'), min: z.number().positive(), max: z.number().positive() }).refine((t) => t.min <= t.max, { ...says('range min must not exceed max', '区间下限不能大于上限'), path: ['max'] }),
  z.object({ kind: z.literal('percentage'), value: z.number().positive().max(100) }),
  z.object({ kind: z.literal('milestone') }),
  // A commitment with a figure but no number to reach ("定期走访"): the figure is shown, never judged.
  z.object({ kind: z.literal('tracked') }),
]);
export type Target = z.infer<typeof targetSchema>;

const activityCount = z.object({ kind: z.literal('activity_count'), activityKinds: z.array(id).min(1) });
const metricSum = z.object({ kind: z.literal('metric_sum'), activityKinds: z.array(id).min(1), metric: id });
const enterpriseFilter = z.object({ specialised: z.boolean().optional(), status: id.optional() }).strict();
const distinctEnterprises = z.object({
  kind: z.literal('distinct_enterprises'),
  activityKinds: z.array(id).min(1),
  includeUnregistered: z.boolean(),
  enterpriseFilter: enterpriseFilter.optional(),
});
const additive = z.discriminatedUnion('kind', [activityCount, metricSum, distinctEnterprises]);

export const computationSchema = z.discriminatedUnion('kind', [
  activityCount,
  metricSum,
  distinctEnterprises,
  z.object({ kind: z.literal('ratio'), numerator: additive, denominator: additive, scale: z.number().positive() }),
  z.object({
    kind: z.literal('coverage'),
    population: enterpriseFilter,
    coveredBy: z
      .object({
        activityKinds: z.array(id).optional(),
        visitKinds: z.array(id).optional(),
        serviceOfficer: z.boolean().optional(),
      })
      .strict(),
  }),
  z.object({ kind: z.literal('enterprise_status_count'), status: id }),
  z.object({ kind: z.literal('reported'), figure: id }),
  z.object({ kind: z.literal('milestone') }),
  z.object({ kind: z.literal('visit_count'), visitKinds: z.array(id).min(1), enterpriseFilter: enterpriseFilter.optional() }),
]);
export type Computation = z.infer<typeof computationSchema>;

/**
 * How an indicator's prefecture values combine into the region's:
 * - sum: counts and sums of events add;
 * - union: distinct enterprises, each once by its credit code across offices;
 * - weighted: a rate or coverage from the prefectures' summed numerators and denominators;
 * - hq_figure: only HQ's own figure (rates, durations, percentages never add);
 * - hq_or_complete_sum: HQ's own figure, or the prefectures' sum only when every prefecture
 *   reported for the same date (stocks such as the loan balance);
 * - hq_milestone: a regional commitment, met only when HQ records it;
 * - each_prefecture: each prefecture's own commitment; the region counts how many have met it.
 */
export const regionRules = ['sum', 'union', 'weighted', 'hq_figure', 'hq_or_complete_sum', 'hq_milestone', 'each_prefecture'] as const;
export type RegionRule = (typeof regionRules)[number];
/** quota: a prefecture's value is judged only against a quota HQ set; same: against the checklist's target as it is. */
export const prefectureRules = ['quota', 'same'] as const;
export type PrefectureRule = (typeof prefectureRules)[number];

/** Which region rules fit which computation (the first is the default for older checklists). */
export const RULES_FOR: Record<Computation['kind'], readonly RegionRule[]> = {
  activity_count: ['sum'],
  metric_sum: ['sum'],
  distinct_enterprises: ['union'],
  enterprise_status_count: ['sum'],
  visit_count: ['sum'],
  ratio: ['weighted', 'hq_figure'],
  coverage: ['weighted'],
  reported: ['hq_or_complete_sum', 'hq_figure'],
  milestone: ['hq_milestone', 'each_prefecture'],
};

/** Where a year's counting starts for a cumulative indicator, when it is not the checklist's year. */
const fromDate = z.string().refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s), says('a date YYYY-MM-DD', '应为日期，格式 YYYY-MM-DD'));

export const periodSchema = z.enum(['yearly', 'cumulative', 'by_year_end', 'year_end']);

export const indicatorSchema = z.object({
  id,
  item: z.number().int().min(1),
  name: text,
  nameEn: text,
  unit: text,
  target: targetSchema,
  period: periodSchema,
  compute: computationSchema,
  sourceText: text,
  /** How prefecture values combine into the region (default: the first rule that fits the computation). */
  region: z.enum(regionRules).optional(),
  /** How a prefecture's value is judged (default: quota for sums and stocks, same for rates). */
  prefecture: z.enum(prefectureRules).optional(),
  /** Cumulative indicators: the first day counted (default: from the beginning of the records). */
  countsFrom: fromDate.optional(),
});
export type Indicator = z.infer<typeof indicatorSchema>;

export const checklistSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    title: text,
    titleEn: text,
    issuer: text,
    source: text,
    sections: z.array(z.object({ no: z.number().int().min(1), title: text, titleEn: text })).min(1),
    items: z
      .array(
        z.object({
          no: z.number().int().min(1),
          section: z.number().int().min(1),
          titleEn: text,
          text,
          departmentsText: text,
          departments: z.array(id).min(1),
          activityKinds: z.array(id).min(1),
        }),
      )
      .min(1),
    departments: z.array(z.object({ id, name: text, nameEn: text, aliases: z.array(text) })).min(1),
    metrics: z.array(z.object({ id, name: text, nameEn: text, unit: text, type: z.enum(['integer', 'decimal']) })),
    activityKinds: z.array(
      z.object({ id, name: text, nameEn: text, items: z.array(z.number().int().min(1)).min(1), metrics: z.array(id) }),
    ),
    enterpriseStatuses: z.array(z.object({ id, name: text, nameEn: text })),
    reportedFigures: z.array(z.object({ id, name: text, nameEn: text, unit: text, defaultSource: text })),
    indicators: z.array(indicatorSchema),
    /** Commitments of the text that no figure can check: listed on the dashboard as qualitative. */
    qualitative: z.array(z.object({ item: z.number().int().min(1), text, textEn: text }).strict()).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    // Where the entry at fault is (array and index), so that a workbook can name its sheet and row.
    let at: (string | number)[] = [];
    const fail = (en: string, zh: string) => ctx.addIssue({ code: 'custom', ...says(en, zh), path: at });
    const dupes = (label: string, labelZh: string, array: string, ids: (string | number)[]) => {
      const seen = new Set<string | number>();
      ids.forEach((i, index) => {
        at = [array, index];
        if (seen.has(i)) fail(`duplicate ${label} ${i}`, `${labelZh} ${i} 重复`);
        seen.add(i);
      });
    };
    dupes('section', '部分', 'sections', c.sections.map((s) => s.no));
    dupes('item', '事项', 'items', c.items.map((i) => i.no));
    dupes('department', '责任单位', 'departments', c.departments.map((d) => d.id));
    dupes('metric', '指标项', 'metrics', c.metrics.map((m) => m.id));
    dupes('activity kind', '活动类型', 'activityKinds', c.activityKinds.map((k) => k.id));
    dupes('indicator', '指标', 'indicators', c.indicators.map((i) => i.id));
    (c.qualitative ?? []).forEach((q, index) => {
      at = ['qualitative', index, 'item'];
      if (!c.items.some((i) => i.no === q.item)) fail(`qualitative commitment: unknown item ${q.item}`, `定性事项：没有第 ${q.item} 项`);
    });
    const sections = new Set(c.sections.map((s) => s.no));
    const items = new Set(c.items.map((i) => i.no));
    const departments = new Set(c.departments.map((d) => d.id));
    const metrics = new Set(c.metrics.map((m) => m.id));
    const kinds = new Map(c.activityKinds.map((k) => [k.id, k]));
    const statuses = new Set(c.enterpriseStatuses.map((s) => s.id));
    const figures = new Set(c.reportedFigures.map((f) => f.id));
    c.items.forEach((item, i) => {
      at = ['items', i];
      if (item.no !== i + 1) fail(`items must be numbered 1..n in order; found ${item.no} at position ${i + 1}`, `事项应按 1、2、3…依次编号；第 ${i + 1} 个事项的编号是 ${item.no}`);
      if (!sections.has(item.section)) fail(`item ${item.no}: unknown section ${item.section}`, `事项 ${item.no}：没有第 ${item.section} 部分`);
      for (const d of item.departments) if (!departments.has(d)) fail(`item ${item.no}: unknown department ${d}`, `事项 ${item.no}：未知的责任单位 ${d}`);
      for (const k of item.activityKinds) {
        const kind = kinds.get(k);
        if (!kind) fail(`item ${item.no}: unknown activity kind ${k}`, `事项 ${item.no}：未知的活动类型 ${k}`);
        else if (!kind.items.includes(item.no)) fail(`item ${item.no}: activity kind ${k} does not list the item`, `事项 ${item.no}：活动类型 ${k} 的所属事项中没有本事项`);
      }
    });
    for (const [index, k] of c.activityKinds.entries()) {
      at = ['activityKinds', index];
      for (const n of k.items) {
        if (!items.has(n)) fail(`activity kind ${k.id}: unknown item ${n}`, `活动类型 ${k.id}：没有第 ${n} 项事项`);
        else if (!c.items.find((i) => i.no === n)!.activityKinds.includes(k.id)) fail(`activity kind ${k.id} lists item ${n}, which does not list it`, `活动类型 ${k.id} 列出了事项 ${n}，但该事项的活动类型中没有它`);
      }
      for (const m of k.metrics) if (!metrics.has(m)) fail(`activity kind ${k.id}: unknown metric ${m}`, `活动类型 ${k.id}：未知的指标项 ${m}`);
    }
    const checkKinds = (where: string, whereZh: string, list: string[] | undefined) => {
      for (const k of list ?? []) if (!kinds.has(k)) fail(`${where}: unknown activity kind ${k}`, `${whereZh}：未知的活动类型 ${k}`);
    };
    const checkAdditive = (where: string, whereZh: string, comp: z.infer<typeof additive>) => {
      checkKinds(where, whereZh, comp.activityKinds);
      if (comp.kind === 'metric_sum') {
        if (!metrics.has(comp.metric)) fail(`${where}: unknown metric ${comp.metric}`, `${whereZh}：未知的指标项 ${comp.metric}`);
        for (const k of comp.activityKinds) {
          if (kinds.get(k) && !kinds.get(k)!.metrics.includes(comp.metric)) {
            fail(`${where}: activity kind ${k} does not record metric ${comp.metric}`, `${whereZh}：活动类型 ${k} 不记录指标项 ${comp.metric}`);
          }
        }
      }
    };
    for (const [index, ind] of c.indicators.entries()) {
      at = ['indicators', index];
      const where = `indicator ${ind.id}`;
      const whereZh = `指标 ${ind.id}`;
      if (!items.has(ind.item)) fail(`${where}: unknown item ${ind.item}`, `${whereZh}：没有第 ${ind.item} 项事项`);
      if (!ind.id.startsWith(`${ind.item}.`)) fail(`${where}: id must start with its item number`, `${whereZh}：编号应以所属事项号开头（如 ${ind.item}.xxx）`);
      const comp = ind.compute;
      switch (comp.kind) {
        case 'activity_count':
        case 'metric_sum':
        case 'distinct_enterprises':
          checkAdditive(where, whereZh, comp);
          break;
        case 'ratio':
          checkAdditive(where, whereZh, comp.numerator);
          checkAdditive(where, whereZh, comp.denominator);
          break;
        case 'coverage':
          checkKinds(where, whereZh, comp.coveredBy.activityKinds);
          break;
        case 'enterprise_status_count':
          if (!statuses.has(comp.status)) fail(`${where}: unknown enterprise status ${comp.status}`, `${whereZh}：未知的企业状态 ${comp.status}`);
          break;
        case 'reported':
          if (!figures.has(comp.figure)) fail(`${where}: unknown reported figure ${comp.figure}`, `${whereZh}：未知的上报数据 ${comp.figure}`);
          break;
        case 'milestone':
          if (ind.target.kind !== 'milestone') fail(`${where}: a milestone computation needs a milestone target`, `${whereZh}：里程碑计算方式需要里程碑目标`);
          break;
        case 'visit_count':
          break;
      }
      if (ind.target.kind === 'milestone' && comp.kind !== 'milestone') fail(`${where}: a milestone target needs a milestone computation`, `${whereZh}：里程碑目标需要里程碑计算方式`);
      for (const f of [comp.kind === 'distinct_enterprises' || comp.kind === 'visit_count' ? comp.enterpriseFilter : undefined, comp.kind === 'coverage' ? comp.population : undefined]) {
        if (f?.status && !statuses.has(f.status)) fail(`${where}: unknown enterprise status ${f.status}`, `${whereZh}：未知的企业状态 ${f.status}`);
      }
      if (ind.region && !RULES_FOR[comp.kind].includes(ind.region)) {
        const fits = RULES_FOR[comp.kind];
        fail(`${where}: region rule ${ind.region} does not fit a ${comp.kind} computation (use ${fits.join(' or ')})`, `${whereZh}：全区合计方式 ${ind.region} 不适用于 ${comp.kind} 计算（应为 ${fits.join(' 或 ')}）`);
      }
      if (ind.countsFrom && ind.period !== 'cumulative' && ind.period !== 'by_year_end') fail(`${where}: countsFrom is for cumulative indicators`, `${whereZh}：起算日期只适用于累计指标`);
      if ((ind.target.kind === 'percentage') !== (ind.unit === '%') && ind.target.kind !== 'exact') {
        fail(`${where}: percentage targets and the % unit go together`, `${whereZh}：百分比目标与单位 % 须同时使用`);
      }
    }
  });
export type Checklist = z.infer<typeof checklistSchema>;

const divisionCode = z.string().regex(/^54\d{4}$/, 'Tibet division codes are six digits starting 54');

export const regionsSchema = z
  .object({
    standard: text,
    region: z.object({ code: z.literal('540000'), name: text, nameEn: text }),
    prefectures: z
      .array(
        z.object({
          code: divisionCode,
          name: text,
          nameEn: text,
          counties: z.array(z.object({ code: divisionCode, name: text, nameEn: text, note: text.optional() })).min(1),
        }),
      )
      .length(7),
  })
  .strict()
  .superRefine((r, ctx) => {
    const seen = new Set<string>();
    for (const p of r.prefectures) {
      if (!p.code.endsWith('00')) ctx.addIssue({ code: 'custom', message: `prefecture ${p.code} must end in 00` });
      for (const c of p.counties) {
        if (seen.has(c.code)) ctx.addIssue({ code: 'custom', message: `duplicate county ${c.code}` });
        seen.add(c.code);
        if (c.code.slice(0, 4) !== p.code.slice(0, 4)) {
          ctx.addIssue({ code: 'custom', message: `county ${c.code} is not in prefecture ${p.code}` });
        }
      }
    }
  });
export type Regions = z.infer<typeof regionsSchema>;
export type Prefecture = Regions['prefectures'][number];

const entry = z.object({ id, name: text, nameEn: text }).strict();
export const cataloguesSchema = z
  .object({
    industries: z.object({ standard: text, sections: z.array(z.object({ code: z.string().regex(/^[A-Z]$/), name: text, nameEn: text }).strict()).min(1) }),
    sizes: z.array(entry).min(1),
    specialised: z.array(entry).min(1),
    listing: z.array(entry).min(1),
    visitKinds: z.array(entry).min(1),
    problemCategories: z.array(entry).min(1),
    problemStatuses: z.array(entry).min(1),
    activityModes: z.array(entry).min(1),
  })
  .strict();
export type Catalogues = z.infer<typeof cataloguesSchema>;
export type CatalogueEntry = z.infer<typeof entry>;
