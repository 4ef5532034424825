import type { Database } from 'better-sqlite3';
import type { EnterpriseData, EnterpriseFields } from '../../api/entities';
import { FieldErrors } from '../errors';
import { catalogues, findCounty, findPrefecture } from '../reference/bundled';
import { knownEnterpriseStatuses } from '../checklists';
import { describeUsccProblem, validateUscc } from './uscc';
import { today } from '../clock';

/**
 * Checks an enterprise as a whole and returns the fields to store. Every problem is collected,
 * so a form can mark each field and an import can list each reason.
 */
export function validateEnterprise(db: Database, input: EnterpriseData, prefectureCode: string, errors = new FieldErrors()): EnterpriseFields {
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
  for (const [status, y] of Object.entries(statuses)) {
    if (!known.has(status)) errors.add(`statuses.${status}`, `Unknown status ${status}.`, `未知的企业状态 ${status}。`);
    else if (y > thisYear) errors.add(`statuses.${status}`, `The year of ${known.get(status)!.nameEn} cannot be in the future.`, `“${known.get(status)!.name}”的年份不能晚于今年。`);
  }
  // The listing state and the year it was reached go together.
  if (input.listing !== 'none' && statuses.listing === undefined) statuses.listing = thisYear;
  if (input.listing === 'none') delete statuses.listing;
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
    statuses: sortKeys(statuses),
    notes: input.notes,
  };
}

function sortKeys(o: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}
