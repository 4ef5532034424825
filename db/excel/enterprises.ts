import type { Database } from 'better-sqlite3';
import { enterpriseInput, enterpriseListInput, type Enterprise, type EnterpriseInput } from '../../api/entities';
import { catalogues } from '../reference/bundled';
import { knownEnterpriseStatuses } from '../checklists';
import { findByUscc, getEnterprise, listEnterprises, saveEnterprise } from '../enterprises';
import { requireInstallation } from '../installation';
import { validateUscc } from '../validation/uscc';
import { catalogueChoices, countyChoices, countySpec, industryChoices, industrySpec, labelOf, prefectureChoices, prefectureSpec, sizeSpec } from './lookups';
import type { Column, ExcelEntity, RowOutcome } from './types';
import type { CellReader } from './cells';
import { allRows, parseRow, toInput } from './parse';

function statusColumns(db: Database): Column<Enterprise>[] {
  return [...knownEnterpriseStatuses(db)]
    .filter(([id]) => id !== 'listing')
    .map(([id, s]) => ({
      key: `statuses.${id}`,
      header: `${s.name}（取得日期）`,
      headerEn: `${s.nameEn} (date reached)`,
      aliases: [`${s.name}（年份）`, `${s.nameEn} (year)`],
      width: 14,
      type: 'date' as const,
      hint: `企业取得“${s.name}”的日期，如 2022-06-30；只填年份（如 2022）按当年12月31日计；不是则留空`,
      value: (e: Enterprise) => e.statuses[id] ?? null,
    }));
}

function columns(db: Database): Column<Enterprise>[] {
  const c = catalogues();
  const hq = requireInstallation(db).role === 'hq';
  return [
    { key: 'uscc', header: '统一社会信用代码', headerEn: 'Credit code', width: 22, hint: '18位，按 GB 32100-2015 校验；企业暂无代码时留空并填写“暂无代码原因”', value: (e) => e.uscc },
    { key: 'noUsccReason', header: '暂无代码原因', headerEn: 'Reason for no code', width: 18, value: (e) => e.noUsccReason },
    { key: 'name', header: '企业名称', headerEn: 'Name', width: 32, required: true, value: (e) => e.name },
    ...(hq ? [{ key: 'prefectureCode', header: '所属地（市）', headerEn: 'Prefecture', width: 12, required: true, options: prefectureChoices().map((p) => p.labels[0]!), value: (e: Enterprise) => labelOf(prefectureChoices(), e.prefectureCode) }] : []),
    { key: 'countyCode', header: '县（区）', headerEn: 'County', width: 14, options: countyChoices(db).map((x) => x.labels[0]!), value: (e) => labelOf(countyChoices(db), e.countyCode) },
    { key: 'address', header: '地址', headerEn: 'Address', width: 30, value: (e) => e.address },
    { key: 'industry', header: '行业门类', headerEn: 'Industry', width: 24, options: industryChoices().map((x) => x.labels[0]!), hint: 'GB/T 4754-2017 门类', value: (e) => labelOf(industryChoices(), e.industry) },
    { key: 'size', header: '企业规模', headerEn: 'Size', width: 10, options: c.sizes.map((s) => s.name), value: (e) => labelOf(catalogueChoices(c.sizes), e.size) },
    { key: 'specialised', header: '专精特新', headerEn: 'Specialised status', width: 22, options: c.specialised.map((s) => s.name), value: (e) => labelOf(catalogueChoices(c.specialised), e.specialised) },
    { key: 'specialisedYear', header: '专精特新认定年份', headerEn: 'Certified in', width: 12, type: 'number', value: (e) => e.specialisedYear },
    { key: 'listing', header: '挂牌上市', headerEn: 'Listing', width: 16, options: c.listing.map((s) => s.name), value: (e) => labelOf(catalogueChoices(c.listing), e.listing) },
    { key: 'contactPerson', header: '联系人', headerEn: 'Contact person', width: 10, value: (e) => e.contactPerson },
    { key: 'contactPhone', header: '联系电话', headerEn: 'Phone', width: 16, value: (e) => e.contactPhone },
    { key: 'serviceOfficer', header: '服务专员', headerEn: 'Service officer', width: 10, value: (e) => e.serviceOfficer },
    ...statusColumns(db),
    { key: 'notes', header: '备注', headerEn: 'Notes', width: 30, value: (e) => e.notes },
  ];
}

function importRow(db: Database, read: CellReader): RowOutcome {
  const c = catalogues();
  const usccText = read.code('uscc', 40);
  const name = read.required('name', 100);
  // Match an existing record: by credit code, or for an enterprise without one, by its name.
  const code = usccText ? validateUscc(usccText) : null;
  let existing: Enterprise | null = code?.ok ? findByUscc(db, code.code) : null;
  if (!existing && !usccText && name) {
    const row = db.prepare('SELECT id FROM enterprises WHERE name = ? AND uscc IS NULL AND deleted = 0').get(name) as { id: string } | undefined;
    if (row) existing = getEnterprise(db, row.id);
  }
  const statuses: Record<string, string | number> = { ...(existing?.statuses ?? {}) };
  for (const col of statusColumns(db)) {
    // A blank cell keeps what is stored, like every other column (see toInput).
    if (!read.has(col.key)) continue;
    // A year alone (as templates before dates asked for) or a date.
    const asYear = read.yearOnly(col.key);
    const d = asYear ?? read.date(col.key);
    if (d !== null) statuses[col.key.slice('statuses.'.length)] = d;
  }
  const input: EnterpriseInput = toInput<EnterpriseInput>(read, existing, {
    uscc: () => usccText,
    noUsccReason: () => read.text('noUsccReason', 200),
    name: () => name ?? '',
    prefectureCode: () => read.option('prefectureCode', prefectureSpec()),
    countyCode: () => read.option('countyCode', countySpec(db)),
    address: () => read.text('address', 200),
    industry: () => read.option('industry', industrySpec()),
    size: () => read.option('size', sizeSpec()) as EnterpriseInput['size'],
    specialised: () => (read.option('specialised', catalogueChoices(c.specialised)) ?? 'none') as EnterpriseInput['specialised'],
    specialisedYear: () => read.number('specialisedYear', true),
    listing: () => (read.option('listing', catalogueChoices(c.listing)) ?? 'none') as EnterpriseInput['listing'],
    contactPerson: () => read.text('contactPerson', 50),
    contactPhone: () => read.code('contactPhone', 30),
    serviceOfficer: () => read.text('serviceOfficer', 50),
    notes: () => read.text('notes', 2000),
  });
  input.statuses = statuses;
  if (existing) {
    input.id = existing.id;
    if (!read.has('uscc')) input.uscc = existing.uscc;
  }
  const r = saveEnterprise(db, parseRow(read, enterpriseInput, input));
  return r.created ? 'created' : r.changed ? 'updated' : 'unchanged';
}

export const enterpriseSheet: ExcelEntity<Enterprise> = {
  kind: 'enterprises',
  rowKey: {
    column: 'uscc',
    of: (read) => {
      const text = read.code('uscc', 40);
      const code = text ? validateUscc(text) : null;
      return code?.ok ? code.code : null;
    },
  },
  title: '企业名录',
  titleEn: 'Enterprise register',
  columns,
  exportRecords: (db, filters) => allRows(enterpriseListInput, filters, (q) => listEnterprises(db, q)),
  importRow,
  identity: ['uscc'],
};
