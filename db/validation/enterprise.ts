import { checkPlainText } from './text';
import type { Database } from 'better-sqlite3';
import type { Enterprise, EnterpriseData, EnterpriseFields } from '../../api/entities';
import { FieldErrors } from '../errors';
import { catalogues, findCounty, findPrefecture } from '../reference/bundled';
import { knownEnterpriseStatuses } from '../checklists';
import { describeUsccProblem, validateUscc } from './uscc';
import { isRealDate, today } from '../clock';

/**
 * Checks an enterprise as a whole and returns the fields to store. Every problem is collected,
 * so a form can mark each field and an import can list each reason.
 */
export function validateEnterprise(db: Database, input: EnterpriseData, prefectureCode: string, errors = new FieldErrors(), existing: Enterprise | null = null): EnterpriseFields {
  const thisYear = Number(today().slice(0, 4));
  let uscc: string | null = null;
  if (input.uscc !== null && input.uscc.trim() !== '') {
    const r = validateUscc(input.uscc);
    if (r.ok) uscc = r.code;
    else {
      const m = describeUsccProblem(r.problem);
      errors.add('uscc', m.en, m.zh);
    }
  } else if (!input.noUsccReason) {
    errors.add('uscc', 'Enter the credit code, or mark the enterprise as having none and say why.', '请填写统一社会信用代码；企业暂无代码的，须注明暂无代码原因。');
  }
  if (!findPrefecture(prefectureCode)) errors.add('prefectureCode', `Unknown prefecture ${prefectureCode}.`, `未知的地（市）代码 ${prefectureCode}。`);
  if (input.countyCode) {
    const county = findCounty(input.countyCode);
    if (!county) errors.add('countyCode', `Unknown county code ${input.countyCode}.`, `未知的县（区）代码 ${input.countyCode}。`);
    else if (county.prefectureCode !== prefectureCode) {
      errors.add('countyCode', `${county.name} is not in this prefecture.`, `${county.name}不属于本地（市）。`);
    }
  }
  if (input.industry && !catalogues().industries.sections.some((s) => s.code === input.industry)) {
    errors.add('industry', `Unknown industry section ${input.industry}.`, `未知的行业门类 ${input.industry}。`);
  }
  if (input.specialised !== 'none') {
    if (input.specialisedYear === null) errors.add('specialisedYear', 'Enter the year the 专精特新 status was certified.', '请填写专精特新认定年份。');
  }
  if (input.specialisedYear !== null && input.specialisedYear > thisYear) {
    errors.add('specialisedYear', 'The certification year cannot be in the future.', '认定年份不能晚于今年。');
  }
  if (input.contactPhone && !/^[0-9+\-\s()（）转]{5,30}$/.test(input.contactPhone)) {
    errors.add('contactPhone', 'A phone number has digits, spaces, +, - and brackets only.', '联系电话只能包含数字、空格、+、-和括号。');
  }
  const known = knownEnterpriseStatuses(db);
  const statuses = { ...input.statuses };
  for (const [status, d] of Object.entries(statuses)) {
    if (!known.has(status)) errors.add(`statuses.${status}`, `Unknown status ${status}.`, `未知的企业状态 ${status}。`);
    else if (!isRealDate(d)) errors.add(`statuses.${status}`, `${d} is not a real date.`, `“${known.get(status)!.name}”的取得日期“${d}”无效。`);
    else if (d > today()) errors.add(`statuses.${status}`, `The date of ${known.get(status)!.nameEn} cannot be in the future.`, `“${known.get(status)!.name}”的取得日期不能晚于今天。`);
  }
  // The listing state and the date it was reached go together.
  if (input.listing !== 'none' && statuses.listing === undefined) statuses.listing = today();
  if (input.listing === 'none') delete statuses.listing;
  const officerSince = serviceOfficerSince(input, existing, errors);
  checkPlainText(errors, 'notes', input.notes, { en: 'The notes', zh: '备注' });
  return {
    uscc,
    noUsccReason: uscc ? null : input.noUsccReason,
    name: input.name,
    prefectureCode,
    countyCode: input.countyCode,
    address: input.address,
    industry: input.industry,
    size: input.size,
    specialised: input.specialised,
    specialisedYear: input.specialised === 'none' ? null : input.specialisedYear,
    aboveScale: statuses.above_scale !== undefined,
    highTech: statuses.high_tech !== undefined,
    listing: input.listing,
    contactPerson: input.contactPerson,
    contactPhone: input.contactPhone,
    serviceOfficer: input.serviceOfficer,
    serviceOfficerSince: officerSince,
    statuses: sortKeys(statuses),
    notes: input.notes,
  };
}

/**
 * A service officer counts from the day assigned: the date given, or, when none is given, the
 * stored one if the officer is the same, else today (the day the assignment is recorded).
 */
function serviceOfficerSince(input: EnterpriseData, existing: Enterprise | null, errors: FieldErrors): string | null {
  if (!input.serviceOfficer) return null;
  const given = input.serviceOfficerSince ?? null;
  if (given !== null) {
    if (!isRealDate(given)) errors.add('serviceOfficerSince', `${given} is not a real date.`, `“${given}”不是有效日期。`);
    else if (given > today()) errors.add('serviceOfficerSince', 'The day the officer was assigned cannot be in the future.', '服务专员配备日期不能晚于今天。');
    return given;
  }
  if (existing && existing.serviceOfficer === input.serviceOfficer && existing.serviceOfficerSince) return existing.serviceOfficerSince;
  return today();
}

function sortKeys(o: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}
