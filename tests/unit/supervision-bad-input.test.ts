import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiCallError } from '../../api/contract';
import { newSigningPair } from '../../db/sync/crypto';
import { sealSupervisionParts } from '../../db/supervision/sync';
import { fullSnapshot, placesForTest, snapshot, type Place } from '../support/sync';
import { bytesOf, deliver, forgeReference, future, importAt, itemsAt, officePackage, problemOf, sealRows, threeInstallations } from '../support/supervision';

/**
 * Issue 16, "Bad input and safety": each input below is sent exactly, and refused with its
 * reason (Chinese first) while nothing changes; an office never shows an item not signed by its HQ.
 */
const make = placesForTest(afterEach);
async function setup() {
  const { hq, a, b, pa, pb } = await threeInstallations(make);
  await hq.api['supervision.add']({ problemId: pa.id, note: '甲的督办意见', deadline: future(7) });
  await hq.api['supervision.add']({ problemId: pb.id, note: '乙的督办意见', deadline: future(7) });
  return { hq, a, b, pa, pb };
}

async function refusal(call: Promise<unknown>): Promise<ApiCallError> {
  const e = await call.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(ApiCallError);
  return e as ApiCallError;
}

/** The office's records and settings: what an import could change (its ledger gets a line for every attempt). */
const officeState = (p: Place) => JSON.stringify([snapshot(p), p.ctx.requireDatabase().prepare('SELECT * FROM settings ORDER BY key').all()]);

/** The office refused this file, said why in Chinese and English, logged it, and holds exactly what it held. */
function expectRefusedAt(office: Place, file: Buffer, code: string, zh: RegExp) {
  const before = officeState(office);
  const out = importAt(office, file, 'forged.smesync');
  expect(out.status).toBe('rejected');
  expect(out.reasonZh).toMatch(zh);
  expect(officeState(office)).toBe(before);
  const line = office.ctx.requireDatabase().prepare('SELECT code, reason FROM sync_imports ORDER BY id DESC LIMIT 1').get() as { code: string; reason: string };
  expect(line.code).toBe(code);
  expect(line.reason).toMatch(/^[\u4e00-\u9fff“]/);
  expect(itemsAt(office)).toEqual([]);
  return out;
}

const hqKey = (hq: Place) => hq.ctx.keys.load().signing.secretKey;

