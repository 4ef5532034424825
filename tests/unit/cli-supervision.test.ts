import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDataDir } from '../support/host';
import { cli } from '../support/cli';
import Database from 'better-sqlite3';

/** Issue 16's CLI: problems list, supervision add / lift / remind / list, with HQ and an office on real files. */
let root: string;
const d = (n: string) => path.join(root, n);
const ok = (args: string[]) => {
  const r = cli(args);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
};
const future = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);

beforeAll(() => {
  root = tempDataDir('sme-cli-supervision-');
  ok(['init', '--data', d('hq'), '--role', 'hq', '--name', '总部', '--operator', '卓玛']);
  ok(['init', '--data', d('of'), '--role', 'office', '--prefecture', '540500', '--name', '山南市经信局', '--operator', 'b']);
  ok(['demo', '--data', d('of'), '--enterprises', '6', '--activities', '0', '--visits', '6', '--seed', '3']);
  ok(['keys', 'card', '--data', d('hq'), '--out', d('hq.smekey')]);
  ok(['keys', 'card', '--data', d('of'), '--out', d('of.smekey')]);
  ok(['keys', 'trust-hq', d('hq.smekey'), '--data', d('of'), '--yes']);
  ok(['keys', 'enroll', d('of.smekey'), '--data', d('hq'), '--yes']);
  ok(['export', '--data', d('of'), '--out', d('p1.smesync')]);
  ok(['import', d('p1.smesync'), '--data', d('hq')]);
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('cli supervision', () => {
  it('HQ lists, supervises and reminds; the office sees it after the reference package; refusals in Chinese first', () => {
    const problems = JSON.parse(ok(['problems', 'list', '--data', d('hq'), '--prefecture', '540500', '--status', 'unresolved', '--json'])) as { id: string; prefectureCode: string; status: string; supervision: unknown }[];
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.prefectureCode === '540500' && ['open', 'in_progress'].includes(p.status) && p.supervision === null)).toBe(true);
    const id = problems[0]!.id;
    expect(ok(['supervision', 'add', '--data', d('hq'), '--problem', id, '--note', '请本周内答复', '--deadline', future])).toMatch(/^已督办/);
    expect(ok(['supervision', 'remind', '--data', d('hq'), '--prefecture', '540500', '--note', '请报送同步包', '--by', future])).toMatch(/^已催报/);

    const notEnrolled = cli(['supervision', 'remind', '--data', d('hq'), '--prefecture', '540100', '--note', '请报送', '--by', future]);
    expect(notEnrolled.code).toBe(1);
    expect(notEnrolled.stderr).toMatch(/^拉萨市尚无已登记的地市密钥/);
    const missing = cli(['supervision', 'add', '--data', d('hq'), '--problem', '00000000-0000-4000-8000-000000000000', '--note', 'x']);
    expect(missing.stderr).toMatch(/^找不到该问题/);
    const badDate = cli(['supervision', 'remind', '--data', d('hq'), '--prefecture', '540500', '--note', 'x', '--by', '2022-13-01']);
    expect([badDate.code, badDate.stderr]).toEqual([1, expect.stringMatching(/^[\u4e00-\u9fff]/)]);

    const atHq = JSON.parse(ok(['problems', 'list', '--data', d('hq'), '--json'])) as { id: string; supervision: { active: boolean; hqDeadline: string } | null }[];
    expect(atHq.find((p) => p.id === id)!.supervision).toMatchObject({ active: true, hqDeadline: future });

    ok(['publish', '--data', d('hq'), '--out', d('ref.smesync')]);
    ok(['import', d('ref.smesync'), '--data', d('of')]);
    const held = JSON.parse(ok(['supervision', 'list', '--data', d('of'), '--json'])) as { kind: string; problemId: string | null }[];
    expect(held.map((i) => i.kind).sort()).toEqual(['remind', 'supervise']);
    expect(ok(['supervision', 'list', '--data', d('of')])).toMatch(/督办 问题 .* 总部期限/);
    const atOffice = JSON.parse(ok(['problems', 'list', '--data', d('of'), '--json'])) as { id: string; supervision: { active: boolean } | null }[];
    expect(atOffice.filter((p) => p.supervision?.active).map((p) => p.id)).toEqual([id]);
    const officeWrites = cli(['supervision', 'add', '--data', d('of'), '--problem', id, '--note', 'x']);
    expect(officeWrites.stderr).toMatch(/^只有自治区总部可以督办或催报。/);

    // The office's next package closes the package reminder at HQ; HQ lifts the 督办.
    ok(['export', '--data', d('of'), '--out', d('p2.smesync')]);
    ok(['import', d('p2.smesync'), '--data', d('hq')]);
    const reminders = (JSON.parse(ok(['supervision', 'list', '--data', d('hq'), '--json'])) as { kind: string; doneAt: string | null }[]).filter((i) => i.kind === 'remind');
    expect(reminders[0]!.doneAt).not.toBeNull();
    expect(ok(['supervision', 'lift', '--data', d('hq'), '--problem', id])).toMatch(/^已解除督办/);
  });

  it('a note stored before control characters were refused is listed with them shown, never sent raw to the terminal', () => {
    const note = `请\u001b[2J尽快\u202e理办\u009b1m`;
    ok(['supervision', 'remind', '--data', d('hq'), '--prefecture', '540500', '--note', '旧的催报', '--by', future]);
    const db = new Database(path.join(d('hq'), 'ledger.sqlite'));
    try {
      db.prepare("UPDATE supervision_items SET note = ? WHERE note = '旧的催报'").run(note);
    } finally {
      db.close();
    }
    for (const out of [ok(['supervision', 'list', '--data', d('hq')]), ok(['supervision', 'list', '--data', d('hq'), '--json'])]) {
      // eslint-disable-next-line no-control-regex
      expect(out).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    }
    expect(ok(['supervision', 'list', '--data', d('hq')])).toContain('请<U+001B>[2J尽快<U+202E>理办<U+009B>1m');
    expect((JSON.parse(ok(['supervision', 'list', '--data', d('hq'), '--json'])) as { note: string }[]).map((i) => i.note)).toContain(note);
    // A new note holding them is refused in Chinese first.
    const refused = cli(['supervision', 'remind', '--data', d('hq'), '--prefecture', '540500', '--note', '请\u0007报送', '--by', future]);
    expect([refused.code, refused.stderr]).toEqual([1, expect.stringMatching(/^督办事项未能保存：督办意见含有控制字符/)]);
  });
});
