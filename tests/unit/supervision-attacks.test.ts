import { afterEach, describe, expect, it } from 'vitest';
import { ApiCallError } from '../../api/contract';
import { officeDecryptionKey, openPart } from '../../db/sync/crypto';
import { partAad, sealSupervisionParts } from '../../db/supervision/sync';
import { importPackage } from '../../db/sync/exchange';
import { fullSnapshot, placesForTest, snapshot, type Place } from '../support/sync';
import { bytesOf, deliver, forgeReference, future, importAt, itemsAt, officePackage, sealRows, threeInstallations } from '../support/supervision';

/**
 * Review of issue 16 (supervision): attacks by someone holding one office's keys, altering files on
 * a USB stick, or replaying old reference packages. Each test sends exactly that input.
 */
const make = placesForTest(afterEach);
const setup = () => threeInstallations(make);
const hqKey = (hq: Place) => hq.ctx.keys.load().signing.secretKey;
const publish = async (hq: Place) => bytesOf(await hq.api['sync.publish']({}));
const todayIso = () => new Date().toISOString().slice(0, 10);

const lastNoteAt = (p: Place) => p.ctx.requireDatabase().prepare('SELECT * FROM problem_notes ORDER BY rowid DESC LIMIT 1').get() as Record<string, unknown>;

async function refusal(call: Promise<unknown>): Promise<ApiCallError> {
  const e = await call.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(ApiCallError);
  return e as ApiCallError;
}

describe('confidentiality: one office cannot read another office’s items', () => {
  it('office B, with its own real keys, cannot open A’s part under any additional data', async () => {
    const { hq, a, b, pa } = await setup();
    await hq.api['supervision.add']({ problemId: pa.id, note: '只给拉萨看的意见', deadline: future(7) });
    const parts = sealSupervisionParts(hq.ctx.requireDatabase(), 3);
    const theirs = parts.find((p) => p.to === a.id)!;
    const bSecret = officeDecryptionKey(b.ctx.keys.load().signing.secretKey);
    for (const aad of [partAad(hq.id, 3, a.id, theirs.recipientKey), partAad(hq.id, 3, b.id, theirs.recipientKey)]) {
      expect(() => openPart(bSecret, aad, theirs)).toThrow();
    }
    // And the published file imported at B gives B nothing of A's.
    expect(importAt(b, await publish(hq)).status).toBe('imported');
    expect(itemsAt(b)).toEqual([]);
    expect(await b.api['supervision.list']({})).toEqual([]);
  });

  // Low severity, metadata only: the clear `to` field and the part's size tell every office how
  // much HQ addresses to each other office (gzip of the full list, no padding).
  it('the size of A’s part does not tell B how many items HQ holds for A', async () => {
    const { hq, a, pa } = await setup();
    await hq.api['supervision.add']({ problemId: pa.id, note: '督办', deadline: future(7) });
    const one = sealSupervisionParts(hq.ctx.requireDatabase(), 3).find((p) => p.to === a.id)!.data.length;
    for (let i = 0; i < 10; i++) await hq.api['supervision.add']({ problemId: pa.id, note: `第${i}次追加意见：请说明贷款进度与存在的困难`, deadline: future(7) });
    const eleven = sealSupervisionParts(hq.ctx.requireDatabase(), 4).find((p) => p.to === a.id)!.data.length;
    expect(eleven).toBe(one);
    // Padded, yet A opens its part and gets all eleven items.
    expect(importAt(a, await publish(hq)).status).toBe('imported');
    expect(itemsAt(a)).toHaveLength(11);
  });
});