describe('HQ refuses supervision it cannot deliver or that concerns nothing', () => {
  it('a reminder to a prefecture whose office is not enrolled: refused, nothing changed', async () => {
    const { hq } = await setup();
    const before = fullSnapshot(hq);
    const e = await refusal(hq.api['supervision.remind']({ prefectureCode: '540300', note: '请报送', by: future(3) }));
    expect(e.code).toBe('office_not_enrolled');
    expect(e.messageZh).toMatch(/^昌都市尚无已登记的地市密钥/);
    expect(fullSnapshot(hq)).toBe(before);
  });

  it('supervision of a problem that does not exist: refused, nothing changed', async () => {
    const { hq } = await setup();
    const before = fullSnapshot(hq);
    const e = await refusal(hq.api['supervision.add']({ problemId: randomUUID(), note: '督办', deadline: null }));
    expect(e.code).toBe('not_found');
    expect(e.messageZh).toMatch(/^找不到该问题/);
    expect(fullSnapshot(hq)).toBe(before);
    expect((await refusal(hq.api['supervision.lift']({ problemId: randomUUID() }))).code).toBe('not_found');
    expect(fullSnapshot(hq)).toBe(before);
  });

  it('an office whose key was revoked is not supervised; a past deadline and lifting an unsupervised problem are refused', async () => {
    const { hq, a, b, pa } = await setup();
    const pa2 = await problemOf(a, '540102', '第二个问题');
    await deliver(a, hq);
    const lifted = await refusal(hq.api['supervision.lift']({ problemId: pa2.id }));
    expect([lifted.code, lifted.messageZh]).toEqual(['not_supervised', '该问题未在督办中。']);
    const past = await refusal(hq.api['supervision.add']({ problemId: pa.id, note: '督办', deadline: '2020-01-01' }));
    expect(past.fields.deadline?.zh).toBe('督办期限不能早于今天');
    const pastBy = await refusal(hq.api['supervision.remind']({ prefectureCode: '540100', note: '请报送', by: '2020-01-01' }));
    expect(pastBy.fields.by?.zh).toBe('催报日期不能早于今天');
    expect(pastBy.messageZh).toMatch(/^督办事项未能保存：催报日期不能早于今天/);
    await hq.api['sync.revoke']({ installationId: b.id });
    const before = fullSnapshot(hq);
    const revoked = await refusal(hq.api['supervision.remind']({ prefectureCode: '540200', note: '请报送', by: future(3) }));
    expect(revoked.code).toBe('office_revoked');
    expect(revoked.messageZh).toMatch(/^日喀则市的密钥已被吊销/);
    expect(fullSnapshot(hq)).toBe(before);
    // And nothing is sealed to a revoked office any more.
    expect(sealSupervisionParts(hq.ctx.requireDatabase(), 99).map((p) => p.to)).toEqual([a.id]);
  });

  it('an office cannot write supervision, locally or in its package', async () => {
    const { hq, a, pa } = await setup();
    const e = await refusal(a.api['supervision.add']({ problemId: pa.id, note: '自己督办自己', deadline: null }));
    expect([e.code, e.messageZh]).toEqual(['not_hq', '只有自治区总部可以督办或催报。']);
    // A package signed by A's real key carrying a supervision row of its own: refused at HQ.
    const row = { ...(itemsAt(hq).find((r) => r.office_id === a.id) as Record<string, unknown>), id: randomUUID(), origin: a.id, version: 1, note: '伪造的督办' };
    const forged = officePackage(a, hq, [['supervision_items', row]], 50);
    const before = JSON.stringify(snapshot(hq));
    const out = importAt(hq, forged);
    expect(out.status).toBe('rejected');
    expect(out.reasonZh).toMatch(/^同步包中“supervision_items”的记录.*地市不得报送该表/);
    expect(JSON.stringify(snapshot(hq))).toBe(before);
  });
});

