import { afterEach, describe, expect, it } from 'vitest';
import { placesForTest, type Place } from '../support/sync';
import { listTrusted } from '../../db/sync/trust';
import { bytesOf, deliver, future, importAt, itemsAt, threeInstallations as three } from '../support/supervision';

/**
 * Issue 16: HQ supervises a problem of each of two offices and reminds one; each office sees
 * only what concerns it, answers with its ordinary notes, and HQ sees the answers beside its
 * notes. Three real installations, real keys, real package files.
 */
const make = placesForTest(afterEach);
const threeInstallations = () => three(make);

const publish = async (hq: Place) => bytesOf(await hq.api['sync.publish']({}));

describe('supervision travels privately to each office and the answers come back', () => {
  it('HQ supervises a problem of each office and reminds one; each sees only its own; HQ sees the answers', async () => {
    const { hq, a, b, pa, pb } = await threeInstallations();
    const deadline = future(10);
    const ia = await hq.api['supervision.add']({ problemId: pa.id, note: '请于月底前协调银行', deadline });
    expect(ia).toMatchObject({ kind: 'supervise', prefectureCode: '540100', officeId: a.id, deadline, problemText: '甲企业融资难' });
    await hq.api['supervision.add']({ problemId: pb.id, note: '请说明用地进展' });
    const reminder = await hq.api['supervision.remind']({ prefectureCode: '540100', note: '请报送本月同步包', by: future(3) });
    expect(reminder).toMatchObject({ kind: 'remind', about: 'package', doneAt: null, officeId: a.id });
    expect((await hq.api['problems.list']({ supervision: 'active' })).total).toBe(2);
    expect((await hq.api['problems.list']({ supervision: 'waiting' })).total).toBe(2);

    // HQ's own note on the office's problem (kept in HQ's ledger) is not an answer.
    await hq.api['problems.addNote']({ problemId: pa.id, date: new Date().toISOString().slice(0, 10), note: '总部自己的记录' });
    expect((await hq.api['problems.get']({ id: pa.id })).supervision?.answered).toBe(false);
    // The offices were enrolled by their cards as before (no encryption key in them): HQ seals to
    // the X25519 form of each enrolled signing key, so nobody re-enrols.
    expect(listTrusted(hq.ctx.requireDatabase()).filter((t) => t.role === 'office').map((t) => t.encryptionKey)).toEqual([null, null]);
    const ref = await publish(hq);
    // The broadcast parts stay readable; the supervision parts are not: no note appears in the file.
    expect(ref.includes(Buffer.from('协调银行'))).toBe(false);
    const atA = importAt(a, ref);
    expect(atA.status).toBe('imported');
    expect(atA.reference?.supervision).toBe(2);
    expect(importAt(b, ref).reference?.supervision).toBe(1);

    // Each office holds exactly the items addressed to it.
    expect(itemsAt(a).map((r) => r.office_id)).toEqual([a.id, a.id]);
    expect(itemsAt(b).map((r) => r.office_id)).toEqual([b.id]);
    expect((await b.api['supervision.list']({})).map((i) => i.note)).toEqual(['请说明用地进展']);
    const openAtA = await a.api['supervision.list']({ kind: 'remind', open: true });
    expect(openAtA.map((i) => i.note)).toEqual(['请报送本月同步包']);
    const rowA = (await a.api['problems.list']({ supervision: 'active' })).rows;
    expect(rowA.map((r) => r.id)).toEqual([pa.id]);
    expect(rowA[0]!.supervision).toMatchObject({ active: true, hqDeadline: deadline, overdue: false, answered: false, lastNote: '请于月底前协调银行' });
    const detailA = await a.api['problems.get']({ id: pa.id });
    expect(detailA.supervisionNotes.map((n) => [n.kind, n.note, n.answeredBy.length])).toEqual([['supervise', '请于月底前协调银行', 0]]);

    // The offices answer with their ordinary notes and status changes.
    const noted = await a.api['problems.addNote']({ problemId: pa.id, date: new Date().toISOString().slice(0, 10), note: '已约谈农行，下周放款' });
    const answerId = noted.notes.at(-1)!.id;
    expect((await a.api['problems.get']({ id: pa.id })).supervision?.answered).toBe(true);
    await b.api['problems.setStatus']({ id: pb.id, status: 'in_progress', note: '已提交自然资源局' });
    await deliver(a, hq);
    await deliver(b, hq);

    // HQ sees each answer beside its note; the package reminder is done by A's package.
    const atHq = await hq.api['problems.get']({ id: pa.id });
    expect(atHq.supervision).toMatchObject({ active: true, answered: true });
    expect(atHq.supervisionNotes[0]!.answeredBy).toEqual([answerId]);
    expect((await hq.api['problems.get']({ id: pb.id })).supervision?.answered).toBe(true);
    expect((await hq.api['problems.list']({ supervision: 'answered' })).total).toBe(2);
    const [done] = await hq.api['supervision.list']({ kind: 'remind' });
    expect(done!.doneAt).not.toBeNull();
    const summary = await hq.api['supervision.summary']({});
    expect(summary.rows.find((r) => r.prefectureCode === '540100')).toMatchObject({ enrolled: true, supervised: 1, answered: 1, waiting: 0, openReminders: 0 });
    expect(summary.rows.find((r) => r.prefectureCode === '540300')).toMatchObject({ enrolled: false, supervised: 0 });
    expect(summary.total).toMatchObject({ supervised: 2, answered: 2 });

    // HQ's next note makes the problem wait again; lifting ends the 督办. Both reach the office.
    await hq.api['supervision.add']({ problemId: pa.id, note: '放款后请上传凭证' });
    expect((await hq.api['problems.get']({ id: pa.id })).supervision?.answered).toBe(false);
    await hq.api['supervision.lift']({ problemId: pb.id, note: '已落实' });
    const ref2 = await publish(hq);
    expect(importAt(a, ref2).status).toBe('imported');
    expect(importAt(b, ref2).status).toBe('imported');
    expect(await a.api['supervision.list']({ kind: 'remind', open: true })).toEqual([]);
    expect((await a.api['problems.get']({ id: pa.id })).supervision).toMatchObject({ active: true, hqDeadline: deadline, answered: false, lastNote: '放款后请上传凭证' });
    expect((await b.api['problems.get']({ id: pb.id })).supervision).toMatchObject({ active: false, hqDeadline: null });
    expect((await b.api['problems.list']({ supervision: 'active' })).total).toBe(0);
    // What each office holds is exactly what HQ addressed to it.
    const hqRows = itemsAt(hq);
    expect(itemsAt(a)).toEqual(hqRows.filter((r) => r.office_id === a.id));
    expect(itemsAt(b)).toEqual(hqRows.filter((r) => r.office_id === b.id));
  });

  it('repeats and any order of reference packages give the same state', async () => {
    const { hq, a, pa } = await threeInstallations();
    await hq.api['supervision.add']({ problemId: pa.id, note: '第一次督办', deadline: future(5) });
    const ref1 = await publish(hq);
    await hq.api['supervision.add']({ problemId: pa.id, note: '第二次督办', deadline: future(9) });
    await hq.api['supervision.remind']({ prefectureCode: '540100', note: '请报送', by: future(2), about: 'report' });
    const ref2 = await publish(hq);
    expect(importAt(a, ref2).status).toBe('imported');
    const after2 = itemsAt(a);
    const late = importAt(a, ref1);
    expect(late.status).toBe('imported');
    expect(late.counts.supervision_items).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect(importAt(a, ref2).status).toBe('already-imported');
    expect(itemsAt(a)).toEqual(after2);
    expect((await a.api['problems.get']({ id: pa.id })).supervision).toMatchObject({ hqDeadline: future(9), lastNote: '第二次督办' });
    // A report reminder stays open when a package arrives; HQ closes it by hand.
    await deliver(a, hq);
    const [r] = await hq.api['supervision.list']({ kind: 'remind', open: true });
    expect(r!.about).toBe('report');
    expect((await hq.api['supervision.closeReminder']({ id: r!.id })).doneAt).not.toBeNull();
  });

  it('an office key rotation: items sealed to the old key wait with the reason, and come once HQ enrols the new card', async () => {
    const { hq, a, pa } = await threeInstallations();
    await hq.api['supervision.add']({ problemId: pa.id, note: '轮换前的督办', deadline: null });
    const card = bytesOf(await a.api['sync.rotate']({})).toString('utf8');
    const stale = importAt(a, await publish(hq));
    expect(stale.status).toBe('imported');
    expect(stale.reasonZh).toMatch(/总部的督办内容仍按本机更换前的旧密钥加密/);
    expect(itemsAt(a)).toEqual([]);
    await hq.api['sync.trustCard']({ text: card, fingerprint: (await hq.api['sync.readCard']({ text: card })).fingerprint });
    const fresh = importAt(a, await publish(hq));
    expect([fresh.status, fresh.reason, fresh.reference?.supervision]).toEqual(['imported', null, 1]);
    expect((await a.api['problems.get']({ id: pa.id })).supervision?.active).toBe(true);
  });

  it('after HQ restores a backup, each office holds exactly what HQ still addresses to it', async () => {
    const { hq, a, pa } = await threeInstallations();
    await hq.api['supervision.add']({ problemId: pa.id, note: '备份前的督办', deadline: null });
    const backup = await hq.api['backups.create']({});
    await hq.api['supervision.add']({ problemId: pa.id, note: '备份后的意见', deadline: future(4) });
    expect(importAt(a, await publish(hq)).status).toBe('imported');
    expect(itemsAt(a)).toHaveLength(2);
    await hq.api['backups.restore']({ name: backup.name });
    const after = importAt(a, await publish(hq));
    expect([after.status, after.counts.supervision_items?.deleted]).toEqual(['imported', 1]);
    expect(itemsAt(a).map((r) => r.note)).toEqual(['备份前的督办']);
    expect((await a.api['problems.get']({ id: pa.id })).supervision).toMatchObject({ active: true, hqDeadline: null, lastNote: '备份前的督办' });
  });
});
