import { describe, expect, it } from 'vitest';
import { getChecklist } from '../../db/checklists';
import { readChecklistJson, problemLine, type ChecklistProblem } from '../../db/checklist-book/read';
import { computationSchema, regionRules } from '../../db/reference/schema';
import { memoryDb } from '../support/db';

/**
 * Every problem the checklist checks find reads in Chinese (where, then what), with the English
 * beside it in the line a person reads: no English sentence inside the Chinese.
 */
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const base = () => structuredClone(getChecklist(memoryDb({ role: 'hq' }), 2022)!) as Json;
const indicator = (c: Json, id: string) => c.indicators.find((i: Json) => i.id === id);

/** Faults of shape, found by zod's own checks: missing, empty, wrong type, unknown kind, value or key. */
function misshapen(): Json {
  const c = base();
  c.items[2].text = '';
  delete c.items[3].titleEn;
  indicator(c, '6.loan_balance').compute = { kind: 'from_a_newer_build' };
  indicator(c, '6.loan_households').region = 'bogus';
  indicator(c, '8.financing').target = { kind: 'min', value: -1 };
  indicator(c, '13.tech_products').compute.activityKinds = [];
  indicator(c, '11.product_brands').target = { kind: 'range', min: 5, max: 3 };
  indicator(c, '6.recommended').id = 'Bad Id';
  indicator(c, '9.bond_amount').countsFrom = 'last year';
  c.sections[2].no = 'three';
  c.extra = true;
  return c;
}

/** Well-shaped, but the parts do not fit together: the checklist's own checks. */
function inconsistent(): Json {
  const c = base();
  c.sections[1].no = c.sections[0].no;
  c.qualitative = [{ item: 21, text: '定性', textEn: 'qualitative' }, { item: 99, text: '定性', textEn: 'qualitative' }];
  c.items[0].departments = ['no_such_dept'];
  c.items[1].activityKinds.push('no_such_kind');
  c.items[4].no = 77;
  c.activityKinds[0].metrics.push('no_such_metric');
  c.activityKinds[1].items.push(22);
  indicator(c, '6.events').item = 19;
  indicator(c, '11.mgmt_training').compute.metric = 'no_such_metric2';
  indicator(c, '10.high_tech').compute.status = 'no_such_status';
  indicator(c, '6.credit_growth').compute.figure = 'no_such_figure';
  indicator(c, '3.road_rules').target = { kind: 'min', value: 1 };
  indicator(c, '20.rent_relief_risk').region = 'sum';
  indicator(c, '7.events').countsFrom = '2022-01-01';
  indicator(c, '7.loan_success_rate').unit = '家';
  indicator(c, '13.little_giants').compute.enterpriseFilter.status = 'no_such_status2';
  return c;
}

/**
 * Latin words a Chinese message may hold: the file's own ids and values (whole, as written), the
 * names of kinds and rules, the date pattern. An English word of a sentence ("unknown", "kind") is
 * none of these.
 */
function allowedWords(raw: unknown): Set<string> {
  const words = new Set<string>(['YYYY', 'MM', 'DD', 'xxx', 'extra']);
  const walk = (v: unknown) => {
    if (typeof v === 'string' && /^[a-z0-9_.]+$/.test(v)) words.add(v);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(raw);
  for (const k of computationSchema.options.map((o) => o.shape.kind.value)) words.add(k);
  for (const r of regionRules) words.add(r);
  return words;
}

function englishIn(p: ChecklistProblem, allowed: Set<string>): string[] {
  // The place (a sheet, a row, a JSON path) is the file's own; what follows it is the message.
  const body = p.messageZh.replace(/^(工作表“[^”]*”)?(第\d+行)?(“[^”]*”)?：/, '');
  const tokens = body.match(/[A-Za-z0-9_.]*[A-Za-z][A-Za-z0-9_.]*/g) ?? [];
  return tokens.map((t) => t.replace(/\.$/, '')).filter((t) => !/^\d+\.xxx$/.test(t) && !allowed.has(t));
}

describe('checklist check messages', () => {
  it.each([
    ['of shape', misshapen, 10, ['区间下限不能大于上限', '缺少此项', '不能为空', '不认识的字段：extra', '未知的类型“from_a_newer_build”', '编号只能由小写字母', '应为日期', '应为数字', '应大于 0', '至少需要 1 项']],
    ['of consistency', inconsistent, 15, ['部分 1 重复', '定性事项：没有第 99 项', '未知的责任单位 no_such_dept', '事项应按', '指标 20.rent_relief_risk：全区合计方式 sum 不适用于 reported 计算（应为 hq_or_complete_sum 或 hq_figure）', '起算日期只适用于累计指标', '百分比目标与单位 % 须同时使用', '未知的企业状态 no_such_status2']],
  ] as const)('every problem %s reads in Chinese, with its English beside it', (_, make, least, texts) => {
    const raw = make();
    const { checklist, problems } = readChecklistJson(JSON.stringify(raw));
    expect(checklist).toBeNull();
    expect(problems.length).toBeGreaterThanOrEqual(least);
    const allowed = allowedWords(raw);
    for (const p of problems) {
      expect(englishIn(p, allowed), `${p.messageZh} (${p.message})`).toEqual([]);
      expect(p.messageZh).toMatch(/[\u4e00-\u9fff]/);
      expect(p.message).toMatch(/[a-z]{3,}/i);
      const line = problemLine(p);
      expect(line.zh).toBe(p.messageZh);
      expect(line.en).toContain(p.message);
    }
    const zh = problems.map((p) => p.messageZh).join('\n');
    for (const text of texts) expect(zh).toContain(text);
  });

  it('a file that is not JSON says so in Chinese', () => {
    const [p] = readChecklistJson('{ not json').problems;
    expect(p!.messageZh).toBe('不是有效的 JSON 文件（请从导出的 JSON 开始修改）');
    expect(p!.message).toMatch(/^Not JSON: /);
  });
});