describe('integrity: an office shows only items its HQ signed, in HQ’s current state', () => {
  it('a supervision row smuggled in the broadcast part of a package HQ signed is refused, nothing changed', async () => {
    const { hq, a, pa } = await setup();
    await hq.api['supervision.add']({ problemId: pa.id, note: '督办', deadline: future(7) });
    const [row] = itemsAt(hq).filter((r) => r.office_id === a.id);
    for (const [seq, lines] of [
      [20, [['supervision_items', row]]],
      [21, [['targets', row]]],
      [22, [['supervision', row]]],
    ] as [number, [string, unknown][]][]) {
      const before = JSON.stringify(snapshot(a));
      const out = importAt(a, forgeReference({ hqId: hq.id, signingKey: hqKey(hq), sequence: seq, lines }));
      expect(out.status).toBe('rejected');
      expect(out.reasonZh).toMatch(/^[\u4e00-\u9fff“]/);
      expect(JSON.stringify(snapshot(a))).toBe(before);
      expect(itemsAt(a)).toEqual([]);
    }
  });

  it('replaying an older reference package after a lift does not bring the 督办 back, nor remove later notes', async () => {
    const { hq, a, pa } = await setup();
    await hq.api['supervision.add']({ problemId: pa.id, note: '第一次督办', deadline: future(5) });
    const old = await publish(hq);
    await hq.api['supervision.lift']({ problemId: pa.id, note: '已解决' });
    const newer = await publish(hq);
    expect(importAt(a, newer).status).toBe('imported');
    const held = itemsAt(a);
    expect((await a.api['problems.get']({ id: pa.id })).supervision?.active).toBe(false);
    const late = importAt(a, old);
    expect(late.status).not.toBe('rejected');
    expect(itemsAt(a)).toEqual(held);
    expect((await a.api['problems.get']({ id: pa.id })).supervision?.active).toBe(false);
  });

  it('an older package re-signed under a newer number by anyone but HQ is refused (A’s own key)', async () => {
    const { hq, a, b, pa } = await setup();
    await hq.api['supervision.add']({ problemId: pa.id, note: '督办', deadline: future(5) });
    const rows = itemsAt(hq).filter((r) => r.office_id === b.id || r.office_id === a.id);
    // Office A holds its own keys and tries to plant an item at office B, claiming to be HQ.
    const forged = forgeReference({ hqId: hq.id, signingKey: a.ctx.keys.load().signing.secretKey, sequence: 50, lines: [['supervision', sealRows(hq.id, 50, b, rows)]] });
    const before = JSON.stringify(snapshot(b));
    const out = importAt(b, forged);
    expect([out.status, out.reasonZh]).toEqual(['rejected', expect.stringMatching(/签名不符/)]);
    expect(JSON.stringify(snapshot(b))).toBe(before);
  });
});

describe('the loop closes only on a real answer and a real package', () => {
  it('an office note written before HQ’s 督办 (delivered later) does not make HQ’s problem look answered', async () => {
    const { hq, a, pa } = await setup();
    // A writes a note and keeps it (not yet delivered); HQ then supervises.
    await a.api['problems.addNote']({ problemId: pa.id, date: todayIso(), note: '上周的例行记录' });
    await hq.api['supervision.add']({ problemId: pa.id, note: '请说明为何仍未放款', deadline: future(7) });
    // A has not even received HQ's note; its old package arrives.
    await deliver(a, hq);
    expect((await hq.api['problems.get']({ id: pa.id })).supervision?.answered).toBe(false);
    expect((await hq.api['problems.get']({ id: pa.id })).supervisionNotes[0]!.answeredBy).toEqual([]);
    // A real answer, a status change written after HQ's 督办 reached A, does count at both ends.
    expect(importAt(a, await publish(hq)).status).toBe('imported');
    await a.api['problems.setStatus']({ id: pa.id, status: 'in_progress', resolution: null, note: '已协调银行' });
    expect((await a.api['problems.get']({ id: pa.id })).supervision?.answered).toBe(true);
    await deliver(a, hq);
    expect((await hq.api['problems.get']({ id: pa.id })).supervision?.answered).toBe(true);
  });

  it('office A, with its real keys, cannot answer B’s 督办 with a note on B’s problem', async () => {
    const { hq, a, b, pb, pa } = await setup();
    void b;
    await hq.api['supervision.add']({ problemId: pb.id, note: '请日喀则说明', deadline: future(7) });
    await a.api['problems.addNote']({ problemId: pa.id, date: todayIso(), note: '拉萨的记录' });
    const note = lastNoteAt(a);
    const { randomUUID } = await import('node:crypto');
    const forged = officePackage(a, hq, [['problem_notes', { ...note, id: randomUUID(), problem_id: pb.id, note: '已办结（伪造）' }]]);
    const before = JSON.stringify(snapshot(hq));
    const out = importAt(hq, forged);
    expect(out.status).toBe('rejected');
    expect(out.reasonZh).toMatch(/^同步包中“problem_notes”的记录/);
    expect(JSON.stringify(snapshot(hq))).toBe(before);
    expect((await hq.api['problems.get']({ id: pb.id })).supervision?.answered).toBe(false);
  });

  it('a preview or a repeat of the office’s package does not close a package reminder', async () => {
    const { hq, a } = await setup();
    const pkg = bytesOf(await a.api['sync.export']({ full: false }));
    await hq.api['supervision.remind']({ prefectureCode: '540100', note: '请按时报送同步包', by: future(3) });
    const preview = importPackage(hq.ctx.requireDatabase(), hq.ctx.keys, pkg, 'a.smesync', { apply: false });
    expect(preview.status).not.toBe('imported');
    expect(await hq.api['supervision.list']({ kind: 'remind', open: true })).toHaveLength(1);
    // Imported for real, the package closes the reminder (it is a package HQ had not seen).
    expect(importAt(hq, pkg).status).toBe('imported');
    expect(await hq.api['supervision.list']({ kind: 'remind', open: true })).toHaveLength(0);
    // The same file brought again on a USB stick after a new reminder closes nothing.
    await hq.api['supervision.remind']({ prefectureCode: '540100', note: '请再次报送', by: future(3) });
    expect(importAt(hq, pkg).status).toBe('already-imported');
    expect(await hq.api['supervision.list']({ kind: 'remind', open: true })).toHaveLength(1);
  });

  it('a package from office B does not close A’s reminder', async () => {
    const { hq, a, b } = await setup();
    void a;
    await hq.api['supervision.remind']({ prefectureCode: '540100', note: '请报送', by: future(3) });
    await deliver(b, hq);
    expect(await hq.api['supervision.list']({ kind: 'remind', open: true })).toHaveLength(1);
  });
});

