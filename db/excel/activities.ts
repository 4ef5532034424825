import type { Database } from 'better-sqlite3';
import { activityInput, activityListInput, type Activity, type ActivityInput, type ActivityRow } from '../../api/entities';
import { catalogues } from '../reference/bundled';
import { currentChecklist } from '../checklists';
import { findActivityByKey, getActivity, linkedEnterprises, listActivities, saveActivity } from '../activities';
import { ACTIVITY_MODE_WORDS, catalogueChoices, countyChoices, countySpec, departmentChoices, withWords, labelOf, readItemNo, resolveEnterprise, splitList } from './lookups';
import type { Column, ExcelEntity, RowOutcome } from './types';
import type { CellReader } from './cells';
import { allRows, parseRow, toInput } from './parse';

type ActivityRecord = ActivityRow & { enterpriseList?: string };

function kindChoices(db: Database) {
  return (currentChecklist(db)?.activityKinds ?? []).map((k) => ({ id: k.id, labels: [k.name, k.nameEn] }));
}

function columns(db: Database): Column<ActivityRecord>[] {
  const checklist = currentChecklist(db);
  const metrics = checklist?.metrics ?? [];
  const kinds = kindChoices(db);
  return [
    { key: 'id', header: '编号', headerEn: 'Id', width: 38, hint: '导出时生成，用于再次导入时更新原记录；新增时留空', value: (a) => a.id },
    { key: 'itemNo', header: '清单事项', headerEn: 'Checklist item', width: 10, required: true, hint: '清单事项序号 1–22', value: (a) => a.itemNo },
    { key: 'kind', header: '活动类型', headerEn: 'Activity kind', width: 26, required: true, options: kinds.map((k) => k.labels[0]!), value: (a) => labelOf(kinds, a.kind) },
    { key: 'title', header: '活动名称', headerEn: 'Title', width: 30, required: true, value: (a) => a.title },
    { key: 'date', header: '日期', headerEn: 'Date', width: 12, required: true, type: 'date', hint: '如 2022-03-15，不能晚于今天', value: (a) => a.date },
    { key: 'countyCode', header: '县（区）', headerEn: 'County', width: 14, options: countyChoices(db).map((c) => c.labels[0]!), value: (a) => labelOf(countyChoices(db), a.countyCode) },
    { key: 'place', header: '地点', headerEn: 'Place', width: 20, value: (a) => a.place },
    { key: 'organiser', header: '主办单位', headerEn: 'Organiser', width: 20, value: (a) => a.organiser },
    { key: 'mode', header: '形式', headerEn: 'Mode', width: 12, options: catalogues().activityModes.map((m) => m.name), value: (a) => labelOf(catalogueChoices(catalogues().activityModes), a.mode) },
    ...metrics.map((m) => ({
      key: `metrics.${m.id}`,
      header: `${m.name}（${m.unit}）`,
      headerEn: `${m.nameEn} (${m.unit})`,
      width: 12,
      type: 'number' as const,
      hint: `适用于：${(checklist?.activityKinds ?? []).filter((k) => k.metrics.includes(m.id)).map((k) => k.name).join('、')}`,
      value: (a: ActivityRecord) => a.metrics[m.id] ?? null,
    })),
    { key: 'enterpriseIds', header: '参与企业', headerEn: 'Enterprises', width: 40, hint: '名录中的企业，填统一社会信用代码或企业全称，多家用；分隔', value: (a) => a.enterpriseList ?? null },
    { key: 'departments', header: '责任单位', headerEn: 'Departments', width: 24, hint: '清单中的责任单位，多个用、分隔', value: (a) => a.departments.map((d) => labelOf(departmentChoices(db), d)).join('、') || null },
    { key: 'notes', header: '备注', headerEn: 'Notes', width: 30, value: (a) => a.notes },
  ];
}

function importRow(db: Database, read: CellReader): RowOutcome {
  const checklist = currentChecklist(db);
  const kind = read.requiredOption('kind', withWords(kindChoices(db), {}, true));
  const title = read.required('title', 200);
  const date = read.has('date') ? read.date('date') : read.required('date');
  const idText = read.text('id', 40);
  let existing: Activity | null = null;
  if (idText) {
    const row = db.prepare('SELECT id FROM activities WHERE id = ?').get(idText) as { id: string } | undefined;
    if (row) existing = getActivity(db, row.id);
  } else if (kind && title && date) {
    const id = findActivityByKey(db, date, kind, title);
    if (id) existing = getActivity(db, id);
  }
  const metrics: Record<string, number> = { ...(existing?.metrics ?? {}) };
  for (const m of checklist?.metrics ?? []) {
    const key = `metrics.${m.id}`;
    // A blank cell keeps what is stored, like every other column (see toInput).
    if (!read.has(key)) continue;
    const v = read.number(key, m.type === 'integer');
    if (v !== null) metrics[m.id] = v;
  }
  const input = toInput<ActivityInput>(read, existing, {
    itemNo: () => (read.has('itemNo') ? readItemNo(read, 'itemNo') : read.required('itemNo')) ?? 0,
    kind: () => kind ?? '',
    title: () => title ?? '',
    date: () => date ?? '',
    countyCode: () => read.option('countyCode', countySpec(db)),
    place: () => read.text('place', 200),
    organiser: () => read.text('organiser', 100),
    mode: () => read.option('mode', withWords(catalogueChoices(catalogues().activityModes), ACTIVITY_MODE_WORDS)) ?? 'offline',
    enterpriseIds: () => splitList(read.text('enterpriseIds', 100000)).map((t) => resolveEnterprise(db, read, 'enterpriseIds', t)).filter((x): x is string => x !== null),
    departments: () =>
      splitList(read.text('departments', 2000))
        .map((t) => {
          const d = departmentChoices(db).find((c) => c.id === t || c.labels.includes(t));
          if (!d) read.errors.add('departments', `"${t}" is not a department of the checklist.`, `“${t}”不是清单中的责任单位。`);
          return d?.id ?? null;
        })
        .filter((x): x is string => x !== null),
    notes: () => read.text('notes', 2000),
  });
  input.metrics = metrics;
  if (existing) input.id = existing.id;
  const r = saveActivity(db, parseRow(read, activityInput, input));
  return r.created ? 'created' : r.changed ? 'updated' : 'unchanged';
}

export const activitySheet: ExcelEntity<ActivityRecord> = {
  kind: 'activities',
  title: '活动台账',
  titleEn: 'Activity ledger',
  columns,
  exportRecords: (db, filters) =>
    allRows(activityListInput, filters, (q) => listActivities(db, q)).map((row) => ({ ...row, enterpriseList: linkedEnterprises(db, row.id).map((e) => e.uscc ?? e.name).join('；') || undefined })),
  importRow,
  identity: ['id'],
};
