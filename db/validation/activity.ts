import { checkPlainText } from './text';
import type { Database } from 'better-sqlite3';
import type { ActivityData, ActivityFields } from '../../api/entities';
import { FieldErrors } from '../errors';
import { checklistInForce } from '../checklists';
import { checkCounty, checkEnterprise, checkPastDate } from './common';

/**
 * An activity is filed under an item of the checklist in force on its date, with a kind that
 * checklist allows for the item; the kind decides which metrics may be recorded.
 */
export function validateActivity(db: Database, input: ActivityData, prefectureCode: string, errors = new FieldErrors()): ActivityFields {
  checkPastDate(errors, 'date', input.date, { en: 'The activity date', zh: '活动日期' });
  const checklist = errors.has('date') ? null : checklistInForce(db, input.date);
  if (!errors.has('date') && !checklist) {
    errors.add('date', `No checklist covers ${input.date.slice(0, 4)}.`, `没有适用于${input.date.slice(0, 4)}年的清单。`);
  }
  if (checklist) {
    const item = checklist.items.find((i) => i.no === input.itemNo);
    if (!item) errors.add('itemNo', `The ${checklist.year} checklist has no item ${input.itemNo}.`, `${checklist.year}年清单没有第${input.itemNo}项。`);
    const kind = checklist.activityKinds.find((k) => k.id === input.kind);
    if (!kind) errors.add('kind', `Unknown activity kind ${input.kind}.`, `未知的活动类型 ${input.kind}。`);
    else if (item && !item.activityKinds.includes(kind.id)) {
      errors.add('kind', `${kind.nameEn} is not an activity of item ${item.no}.`, `“${kind.name}”不属于第${item.no}项的活动类型。`);
    }
    if (kind) {
      for (const [metric, value] of Object.entries(input.metrics)) {
        const def = checklist.metrics.find((m) => m.id === metric);
        const field = `metrics.${metric}`;
        if (!def || !kind.metrics.includes(metric)) {
          errors.add(field, `${kind.nameEn} does not record ${metric}.`, `“${kind.name}”不记录该指标（${metric}）。`);
        } else if (!Number.isFinite(value) || value < 0) {
          errors.add(field, `${def.nameEn} cannot be negative.`, `${def.name}不能为负数。`);
        } else if (def.type === 'integer' && !Number.isInteger(value)) {
          errors.add(field, `${def.nameEn} is a whole number.`, `${def.name}应为整数。`);
        } else if (value > 1e9) {
          errors.add(field, `${def.nameEn} is implausibly large.`, `${def.name}数值过大。`);
        }
      }
      const applied = input.metrics.loans_applied;
      const obtained = input.metrics.loans_obtained;
      if (applied !== undefined && obtained !== undefined && obtained > applied) {
        errors.add('metrics.loans_obtained', 'More enterprises obtained loans than applied for them.', '获得贷款企业数不能多于申请贷款企业数。');
      }
    }
    const departments = new Set(checklist.departments.map((d) => d.id));
    input.departments.forEach((d, i) => {
      if (!departments.has(d)) errors.add(`departments.${i}`, `Unknown department ${d}.`, `未知的责任单位 ${d}。`);
    });
  }
  checkCounty(errors, 'countyCode', input.countyCode, prefectureCode);
  const seen = new Set<string>();
  input.enterpriseIds.forEach((id, i) => {
    if (seen.has(id)) errors.add(`enterpriseIds.${i}`, 'The same enterprise is linked twice.', '同一企业重复关联。');
    seen.add(id);
    checkEnterprise(db, errors, `enterpriseIds.${i}`, id);
  });
  checkPlainText(errors, 'notes', input.notes, { en: 'The notes', zh: '备注' });
  return {
    prefectureCode,
    checklistYear: checklist?.year ?? 0,
    itemNo: input.itemNo,
    kind: input.kind,
    title: input.title,
    date: input.date,
    countyCode: input.countyCode,
    place: input.place,
    organiser: input.organiser,
    mode: input.mode,
    metrics: Object.fromEntries(Object.entries(input.metrics).sort(([a], [b]) => a.localeCompare(b))),
    departments: [...new Set(input.departments)],
    notes: input.notes,
  };
}