describe('bad input at HQ: nothing that breaks the offices’ screens', () => {
  it('a reminder for a prefecture code that does not exist is refused, nothing changed', async () => {
    const { hq } = await setup();
    const before = fullSnapshot(hq);
    // Codes of the right shape that name no prefecture: refused with a Chinese reason.
    for (const code of ['549900', '540000', '540199']) {
      const e = await refusal(hq.api['supervision.remind']({ prefectureCode: code, note: '请报送', by: future(3) }));
      expect([e.code, e.messageZh]).toEqual(['unknown_prefecture', `${code} 不是西藏的七个地（市）之一。`]);
      expect(fullSnapshot(hq)).toBe(before);
    }
    // Malformed codes (what `supervision remind --prefecture` passes through as typed): refused, nothing changed.
    for (const code of ['5401000', '', '54010', '５４０１００']) {
      await refusal(hq.api['supervision.remind']({ prefectureCode: code, note: '请报送', by: future(3) }));
      expect(fullSnapshot(hq)).toBe(before);
    }
  });

  it('a malformed prefecture code is refused with a reason in Chinese (not the contract’s English words)', async () => {
    const { hq } = await setup();
    const e = await refusal(hq.api['supervision.remind']({ prefectureCode: '5401', note: '请报送', by: future(3) }));
    expect(e.messageZh).not.toMatch(/a prefecture code/);
    expect(e.messageZh).toMatch(/地（市）代码应为 54 开头的六位数字/);
    expect(e.message).toMatch(/a prefecture code/);
    expect(e.fields.prefectureCode).toEqual({ zh: expect.stringMatching(/^格式不正确：地（市）代码/), en: expect.stringMatching(/^a prefecture code/) });
  });

  it('a note over 2,000 characters, or of spaces only, is refused', async () => {
    const { hq, pa } = await setup();
    const before = fullSnapshot(hq);
    for (const note of ['督'.repeat(2001), ' \n\t ', '']) {
      await refusal(hq.api['supervision.add']({ problemId: pa.id, note, deadline: future(3) }));
      expect(fullSnapshot(hq)).toBe(before);
    }
  });

  it('a note with control or bidi-override characters is refused, nothing changed', async () => {
    const { hq, pa } = await setup();
    const before = fullSnapshot(hq);
    for (const note of ['请\u0000尽快办理', '请\u001b[2J尽快办理', '\u202e理办快尽请', '请尽快\u0007办理']) {
      const e = await refusal(hq.api['supervision.add']({ problemId: pa.id, note, deadline: future(3) }));
      expect(e.messageZh).toMatch(/^[\u4e00-\u9fff]/);
      expect(e.messageZh).toMatch(/督办意见含有控制字符或文字方向控制符（U\+[0-9A-F]{4}）/);
      expect(fullSnapshot(hq)).toBe(before);
    }
  });

  it('an office progress note with control or bidi-override characters is refused too (same gap, app-wide)', async () => {
    const { a, pa } = await setup();
    const saved = await a.api['problems.addNote']({ problemId: pa.id, date: todayIso(), note: '请\u0000尽快\u202e办理' }).then(() => 'saved', () => 'refused');
    expect(saved).toBe('refused');
    const before = fullSnapshot(a);
    const e = await refusal(a.api['problems.addNote']({ problemId: pa.id, date: todayIso(), note: '\u2066已办结\u2069' }));
    expect(e.messageZh).toMatch(/^办理进展未能保存：办理进展含有控制字符或文字方向控制符（U\+2066）/);
    // A status change's note and its outcome go through the same rule.
    await refusal(a.api['problems.setStatus']({ id: pa.id, status: 'in_progress', resolution: null, note: '\u009b2J已协调' }));
    await refusal(a.api['problems.setStatus']({ id: pa.id, status: 'resolved', resolution: '已放款\u202d', note: null }));
    expect(fullSnapshot(a)).toBe(before);
  });

  it('a progress note with a bidi override in an office’s signed package is refused at HQ, nothing changed', async () => {
    const { hq, a, pa } = await setup();
    await a.api['problems.addNote']({ problemId: pa.id, date: todayIso(), note: '拉萨的记录' });
    const forged = officePackage(a, hq, [['problem_notes', { ...lastNoteAt(a), note: '\u202e结办已' }]]);
    const before = JSON.stringify(snapshot(hq));
    const out = importAt(hq, forged);
    expect(out.status).toBe('rejected');
    expect(out.reasonZh).toMatch(/^同步包中“problem_notes”的记录.*控制字符或文字方向控制符（U\+202E）/);
    expect(JSON.stringify(snapshot(hq))).toBe(before);
  });

  it('a deadline that is not a real date is refused', async () => {
    const { hq, pa } = await setup();
    const before = fullSnapshot(hq);
    for (const deadline of ['2099-02-30', '2099-13-01', '２０９９-01-01', '2099-1-1', '99999-01-01']) {
      await refusal(hq.api['supervision.add']({ problemId: pa.id, note: '督办', deadline }));
      expect(fullSnapshot(hq)).toBe(before);
    }
  });
});

