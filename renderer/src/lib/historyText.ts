import type { RecordTable } from '../../../api/entities';
import type { MessageKey, Translate } from '../i18n';
import type { Labels } from './labels';

/**
 * How a change reads in a record's history: the field's name as the form calls it, and codes
 * shown as their names (县（区）：城关区 → 堆龙德庆区, not 540102 → 540103; 办理状态：办理中 →
 * 无法解决, not in_progress → unresolvable), figures and statuses as text rather than JSON.
 */
const FIELDS: Record<RecordTable, Record<string, MessageKey>> = {
  enterprises: {
    uscc: 'enterprise.uscc', noUsccReason: 'enterprise.noUsccReason', name: 'enterprise.name', prefectureCode: 'enterprise.prefecture', countyCode: 'enterprise.county',
    address: 'enterprise.address', industry: 'enterprise.industry', size: 'enterprise.size', specialised: 'enterprise.specialised', specialisedYear: 'enterprise.specialisedYear',
    aboveScale: 'enterprise.aboveScale', highTech: 'enterprise.highTech', listing: 'enterprise.listing', contactPerson: 'enterprise.contactPerson', contactPhone: 'enterprise.contactPhone',
    serviceOfficer: 'enterprise.serviceOfficer', statuses: 'enterprise.statuses', notes: 'common.notes', deleted: 'common.deleted',
  },
  activities: {
    itemNo: 'activity.item', kind: 'activity.kind', title: 'activity.title', date: 'activity.date', countyCode: 'enterprise.county', prefectureCode: 'enterprise.prefecture', place: 'activity.place',
    organiser: 'activity.organiser', mode: 'activity.mode', metrics: 'activity.metrics', enterpriseIds: 'activity.enterprises', departments: 'activity.departments', notes: 'common.notes', deleted: 'common.deleted',
  },
  visits: {
    enterpriseId: 'visit.enterprise', date: 'visit.date', kind: 'visit.kind', visitors: 'visit.visitors', itemNo: 'activity.item', summary: 'visit.summary', prefectureCode: 'enterprise.prefecture', deleted: 'common.deleted',
  },
  reported_figures: {
    figureId: 'figure.figure', asOf: 'figure.asOf', value: 'figure.value', source: 'figure.source', prefectureCode: 'enterprise.prefecture', notes: 'common.notes', deleted: 'common.deleted',
  },
  problems: {
    category: 'problem.category', description: 'problem.description', itemNo: 'activity.item', responsibleUnit: 'problem.unit', deadline: 'problem.deadline', status: 'problem.status',
    resolution: 'problem.resolution', closedOn: 'problem.closedOn', prefectureCode: 'enterprise.prefecture', deleted: 'common.deleted',
  },
};

export function historyText(table: RecordTable, t: Translate, l: Labels) {
  const yesNo = (v: unknown) => (v ? '✓' : '✗');
  const codes: Record<string, (v: string) => string> = {
    countyCode: l.county,
    prefectureCode: l.prefecture,
    industry: l.industry,
    size: l.size,
    specialised: l.specialised,
    listing: l.listing,
    mode: l.mode,
    category: l.category,
    status: l.status,
    kind: table === 'visits' ? l.visitKind : l.activityKind,
    departments: l.department,
  };
  const value = (field: string, v: unknown): string => {
    if (v === null || v === undefined || v === '') return '—';
    if (typeof v === 'boolean') return yesNo(v);
    if (field === 'itemNo' && typeof v === 'number') return l.itemShort(v);
    if (field === 'statuses' && typeof v === 'object') {
      const entries = Object.entries(v as Record<string, number>);
      return entries.length ? entries.map(([id, year]) => `${l.enterpriseStatus(id)} ${year}`).join('、') : '—';
    }
    if (field === 'metrics' && typeof v === 'object') {
      const entries = Object.entries(v as Record<string, number>);
      return entries.length ? entries.map(([id, n]) => { const m = l.metric(id); return m ? `${m.name} ${n} ${m.unit}` : `${id} ${n}`; }).join('、') : '—';
    }
    const code = codes[field];
    if (Array.isArray(v)) return v.length ? v.map((x) => (code ? code(String(x)) : String(x))).join('、') : '—';
    if (code && typeof v === 'string') return code(v) || v;
    if (typeof v === 'object') return JSON.stringify(v);
    return String(v);
  };
  const label = (field: string) => {
    const key = FIELDS[table][field];
    return key ? t(key) : field;
  };
  return { label, value };
}
