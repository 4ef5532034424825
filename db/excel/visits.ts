import type { Database } from 'better-sqlite3';
import { visitInput, visitListInput, type VisitInput, type VisitRow } from '../../api/entities';
import { catalogues } from '../reference/bundled';
import { findVisitByKey, getVisit, listVisits, saveVisit } from '../visits';
import { catalogueChoices, labelOf, readItemNo, resolveEnterprise, VISIT_KIND_WORDS, withWords } from './lookups';
import type { Column, ExcelEntity, RowOutcome } from './types';
import type { CellReader } from './cells';
import { allRows, parseRow, toInput } from './parse';

type VisitRecord = VisitRow & { enterpriseRef?: string };

function columns(): Column<VisitRecord>[] {
  const kinds = catalogueChoices(catalogues().visitKinds);
  return [
    { key: 'id', header: '编号', headerEn: 'Id', width: 38, hint: '导出时生成，用于再次导入时更新原记录；新增时留空', value: (v) => v.id },
    { key: 'enterpriseId', header: '企业', headerEn: 'Enterprise', width: 32, required: true, hint: '统一社会信用代码或企业全称', value: (v) => v.enterpriseRef ?? v.enterpriseName },
    { key: 'date', header: '走访日期', headerEn: 'Date', width: 12, required: true, type: 'date', value: (v) => v.date },
    { key: 'kind', header: '走访类型', headerEn: 'Kind', width: 18, required: true, options: kinds.map((k) => k.labels[0]!), value: (v) => labelOf(kinds, v.kind) },
    { key: 'visitors', header: '走访人员', headerEn: 'Visitors', width: 20, required: true, value: (v) => v.visitors },
    { key: 'itemNo', header: '清单事项', headerEn: 'Checklist item', width: 10, value: (v) => v.itemNo },
    { key: 'summary', header: '走访情况', headerEn: 'Summary', width: 40, value: (v) => v.summary },
  ];
}

function importRow(db: Database, read: CellReader): RowOutcome {
  const enterpriseText = read.required('enterpriseId', 200);
  const enterpriseId = enterpriseText ? resolveEnterprise(db, read, 'enterpriseId', enterpriseText) : null;
  const date = read.has('date') ? read.date('date') : read.required('date');
  const kind = read.requiredOption('kind', withWords(catalogueChoices(catalogues().visitKinds), VISIT_KIND_WORDS, true));
  const idText = read.text('id', 40);
  let existingId: string | null = null;
  if (idText) existingId = (db.prepare('SELECT id FROM visits WHERE id = ?').get(idText) as { id: string } | undefined)?.id ?? null;
  else if (enterpriseId && date && kind) existingId = findVisitByKey(db, enterpriseId, date, kind);
  const existing = existingId ? getVisit(db, existingId) : null;
  const input = toInput<VisitInput>(read, existing, {
    enterpriseId: () => enterpriseId ?? '',
    date: () => date ?? '',
    kind: () => kind ?? '',
    visitors: () => read.required('visitors', 200) ?? '',
    itemNo: () => readItemNo(read, 'itemNo'),
    summary: () => read.text('summary', 4000),
  });
  if (existing) input.id = existing.id;
  const r = saveVisit(db, parseRow(read, visitInput, input));
  return r.created ? 'created' : r.changed ? 'updated' : 'unchanged';
}

export const visitSheet: ExcelEntity<VisitRecord> = {
  kind: 'visits',
  title: '走访记录',
  titleEn: 'Visits',
  columns,
  exportRecords: (db, filters) => {
    const out: VisitRecord[] = [];
    const codes = db.prepare('SELECT uscc FROM enterprises WHERE id = ?');
    for (const v of allRows(visitListInput, filters, (q) => listVisits(db, q))) out.push({ ...v, enterpriseRef: (codes.get(v.enterpriseId) as { uscc: string | null }).uscc ?? v.enterpriseName });
    return out;
  },
  importRow,
  identity: ['id', 'enterpriseId'],
};
