import type { Database } from 'better-sqlite3';
import { problemInput, problemListInput, type ProblemInput, type ProblemRow, type ProblemStatus } from '../../api/entities';
import { catalogues } from '../reference/bundled';
import { findProblemByKey, getProblem, listProblems, saveProblem, setProblemStatus } from '../problems';
import { catalogueChoices, labelOf, PROBLEM_STATUS_WORDS, readItemNo, resolveEnterprise, withWords } from './lookups';
import type { Column, ExcelEntity, RowOutcome } from './types';
import type { CellReader } from './cells';
import { allRows, parseRow, toInput } from './parse';

type ProblemRecord = ProblemRow & { enterpriseRef?: string };

function columns(): Column<ProblemRecord>[] {
  const c = catalogues();
  return [
    { key: 'id', header: '编号', headerEn: 'Id', width: 38, hint: '导出时生成，用于再次导入时更新原记录；新增时留空', value: (p) => p.id },
    { key: 'enterpriseId', header: '企业', headerEn: 'Enterprise', width: 32, required: true, hint: '统一社会信用代码或企业全称', value: (p) => p.enterpriseRef ?? p.enterpriseName },
    { key: 'category', header: '问题类别', headerEn: 'Category', width: 10, required: true, options: c.problemCategories.map((x) => x.name), value: (p) => labelOf(catalogueChoices(c.problemCategories), p.category) },
    { key: 'description', header: '问题描述', headerEn: 'Description', width: 40, required: true, value: (p) => p.description },
    { key: 'itemNo', header: '清单事项', headerEn: 'Checklist item', width: 10, value: (p) => p.itemNo },
    { key: 'responsibleUnit', header: '责任单位', headerEn: 'Responsible unit', width: 22, required: true, value: (p) => p.responsibleUnit },
    { key: 'deadline', header: '办理时限', headerEn: 'Deadline', width: 12, type: 'date', value: (p) => p.deadline },
    { key: 'status', header: '办理状态', headerEn: 'Status', width: 10, options: c.problemStatuses.map((x) => x.name), value: (p) => labelOf(catalogueChoices(c.problemStatuses), p.status) },
    { key: 'resolution', header: '办结情况或无法解决原因', headerEn: 'Resolution', width: 30, value: (p) => p.resolution },
  ];
}

function importRow(db: Database, read: CellReader): RowOutcome {
  const c = catalogues();
  const enterpriseText = read.required('enterpriseId', 200);
  const enterpriseId = enterpriseText ? resolveEnterprise(db, read, 'enterpriseId', enterpriseText) : null;
  const description = read.required('description', 2000);
  const idText = read.text('id', 40);
  let existingId: string | null = null;
  if (idText) existingId = (db.prepare('SELECT id FROM problems WHERE id = ?').get(idText) as { id: string } | undefined)?.id ?? null;
  else if (enterpriseId && description) existingId = findProblemByKey(db, enterpriseId, description);
  const existing = existingId ? getProblem(db, existingId) : null;
  const status = read.option<ProblemStatus>('status', withWords(catalogueChoices<ProblemStatus>(c.problemStatuses), PROBLEM_STATUS_WORDS));
  const resolution = read.text('resolution', 2000);
  const input = toInput<ProblemInput>(read, existing, {
    enterpriseId: () => enterpriseId ?? '',
    category: () => read.requiredOption('category', withWords(catalogueChoices(c.problemCategories), {}, true)) ?? '',
    description: () => description ?? '',
    itemNo: () => readItemNo(read, 'itemNo'),
    responsibleUnit: () => read.required('responsibleUnit', 100) ?? '',
    deadline: () => read.date('deadline'),
  });
  if (existing) {
    input.id = existing.id;
    delete input.enterpriseId;
  }
  const r = saveProblem(db, parseRow(read, problemInput, input));
  let changed = r.changed;
  if (status && status !== r.record.status) {
    setProblemStatus(db, { id: r.record.id, status, resolution, note: '由 Excel 导入' });
    changed = true;
  }
  return r.created ? 'created' : changed ? 'updated' : 'unchanged';
}

export const problemSheet: ExcelEntity<ProblemRecord> = {
  kind: 'problems',
  title: '企业困难问题清单',
  titleEn: 'Problem list',
  columns,
  exportRecords: (db, filters) => {
    const out: ProblemRecord[] = [];
    const codes = db.prepare('SELECT uscc FROM enterprises WHERE id = ?');
    for (const p of allRows(problemListInput, filters, (q) => listProblems(db, q))) out.push({ ...p, enterpriseRef: (codes.get(p.enterpriseId) as { uscc: string | null }).uscc ?? p.enterpriseName });
    return out;
  },
  importRow,
  identity: ['id', 'enterpriseId'],
};
