import type { Indicator, PrefectureRule, RegionRule } from '../reference/schema';
import { RULES_FOR } from '../reference/schema';

/**
 * How an indicator combines into the region and how a prefecture's value is judged, as its
 * checklist declares; a checklist written before these were declared gets the rule that fits its
 * computation (the first of RULES_FOR), which is also what the 2022 list states explicitly.
 */
export function regionRuleOf(ind: Indicator): RegionRule {
  return ind.region ?? RULES_FOR[ind.compute.kind][0]!;
}

export function prefectureRuleOf(ind: Indicator): PrefectureRule {
  if (ind.prefecture) return ind.prefecture;
  const r = regionRuleOf(ind);
  return r === 'sum' || r === 'union' || r === 'hq_or_complete_sum' ? 'quota' : 'same';
}
