import { describe, expect, it } from 'vitest';
import { statusNoteText } from '../../renderer/src/lib/statusNote';
import { catalogues } from '../../db/reference/bundled';
import { memoryDb } from '../support/db';
import { enterpriseInput, problemInput } from '../../api/entities';
import { saveEnterprise } from '../../db/enterprises';
import { getProblem, saveProblem, setProblemStatus } from '../../db/problems';
import { makeUscc } from '../../db/validation/uscc';

const statuses = catalogues().problemStatuses;

describe('a status change’s progress note in English', () => {
  it('shows the note the ledger wrote on a real status change with English status names, the user’s words as written', () => {
    const db = memoryDb({});
    const e = saveEnterprise(db, enterpriseInput.parse({ uscc: makeUscc('91', '540102', 'MA6T0001'), name: '拉萨测试商贸' })).record;
    const p = saveProblem(db, problemInput.parse({ enterpriseId: e.id, category: 'financing', description: '贷款审批慢', responsibleUnit: '人民银行拉萨中心支行' })).record;
    setProblemStatus(db, { id: p.id, expectedVersion: p.version, status: 'in_progress', resolution: null, note: '已转银行' });
    const [note] = getProblem(db, p.id).notes.map((n) => n.note);
    expect(note).toBe('状态：待办 → 办理中。已转银行');
    expect(statusNoteText(note!, statuses, 'en')).toBe('Status: To do → In progress. 已转银行');
    expect(statusNoteText(note!, statuses, 'zh')).toBe(note);
  });

  it('leaves every other note as written', () => {
    expect(statusNoteText('状态：待办 → 办理中', statuses, 'en')).toBe('Status: To do → In progress');
    expect(statusNoteText('已与供电公司对接', statuses, 'en')).toBe('已与供电公司对接');
    expect(statusNoteText('状态：未知 → 办理中', statuses, 'en')).toBe('状态：未知 → 办理中');
  });
});