describe('an office refuses supervision parts that were altered, swapped or not signed by its HQ', () => {
  it('a published package altered by one byte of its body: signature refused, nothing changed', async () => {
    const { hq, a } = await setup();
    const file = bytesOf(await hq.api['sync.publish']({}));
    // Inside the last frame, which holds the sealed parts (the signature is the last 64 bytes).
    const at = file.length - 100;
    file[at] = file[at]! ^ 0x01;
    expectRefusedAt(a, file, 'bad_signature', /签名不符/);
  });

  it('a part signed by HQ but altered inside: it does not open', async () => {
    const { hq, a } = await setup();
    const parts = sealSupervisionParts(hq.ctx.requireDatabase(), 7);
    const mine = parts.find((p) => p.to === a.id)!;
    const data = Buffer.from(mine.data, 'base64');
    data[3] = data[3]! ^ 0x40;
    const file = forgeReference({ hqId: hq.id, signingKey: hqKey(hq), sequence: 7, lines: [['supervision', { ...mine, data: data.toString('base64') }]] });
    expectRefusedAt(a, file, 'part_altered', /^参考包中发给本机的督办内容无法解密/);
    // Not an accident: shown among the security events at the top of 同步.
    expect((await a.api['sync.status']({})).securityEvents[0]).toMatchObject({ code: 'part_altered', reasonZh: expect.stringMatching(/^参考包中发给本机的督办内容无法解密/) });
  });

  it('another office’s part swapped in under this office’s name: refused, whether or not its key was relabelled', async () => {
    const { hq, a, b } = await setup();
    const parts = sealSupervisionParts(hq.ctx.requireDatabase(), 8);
    const mine = parts.find((p) => p.to === a.id)!;
    const theirs = parts.find((p) => p.to === b.id)!;
    const swapped = forgeReference({ hqId: hq.id, signingKey: hqKey(hq), sequence: 8, lines: [['supervision', { ...theirs, to: a.id }], ['supervision', { ...mine, to: b.id }]] });
    expectRefusedAt(a, swapped, 'part_not_ours', /^参考包中发给本机的督办内容并非用本机密钥加密/);
    const relabelled = forgeReference({ hqId: hq.id, signingKey: hqKey(hq), sequence: 8, lines: [['supervision', { ...theirs, to: a.id, recipientKey: mine.recipientKey }]] });
    expectRefusedAt(a, relabelled, 'part_altered', /无法解密/);
    // Two parts under this office's name (its own and another's relabelled): refused, not chosen between.
    const twice = forgeReference({ hqId: hq.id, signingKey: hqKey(hq), sequence: 8, lines: [['supervision', mine], ['supervision', { ...theirs, to: a.id }]] });
    expectRefusedAt(a, twice, 'package_invalid', /^参考包中发给本机的督办内容有两份/);
    // A's own part moved into another package (another number) does not open either.
    const replayed = forgeReference({ hqId: hq.id, signingKey: hqKey(hq), sequence: 9, lines: [['supervision', mine]] });
    expectRefusedAt(a, replayed, 'part_altered', /无法解密/);
  });

  it('a package not signed by its HQ is refused before any part is read', async () => {
    const { hq, a } = await setup();
    const rows = itemsAt(hq).filter((r) => r.office_id === a.id);
    const stranger = newSigningPair();
    const file = forgeReference({ hqId: hq.id, signingKey: stranger.secretKey, sequence: 5, lines: [['supervision', sealRows(hq.id, 5, a, rows)]] });
    expectRefusedAt(a, file, 'bad_signature', /签名不符/);
    const otherHq = await make('hq');
    const foreign = forgeReference({ hqId: otherHq.id, signingKey: hqKey(otherHq), sequence: 1, lines: [['supervision', sealRows(otherHq.id, 1, a, rows.map((r) => ({ ...r, origin: otherHq.id })))]] });
    expectRefusedAt(a, foreign, 'signer_unknown', /其密钥未在本机登记/);
  });

  it('rows inside a part HQ signed: not written by HQ, for another office, invalid; one about a problem the office does not hold is set aside', async () => {
    const { hq, a, b } = await setup();
    const [row] = itemsAt(hq).filter((r) => r.office_id === a.id);
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ ...row, origin: b.id }, 'not_authorised', /不是签发本参考包的总部所写/],
      [{ ...row, office_id: b.id, prefecture_code: '540200' }, 'not_authorised', /是发给其他地市的/],
      [{ ...row, kind: 'lift' }, 'bad_record', /解除督办不设期限/],
      [{ ...row, kind: 'remind', about: 'package' }, 'bad_record', /催报针对地市/],
      [{ ...row, deadline: '2022-02-30' }, 'bad_record', /日期无效/],
      [{ ...row, note: 'x'.repeat(2001) }, 'bad_record', /督办意见超过 2000 字/],
    ];
    let sequence = 10;
    for (const [bad, code, zh] of cases) {
      sequence++;
      const file = forgeReference({ hqId: hq.id, signingKey: hqKey(hq), sequence, lines: [['supervision', sealRows(hq.id, sequence, a, [bad])]] });
      expectRefusedAt(a, file, code, zh);
    }
    // An item about a problem the office does not hold (restored from an older backup) is set
    // aside in words, not shown, and does not stop the rest of the package.
    sequence++;
    const unknown = forgeReference({ hqId: hq.id, signingKey: hqKey(hq), sequence, lines: [['supervision', sealRows(hq.id, sequence, a, [{ ...row, problem_id: randomUUID() }])]] });
    const aside = importAt(a, unknown);
    expect([aside.status, aside.reference?.supervision]).toEqual(['imported', 0]);
    expect(aside.reasonZh).toMatch(/^有 1 条督办事项涉及本机已没有的问题/);
    expect(itemsAt(a)).toEqual([]);
    // The same part with the true row is accepted: the refusals above were about the rows.
    const good = forgeReference({ hqId: hq.id, signingKey: hqKey(hq), sequence: 30, lines: [['supervision', sealRows(hq.id, 30, a, [row])]] });
    expect(importAt(a, good).status).toBe('imported');
    expect(itemsAt(a)).toEqual([row]);
  });
});
