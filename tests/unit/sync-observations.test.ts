import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { generateDemo } from '../../db/demo';
import { acknowledgedVersion, importLedger, importPackage } from '../../db/sync/exchange';
import { openPackage, type PackageHeader, type PackageLine } from '../../db/sync/format';
import type { ByteSource } from '../../db/sync/source';
import { unb64 } from '../../db/sync/crypto';
import { listTrusted } from '../../db/sync/trust';
import { deleteEnterprise, saveEnterprise } from '../../db/enterprises';
import { enterpriseInput } from '../../api/entities';
import { makeUscc } from '../../db/validation/uscc';
import { forgePackage } from '../support/forge';
import { fullSnapshot, pair, type Place, placesForTest } from '../support/sync';

/**
 * Issue 11: each attack a review made with packages signed by real office keys, replayed exactly.
 * Each must be refused with its reason and leave HQ as it was, or be harmless.
 */
const make = placesForTest(afterEach);
const bytesOf = (f: { base64: string }) => Buffer.from(f.base64, 'base64');
const exportOf = async (o: Place) => bytesOf(await o.api['sync.export']({ full: false }));
const importAt = (p: Place, bytes: Buffer | ByteSource, name = 'x.smesync') => importPackage(p.ctx.requireDatabase(), p.ctx.keys, bytes, name, { apply: true });
const clock = (p: Place) => (p.ctx.requireDatabase().prepare('SELECT clock FROM installation').get() as { clock: number }).clock;
const ledgerLines = (p: Place) => (p.ctx.requireDatabase().prepare('SELECT count(*) AS n FROM sync_imports').get() as { n: number }).n;

async function setup(seed = 4) {
  const hq = await make('hq');
  const office = await make('office', '540100');
  await pair(hq, office);
  generateDemo(office.ctx.requireDatabase(), { enterprises: 10, activities: 8, visits: 8, seed });
  return { hq, office };
}

let nextSequence = 100;

/** A change package built from docs/sync-format.md around rows of our choosing, signed by `key` (the office's own by default). */
function forge(office: Place, hq: Place, content: PackageLine[], over: Partial<PackageHeader> = {}, key = office.ctx.keys.load().signing.secretKey): Buffer {
  const hqKey = listTrusted(office.ctx.requireDatabase()).find((t) => t.role === 'hq')!.encryptionKey!;
  return forgePackage({
    header: {
      format: 2,
      kind: 'changes',
      app: 'sme-ledger attacker',
      schemaVersion: 3,
      origin: { installationId: office.id, role: 'office', prefectureCode: '540100', officeName: '540100经信局' },
      recipient: { installationId: hq.id },
      sequence: nextSequence++,
      range: { fromVersion: 0, toVersion: clock(office) + 1000 },
      full: true,
      createdAt: new Date().toISOString(),
      payload: { encoding: 'json-lines/gzip/frames' },
      ...over,
    },
    content,
    signingKey: key,
    encryptTo: unb64(hqKey),
  });
}

/** Refused with `reason`, one ledger line for the attempt, and nothing else at HQ changed. */
function refused(hq: Place, bytes: Buffer, reason: RegExp) {
  const db = hq.ctx.requireDatabase();
  const before = fullSnapshot(hq);
  const lines = ledgerLines(hq);
  const lastLine = (db.prepare('SELECT coalesce(max(id), 0) AS m FROM sync_imports').get() as { m: number }).m;
  const r = importAt(hq, bytes);
  expect(r.status).toBe('rejected');
  expect(r.reason).toMatch(reason);
  expect(r.reasonZh!.length).toBeGreaterThan(4);
  expect(ledgerLines(hq)).toBe(lines + 1);
  expect(importLedger(db, 1)[0]).toMatchObject({ status: 'rejected', reason: r.reason });
  db.prepare('DELETE FROM sync_imports WHERE id > ?').run(lastLine);
  expect(fullSnapshot(hq)).toEqual(before);
  return r;
}

const row = (p: Place, table: string, where = '1') => p.ctx.requireDatabase().prepare(`SELECT * FROM ${table} WHERE ${where} ORDER BY id LIMIT 1`).get() as Record<string, unknown>;