describe('key rotation edge cases', () => {
  it('an office refuses to trust a second HQ key (no second signer of supervision items)', async () => {
    const { a } = await setup();
    const hq2 = await make('hq');
    const { pair } = await import('../support/sync');
    await expect(pair(hq2, a)).rejects.toThrow(/already trusts a headquarters key/);
  });

  it('after A rotates and HQ enrols the new card, a late package sealed to A’s old key changes nothing', async () => {
    const { hq, a, pa } = await setup();
    await hq.api['supervision.add']({ problemId: pa.id, note: '轮换前', deadline: null });
    const oldKeyPkg = await publish(hq);
    const card = bytesOf(await a.api['sync.rotate']({})).toString('utf8');
    await hq.api['sync.trustCard']({ text: card, fingerprint: (await hq.api['sync.readCard']({ text: card })).fingerprint });
    await hq.api['supervision.add']({ problemId: pa.id, note: '轮换后', deadline: future(9) });
    expect(importAt(a, await publish(hq)).status).toBe('imported');
    const held = itemsAt(a);
    expect(held.map((r) => r.note).sort()).toEqual(['轮换前', '轮换后'].sort());
    const late = importAt(a, oldKeyPkg);
    expect(late.status).not.toBe('rejected');
    expect(itemsAt(a)).toEqual(held);
  });

  it('HQ no longer seals to A’s previous key once the new card is enrolled', async () => {
    const { hq, a } = await setup();
    const oldKey = a.ctx.keys.load().signing.publicKey;
    const card = bytesOf(await a.api['sync.rotate']({})).toString('utf8');
    await hq.api['sync.trustCard']({ text: card, fingerprint: (await hq.api['sync.readCard']({ text: card })).fingerprint });
    const part = sealSupervisionParts(hq.ctx.requireDatabase(), 9).find((p) => p.to === a.id)!;
    const { b64, officeEncryptionKey } = await import('../../db/sync/crypto');
    expect(part.recipientKey).not.toBe(b64(officeEncryptionKey(oldKey)));
    expect(part.recipientKey).toBe(b64(officeEncryptionKey(a.ctx.keys.load().signing.publicKey)));
  });
});
