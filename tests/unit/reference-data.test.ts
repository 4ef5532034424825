import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import checklistJson from '../../resources/checklists/2022.json';
import regionsJson from '../../resources/regions.json';
import { checklistSchema, regionsSchema } from '../../db/reference/schema';
import { repoRoot } from '../support/host';

const checklist = checklistSchema.parse(checklistJson);
const regions = regionsSchema.parse(regionsJson);
/** The source document with all whitespace removed, as the PDF extraction broke its lines. */
const source = fs
  .readFileSync(path.join(repoRoot, 'resources', checklist.source), 'utf8')
  .split('\n')
  .filter((l) => !/^\s*\d+\s*$/.test(l)) // page numbers
  .join('')
  .replace(/\s+/g, '');
const squeeze = (s: string) => s.replace(/\s+/g, '');

describe('checklist data', () => {
  it('passes its schema', () => {
    expect(checklistSchema.safeParse(checklistJson).success).toBe(true);
  });

  it('has the 7 sections and 22 items of the source document', () => {
    expect(checklist.sections.map((s) => s.title)).toEqual([
      '强化政策落实', '拓宽融资渠道', '推动协同创新', '推动数字化转型', '助力企业开拓市场', '提供精准对接服务', '开展助企服务活动',
    ]);
    for (const s of checklist.sections) expect(source).toContain(s.title);
    expect(checklist.items.map((i) => i.no)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
  });

  it('carries each item text and its departments verbatim', () => {
    for (const item of checklist.items) {
      expect(source, `item ${item.no}`).toContain(squeeze(item.text));
      expect(source, `item ${item.no} departments`).toContain(squeeze(item.departmentsText));
      for (const id of item.departments) {
        const d = checklist.departments.find((x) => x.id === id)!;
        const names = [d.name, ...d.aliases];
        expect(names.some((n) => item.departmentsText.includes(n)), `item ${item.no}: ${d.name}`).toBe(true);
      }
    }
  });

  it('quotes each indicator from the source, and its target figures are in the quote', () => {
    for (const ind of checklist.indicators) {
      expect(source, ind.id).toContain(squeeze(ind.sourceText));
      const t = ind.target;
      const figures = t.kind === 'range' ? [t.min, t.max] : t.kind === 'milestone' || t.kind === 'tracked' ? [] : [t.value];
      for (const f of figures) {
        // The source writes some figures in words: 5万 for 50000, 全覆盖 / 每家 for 100 %.
        const words: Record<number, string[]> = { 50000: ['5万'], 100: ['全覆盖', '每家'] };
        const written = [String(f), ...(words[f] ?? [])];
        expect(written.some((w) => squeeze(ind.sourceText).includes(w)), `${ind.id}: ${f}`).toBe(true);
      }
    }
  });

  // PRODUCT.md's table of quantified targets, restated independently of the data file.
  const expected: Record<string, [string, number, number?]> = {
    '6.events': ['min', 30], '6.credit_growth': ['percentage', 10], '6.enterprises_covered': ['min', 2000],
    '6.recommended': ['min', 30], '6.loan_balance': ['min', 900], '6.loan_households': ['min', 10000],
    '7.events': ['min', 10], '7.enterprises_covered': ['min', 800], '7.loan_success_rate': ['percentage', 85],
    '8.registered_users': ['min', 250], '8.activated_users': ['min', 200], '8.financing': ['min', 40],
    '9.bond_issues': ['min', 8], '9.bond_amount': ['min', 60],
    '10.above_scale': ['exact', 50], '10.high_tech': ['exact', 10], '10.listing': ['exact', 3],
    '11.mgmt_training': ['min', 2400], '11.public_training_events': ['min', 150], '11.public_trainees': ['min', 50000],
    '11.recruitment_fairs': ['min', 30], '11.brand_consultation': ['min', 400], '11.product_brands': ['range', 3, 5],
    '12.readymix_to_cement': ['range', 2, 3], '12.aggregate_to_readymix': ['range', 2, 3], '12.supporting_industry': ['min', 4],
    '13.little_giants': ['range', 1, 2], '13.tech_products': ['min', 5], '14.energy_diagnosis': ['percentage', 100],
    '15.digital_demo': ['min', 15], '16.scenarios': ['min', 200], '16.two_integration': ['min', 10],
    '18.cross_border': ['min', 2], '18.matsutake_base': ['exact', 1], '18.bee_base': ['exact', 1], '18.chilled_meat': ['exact', 1],
    '19.demo_platforms': ['exact', 4], '19.service_teams': ['exact', 20],
    '20.rent_relief_risk': ['exact', 6], '20.rent_relief_other': ['exact', 3], '20.freight_subsidy': ['exact', 50],
    '21.service_officer': ['percentage', 100],
  };
  it('matches every quantified target of the product table', () => {
    for (const [id, [kind, a, b]] of Object.entries(expected)) {
      const ind = checklist.indicators.find((i) => i.id === id);
      expect(ind, id).toBeDefined();
      expect(ind!.target.kind, id).toBe(kind);
      if (ind!.target.kind === 'range') expect([ind!.target.min, ind!.target.max], id).toEqual([a, b]);
      else if (ind!.target.kind !== 'milestone' && ind!.target.kind !== 'tracked') expect(ind!.target.value, id).toBe(a);
    }
    expect(checklist.indicators.find((i) => i.id === '16.alliance')?.target.kind).toBe('milestone');
  });

  it('gives items without a number no numeric indicator (item 3 has its 实施细则 milestone), and every other item at least one', () => {
    const withoutNumber = [1, 2, 3, 4, 5, 17, 22];
    for (const item of checklist.items) {
      const count = checklist.indicators.filter((i) => i.item === item.no && i.target.kind !== 'milestone').length;
      if (withoutNumber.includes(item.no)) expect(count, `item ${item.no}`).toBe(0);
      else expect(count, `item ${item.no}`).toBeGreaterThan(0);
    }
  });

  it('offers an "other" activity kind under every item', () => {
    for (const item of checklist.items) expect(item.activityKinds).toContain('other');
  });

  it('rejects a checklist that refers to things it does not define', () => {
    const broken = structuredClone(checklistJson) as typeof checklistJson;
    broken.indicators[0]!.compute = { kind: 'activity_count', activityKinds: ['no_such_kind'] } as never;
    const result = checklistSchema.safeParse(broken);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain('unknown activity kind no_such_kind');

    const dupe = structuredClone(checklistJson) as typeof checklistJson;
    dupe.indicators.push(dupe.indicators[0]!);
    expect(JSON.stringify(checklistSchema.safeParse(dupe).error?.issues)).toContain('duplicate indicator');
  });
});

describe('regions data', () => {
  it('passes its schema', () => {
    expect(regionsSchema.safeParse(regionsJson).success).toBe(true);
  });

  it('has the seven prefecture-level divisions with their GB/T 2260 codes', () => {
    expect(regions.prefectures.map((p) => `${p.code} ${p.name}`)).toEqual([
      '540100 拉萨市', '540200 日喀则市', '540300 昌都市', '540400 林芝市', '540500 山南市', '540600 那曲市', '542500 阿里地区',
    ]);
  });

  it('has 74 county-level divisions, each under its prefecture', () => {
    const counts = Object.fromEntries(regions.prefectures.map((p) => [p.name, p.counties.length]));
    expect(counts).toEqual({ 拉萨市: 8, 日喀则市: 18, 昌都市: 11, 林芝市: 7, 山南市: 12, 那曲市: 11, 阿里地区: 7 });
    const all = regions.prefectures.flatMap((p) => p.counties);
    expect(all).toHaveLength(74);
    expect(new Set(all.map((c) => c.name)).size).toBe(74);
    expect(all.find((c) => c.code === '540102')?.name).toBe('城关区');
    expect(all.find((c) => c.code === '540630')?.name).toBe('双湖县');
    expect(all.find((c) => c.code === '542523')?.name).toBe('噶尔县');
  });

  it('refuses a county filed under the wrong prefecture', () => {
    const broken = structuredClone(regionsJson);
    broken.prefectures[0]!.counties.push({ code: '540202', name: '桑珠孜区', nameEn: 'Samzhubzê' });
    expect(regionsSchema.safeParse(broken).success).toBe(false);
  });
});