describe('issue 11: the attacks observed, replayed', () => {
  it('1. a revoked key writes nothing, not even under a number below the revocation', async () => {
    const { hq, office } = await setup();
    const db = office.ctx.requireDatabase();
    expect(importAt(hq, await exportOf(office)).status).toBe('imported');
    const gone = row(office, 'enterprises');
    deleteEnterprise(db, gone.id as string);
    expect(importAt(hq, await exportOf(office)).status).toBe('imported');
    saveEnterprise(db, enterpriseInput.parse({ uscc: makeUscc('91', '540102', 'MA6T1013'), name: '第三包企业' }));
    expect(importAt(hq, await exportOf(office)).status).toBe('imported');
    await hq.api['sync.revoke']({ installationId: office.id });
    // The stolen laptop signs a package numbered 2 that brings the deleted enterprise back, very high.
    const back = { ...row(office, 'enterprises', `id = '${gone.id as string}'`), deleted: 0, version: 900_000 };
    const stolen = forge(office, hq, [['enterprises', back]], { sequence: 2, range: { fromVersion: 0, toVersion: 900_000 } });
    refused(hq, stolen, /revoked/);
    expect(row(hq, 'enterprises', `id = '${gone.id as string}'`).deleted).toBe(1);
    // Shown on 同步 as a security event (refused() cleared its ledger line to compare HQ's state).
    importAt(hq, stolen);
    const status = await hq.api['sync.status']({});
    expect(status.securityEvents[0]).toMatchObject({ code: 'signer_revoked', sequence: 2 });
  });

  it('2. a rotated-away key delivers only the packages its rotation card named, and cannot move the acknowledgement', async () => {
    const { hq, office } = await setup();
    const db = office.ctx.requireDatabase();
    expect(importAt(hq, await exportOf(office)).status).toBe('imported');
    saveEnterprise(db, enterpriseInput.parse({ uscc: makeUscc('91', '540102', 'MA6T2022'), name: '轮换前企业' }));
    const two = await exportOf(office); // signed by the old key, not delivered yet
    const oldKey = office.ctx.keys.load().signing.secretKey;
    const card = bytesOf(await office.api['sync.rotate']({})).toString('utf8');
    await hq.api['sync.trustCard']({ text: card, fingerprint: (await hq.api['sync.readCard']({ text: card })).fingerprint });
    const ackBefore = acknowledgedVersion(hq.ctx.requireDatabase(), office.id);
    // Exactly the observed file: sequence 1 (used), no records, range 0 → 9007199254740000.
    refused(hq, forge(office, hq, [], { sequence: 1, range: { fromVersion: 0, toVersion: 9_007_199_254_740_000 } }, oldKey), /beyond what any installation reaches/);
    // The same with a plausible range: the number is the old key's, but not this file.
    refused(hq, forge(office, hq, [], { sequence: 1, range: { fromVersion: 0, toVersion: clock(office) } }, oldKey), /replaced|already imported/);
    // A number the old key had used for another file.
    refused(hq, forge(office, hq, [], { sequence: 2, range: { fromVersion: 0, toVersion: clock(office) } }, oldKey), /replaced/);
    expect(acknowledgedVersion(hq.ctx.requireDatabase(), office.id)).toBe(ackBefore);
    // The genuine package 2, named by the card, still arrives; then the new key's packages.
    expect(importAt(hq, two).status).toBe('imported');
    saveEnterprise(db, enterpriseInput.parse({ uscc: makeUscc('91', '540102', 'MA6T2023'), name: '轮换后企业' }));
    expect(importAt(hq, await exportOf(office)).status).toBe('imported');
    expect(row(hq, 'enterprises', "name = '轮换后企业'")).toBeTruthy();
    expect(acknowledgedVersion(hq.ctx.requireDatabase(), office.id)).toBeLessThanOrEqual(clock(office));
  });

  it('3. an office cannot set a quota, for another prefecture or its own, whether or not HQ set one first; the batch goes on', async () => {
    const { hq, office } = await setup();
    const quota = (prefecture: string, version: number) => ({
      id: randomUUID(), origin: office.id, version, deleted: 0, created_at: new Date().toISOString(), updated_at: new Date().toISOString(),
      year: 2022, indicator_id: '6.events', prefecture_code: prefecture, target: JSON.stringify({ kind: 'min', value: 1 }),
    });
    refused(hq, forge(office, hq, [['targets', quota('540200', 5)]]), /headquarters only/);
    refused(hq, forge(office, hq, [['targets', quota('', 6)]]), /headquarters only/);
    await hq.api['targets.set']({ year: 2022, indicatorId: '6.events', prefectureCode: '540100', value: 5 });
    const forged = forge(office, hq, [['targets', quota('540100', 7)]]);
    const genuine = await exportOf(office);
    const lines = ledgerLines(hq);
    const r = await hq.api['sync.import']({ files: [{ name: 'forged.smesync', base64: forged.toString('base64') }, { name: 'genuine.smesync', base64: genuine.toString('base64') }] });
    expect(r.map((x) => x.status)).toEqual(['rejected', 'imported']);
    expect(r[0]!.reason).toMatch(/targets.*headquarters only/);
    expect(ledgerLines(hq)).toBe(lines + 2);
    expect((await hq.api['targets.list']({ year: 2022 })).find((q) => q.prefectureCode === '540100')?.target).toMatchObject({ value: 5 });
  });

  it('4. every row is validated like a form save: each bad row refuses its package, naming table, record and reason; the batch goes on', async () => {
    const { hq, office } = await setup();
    const e = row(office, 'enterprises');
    const a = row(office, 'activities', "metrics <> '{}'");
    const metric = Object.keys(JSON.parse(a.metrics as string) as object)[0]!;
    const nested = `${'{"a":'.repeat(16_000)}1${'}'.repeat(16_000)}`;
    const figure = { id: randomUUID(), origin: office.id, version: 3, deleted: 0, created_at: e.created_at, updated_at: e.updated_at, figure_id: 'loan_balance', checklist_year: 2022, as_of: '2022-06-30', value: 12, source: '人民银行', notes: null };
    const cases: [string, PackageLine, RegExp][] = [
      ['statuses not JSON', ['enterprises', { ...e, statuses: 'not json {' }], /enterprises.*statuses/],
      ['invalid credit code', ['enterprises', { ...e, uscc: '91540102MA6T00000X' }], /enterprises/],
      ['county of another prefecture', ['enterprises', { ...e, county_code: '540202' }], /enterprises.*not in this prefecture/],
      ['date in 2099', ['activities', { ...a, date: '2099-05-01' }], /activities.*future/],
      ['participants −5000', ['activities', { ...a, metrics: JSON.stringify({ [metric]: -5000 }) }], /activities.*negative/],
      ['98 KB nested metrics', ['activities', { ...a, metrics: nested }], /activities.*metrics/],
      ['reported figure without prefecture', ['reported_figures', figure], /reported_figures.*prefecture_code missing/],
    ];
    const files = cases.map(([name, line]) => ({ name: `${name}.smesync`, base64: forge(office, hq, [line]).toString('base64') }));
    files.push({ name: 'genuine.smesync', base64: (await exportOf(office)).toString('base64') });
    const before = fullSnapshot(hq);
    const results = await hq.api['sync.import']({ files });
    cases.forEach(([name, [, value], reason], i) => {
      expect(results[i]!.status, name).toBe('rejected');
      expect(results[i]!.reason, name).toMatch(reason);
      expect(results[i]!.reason, name).toContain((value as { id: string }).id);
    });
    expect(results.at(-1)!.status).toBe('imported');
    expect(importLedger(hq.ctx.requireDatabase()).length).toBe(files.length);
    expect(fullSnapshot(hq)).not.toEqual(before);
    // HQ's figures still work: nothing malformed got in.
    await expect(hq.api['progress.get']({ year: 2022 })).resolves.toBeTruthy();
  });

  it('5. a package numbered 1,000,000,000 is refused, and missing numbers are ranges however far apart', async () => {
    const { hq, office } = await setup();
    expect(importAt(hq, await exportOf(office)).status).toBe('imported');
    refused(hq, forge(office, hq, [], { sequence: 1_000_000_000 }), /beyond what any installation reaches/);
    const top = clock(office);
    // A real package far ahead (within the allowed jump), starting above what HQ holds.
    expect(importAt(hq, forge(office, hq, [], { sequence: 5000, range: { fromVersion: top + 100, toVersion: top + 200 } })).status).toBe('imported');
    const status = await hq.api['sync.status']({});
    expect(status.offices[0]!.missing).toEqual([{ from: 2, to: 4999 }]);
    refused(hq, forge(office, hq, [], { sequence: 5000 + 10_001 }), /jumps far past/);
    refused(hq, forge(office, hq, [], { sequence: 5001, range: { fromVersion: 10, toVersion: 5 } }), /runs backwards/);
  });

  it('6. after HQ restores a backup, its next reference package makes the office resend what the restore lost', async () => {
    const { hq, office } = await setup();
    const db = office.ctx.requireDatabase();
    expect(importAt(hq, await exportOf(office)).status).toBe('imported');
    const firstRef = await hq.api['sync.publish']({});
    expect(importAt(office, bytesOf(firstRef)).status).toBe('imported');
    const backup = await hq.api['backups.create']({});
    saveEnterprise(db, enterpriseInput.parse({ uscc: makeUscc('91', '540102', 'MA6T6061'), name: '总部恢复前收到的企业' }));
    expect(importAt(hq, await exportOf(office)).status).toBe('imported');
    const secondRef = await hq.api['sync.publish']({});
    expect(importAt(office, bytesOf(secondRef)).status).toBe('imported');
    await hq.api['backups.restore']({ name: backup.name });
    expect(hq.ctx.requireDatabase().prepare("SELECT count(*) AS n FROM enterprises WHERE name = '总部恢复前收到的企业'").get()).toEqual({ n: 0 });
    const thirdRef = await hq.api['sync.publish']({});
    // Reference numbers never repeat, even though the restore took the setting back.
    expect(openPackage({ size: bytesOf(thirdRef).length, read: (o, n) => bytesOf(thirdRef).subarray(o, o + n) }).header.sequence).toBe(3);
    expect(importAt(office, bytesOf(thirdRef)).status).toBe('imported');
    // The ordinary next export (not --full) brings back what HQ lost.
    expect(importAt(hq, await exportOf(office)).status).toBe('imported');
    expect(hq.ctx.requireDatabase().prepare("SELECT count(*) AS n FROM enterprises WHERE name = '总部恢复前收到的企业'").get()).toEqual({ n: 1 });
    const ofOffice = (p: Place) => p.ctx.requireDatabase().prepare('SELECT id, deleted, name FROM enterprises WHERE origin = ? ORDER BY id').all(office.id);
    expect(ofOffice(hq)).toEqual(ofOffice(office));
    // An older reference package from before the restore does not raise the acknowledgement again.
    expect(importAt(office, bytesOf(secondRef)).status).toBe('already-imported');
  });

  it('7. an office restored over a damaged database: numbers and versions go on, a record made afterwards reaches HQ', async () => {
    const { hq, office } = await setup();
    const backup = await office.api['backups.create']({});
    expect(importAt(hq, await exportOf(office)).status).toBe('imported');
    saveEnterprise(office.ctx.requireDatabase(), enterpriseInput.parse({ uscc: makeUscc('91', '540102', 'MA6T7071'), name: '损坏前的企业' }));
    expect(importAt(hq, await exportOf(office)).status).toBe('imported');
    const clockBefore = clock(office);
    // The disk fails: the database is garbage and cannot be read to learn how far it had got.
    office.ctx.closeDatabase();
    fs.writeFileSync(path.join(office.ctx.dataDir, 'ledger.sqlite'), Buffer.alloc(64 * 1024, 0));
    await office.api['backups.restore']({ name: backup.name });
    expect(clock(office)).toBeGreaterThan(clockBefore);
    saveEnterprise(office.ctx.requireDatabase(), enterpriseInput.parse({ uscc: makeUscc('91', '540102', 'MA6T7072'), name: '恢复后的企业' }));
    const next = await office.api['sync.export']({ full: false });
    expect(next.sequence).toBe(3);
    expect(importAt(hq, bytesOf(next)).status).toBe('imported');
    expect(row(hq, 'enterprises', "name = '恢复后的企业'")).toBeTruthy();
    const ref = await hq.api['sync.publish']({});
    expect(importAt(office, bytesOf(ref))).toMatchObject({ status: 'imported', reason: null });
    expect(acknowledgedVersion(hq.ctx.requireDatabase(), office.id)).toBeLessThanOrEqual(clock(office));
  });

  it('8. a package whose versions a later package covers is not missing', async () => {
    const { hq, office } = await setup();
    const db = office.ctx.requireDatabase();
    const one = await exportOf(office);
    saveEnterprise(db, enterpriseInput.parse({ uscc: makeUscc('91', '540102', 'MA6T8082'), name: '第二包' }));
    await exportOf(office); // package 2, never delivered
    saveEnterprise(db, enterpriseInput.parse({ uscc: makeUscc('91', '540102', 'MA6T8083'), name: '第三包' }));
    const three = await exportOf(office);
    expect(importAt(hq, one).missing).toEqual([]);
    expect(importAt(hq, three).missing).toEqual([]);
    expect((await hq.api['sync.status']({})).offices[0]!.missing).toEqual([]);
    expect(row(hq, 'enterprises', "name = '第二包'")).toBeTruthy();
  });

  it('9. a file of tiny frames is refused after reading it once, keeping nothing per frame', async () => {
    const { hq, office } = await setup();
    const frames = Array.from({ length: 30_000 }, () => Buffer.from('\n'));
    // Declares enough records for every frame, so only the walk itself can refuse it: at HQ
    // after reading it once (the first pass), by its signature (here a stranger's key).
    for (const counts of [{ enterprises: 3 }, { enterprises: 1_000_000 }]) {
      const file = forgePackage({
        header: {
          format: 2, kind: 'changes', app: 'x', schemaVersion: 3,
          origin: { installationId: office.id, role: 'office', prefectureCode: '540100', officeName: 'x' },
          recipient: { installationId: hq.id }, sequence: 1, range: { fromVersion: 0, toVersion: 1 }, full: true, createdAt: new Date().toISOString(),
          payload: { encoding: 'json-lines/gzip/frames' }, counts,
        },
        content: { frames },
        signingKey: hq.ctx.keys.load().signing.secretKey,
        encryptTo: unb64(listTrusted(office.ctx.requireDatabase()).find((t) => t.role === 'hq')!.encryptionKey!),
      });
      let read = 0;
      const src: ByteSource = { size: file.length, read: (o, n) => ((read += Math.min(n, file.length - o)), file.subarray(o, o + n)) };
      const r = importAt(hq, src);
      expect(r.status).toBe('rejected');
      expect(r.reason).toMatch(counts.enterprises === 3 ? /more frames than records/ : /signature/);
      // Once through the file, plus the few bytes a window boundary splits.
      expect(read).toBeLessThan(file.length * 1.01 + 4096);
    }
  });

  it('an acknowledgement above the office’s own clock is refused in words, and exports go on from the true state', async () => {
    const { hq, office } = await setup();
    const hqKey = hq.ctx.keys.load().signing.secretKey;
    const ref = forgePackage({
      header: {
        format: 2, kind: 'reference', app: 'x', schemaVersion: 3,
        origin: { installationId: hq.id, role: 'hq', prefectureCode: null, officeName: '自治区经信厅' },
        recipient: null, sequence: 1, range: { fromVersion: 0, toVersion: 0 }, full: true, createdAt: new Date().toISOString(),
        payload: { encoding: 'json-lines/gzip/frames' }, counts: { acks: 1, checklists: 0, targets: 0 },
      },
      content: [['acks', { [office.id]: clock(office) + 5 }]],
      signingKey: hqKey,
      encryptTo: null,
    });
    const r = importAt(office, ref);
    expect(r.status).toBe('imported');
    expect(r.reasonZh).toMatch(/超过本机自身的版本时钟/);
    const status = await office.api['sync.status']({});
    expect(status.acknowledgedVersion).toBe(0);
    expect(status.pendingChanges).toBeGreaterThan(0);
    expect(status.securityEvents[0]).toMatchObject({ code: 'ack_ahead' });
    expect(Object.values((await office.api['sync.export']({ full: false })).counts).reduce((x, y) => x + y, 0)).toBeGreaterThan(0);
    // Reference packages come from HQ only: an office's key cannot publish one.
    const fromOffice = forgePackage({
      header: { ...openPackage({ size: ref.length, read: (o, n) => ref.subarray(o, o + n) }).header, origin: { installationId: office.id, role: 'office', prefectureCode: '540100', officeName: 'x' } },
      content: [['acks', {}]],
      signingKey: office.ctx.keys.load().signing.secretKey,
      encryptTo: null,
    });
    expect(importAt(hq, fromOffice)).toMatchObject({ status: 'rejected' });
  });
});
