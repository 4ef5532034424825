import { describe, expect, it } from 'vitest';
import { enterpriseInput, figureInput, problemListInput, visitInput, type VisitInput } from '../../api/entities';
import { saveEnterprise } from '../../db/enterprises';
import { saveVisit } from '../../db/visits';
import { addProblemNote, getProblem, isOverdue, listProblems, setProblemStatus } from '../../db/problems';
import { listFigures, saveFigure } from '../../db/figures';
import { userError } from '../support/errors';
import { makeUscc } from '../../db/validation/uscc';
import { memoryDb } from '../support/db';

type Db = ReturnType<typeof memoryDb>;
const err = userError;
function setup() {
  const db = memoryDb({});
  const e = saveEnterprise(db, enterpriseInput.parse({ uscc: makeUscc('91', '540102', 'MA6T0001'), name: '拉萨测试企业' })).record;
  return { db, e };
}
const visit = (db: Db, input: VisitInput) => saveVisit(db, visitInput.parse(input));

describe('visits and problems', () => {
  it('saves a visit with its problems together', () => {
    const { db, e } = setup();
    const { record } = visit(db, {
      enterpriseId: e.id, date: '2022-04-01', kind: 'service_officer', visitors: '扎西',
      problems: [
        { category: 'financing', description: '贷款难', responsibleUnit: '区经济和信息化厅', deadline: '2022-05-01', itemNo: 21 },
        { category: 'electricity', description: '电不稳', responsibleUnit: '国网西藏电力有限公司', deadline: null },
      ],
    });
    expect(record.problems).toHaveLength(2);
    expect(record.problems.every((p) => p.status === 'open' && p.visitId === record.id)).toBe(true);
  });

  it('saves nothing when one problem is wrong, and says which', () => {
    const { db, e } = setup();
    const error = err(() =>
      visit(db, {
        enterpriseId: e.id, date: '2022-04-01', kind: 'service_officer', visitors: '扎西',
        problems: [
          { category: 'financing', description: '贷款难', responsibleUnit: '区经济和信息化厅' },
          { category: 'land', description: '用地', responsibleUnit: '区自然资源厅', deadline: '2022-13-01' },
        ],
      }),
    );
    expect(Object.keys(error.fields ?? {})).toEqual(['problems.1.deadline']);
    expect(listProblems(db, problemListInput.parse({})).total).toBe(0);
  });

  it('refuses unknown visit kinds and future dates', () => {
    const { db, e } = setup();
    expect(err(() => visit(db, { enterpriseId: e.id, date: '2099-01-01', kind: 'picnic', visitors: 'x' })).fields).toHaveProperty('kind');
  });

  it('moves a problem through its statuses, needing a reason to close, keeping dated notes', () => {
    const { db, e } = setup();
    const p = visit(db, { enterpriseId: e.id, date: '2022-04-01', kind: 'service_officer', visitors: '扎西', problems: [{ category: 'labour', description: '招工难', responsibleUnit: '区人力资源社会保障厅', deadline: '2022-06-01' }] }).record.problems[0]!;
    expect(isOverdue(p)).toBe(true);
    setProblemStatus(db, { id: p.id, status: 'in_progress', resolution: null, note: '已转办', date: '2022-04-02' });
    expect(err(() => setProblemStatus(db, { id: p.id, status: 'unresolvable', resolution: null, note: null })).fields).toHaveProperty('resolution');
    expect(err(() => setProblemStatus(db, { id: p.id, status: 'resolved', resolution: '已解决', note: null, date: '2099-01-01' })).fields).toHaveProperty('date');
    const done = setProblemStatus(db, { id: p.id, status: 'resolved', resolution: '组织专场招聘会', note: null, date: '2022-05-20' });
    expect(done).toMatchObject({ status: 'resolved', closedOn: '2022-05-20', resolution: '组织专场招聘会', overdue: false });
    addProblemNote(db, { problemId: p.id, date: '2022-05-21', note: '企业表示满意' });
    const notes = getProblem(db, p.id).notes.map((n) => n.note);
    expect(notes[0]).toContain('待办 → 办理中');
    expect(notes[1]).toContain('办理中 → 已办结');
    expect(notes[2]).toBe('企业表示满意');
    const reopened = setProblemStatus(db, { id: p.id, status: 'in_progress', resolution: null, note: '企业反映问题复发', date: '2022-06-01' });
    expect(reopened).toMatchObject({ status: 'in_progress', closedOn: null, resolution: null });
  });

  it('refuses a deadline, a progress note or a closing dated before the visit that raised the problem', () => {
    const { db, e } = setup();
    const problem = { category: 'labour' as const, description: '招工难', responsibleUnit: '区人力资源社会保障厅' };
    const early = err(() => visit(db, { enterpriseId: e.id, date: '2022-06-10', kind: 'service_officer', visitors: '扎西', problems: [{ ...problem, deadline: '2022-01-01' }] }));
    expect(early.fields!['problems.0.deadline']!.zh).toContain('不能早于问题提出的日期（2022-06-10）');
    const p = visit(db, { enterpriseId: e.id, date: '2022-06-10', kind: 'service_officer', visitors: '扎西', problems: [{ ...problem, deadline: '2022-06-10' }] }).record.problems[0]!;
    expect(err(() => addProblemNote(db, { problemId: p.id, date: '2022-05-01', note: '提前的进展' })).fields).toHaveProperty('date');
    expect(err(() => setProblemStatus(db, { id: p.id, status: 'resolved', resolution: '已解决', note: null, date: '2022-06-01' })).fields).toHaveProperty('date');
    expect(getProblem(db, p.id)).toMatchObject({ status: 'open', notes: [] });
    // On the day itself, all is fine.
    expect(setProblemStatus(db, { id: p.id, status: 'resolved', resolution: '已解决', note: null, date: '2022-06-10' })).toMatchObject({ status: 'resolved', closedOn: '2022-06-10' });
  });

  it('filters the problem list by status, unit and overdue', () => {
    const { db, e } = setup();
    visit(db, {
      enterpriseId: e.id, date: '2022-04-01', kind: 'service_officer', visitors: '扎西',
      problems: [
        { category: 'financing', description: 'a', responsibleUnit: '甲单位', deadline: '2022-05-01' },
        { category: 'financing', description: 'b', responsibleUnit: '乙单位', deadline: '2999-01-01' },
      ],
    });
    const list = (q: object) => listProblems(db, problemListInput.parse(q));
    expect(list({ overdue: true }).rows.map((p) => p.description)).toEqual(['a']);
    expect(list({ responsibleUnit: '乙单位' }).total).toBe(1);
    expect(list({ status: 'unresolved' }).total).toBe(2);
    expect(list({ status: 'resolved' }).total).toBe(0);
  });
});

describe('reported figures', () => {
  it('stores a dated, sourced figure and refuses unknown ones', () => {
    const { db } = setup();
    saveFigure(db, figureInput.parse({ figureId: 'loan_balance', checklistYear: 2022, asOf: '2022-12-31', value: 912.5, source: '人行拉萨中心支行' }));
    expect(listFigures(db, 2022)).toHaveLength(1);
    expect(err(() => saveFigure(db, figureInput.parse({ figureId: 'no_such', checklistYear: 2022, asOf: '2022-12-31', value: 1, source: 'x' }))).fields).toHaveProperty('figureId');
    expect(err(() => saveFigure(db, figureInput.parse({ figureId: 'loan_balance', checklistYear: 2022, asOf: '2022-12-31', value: -5, source: 'x' }))).fields).toHaveProperty('value');
  });
});
