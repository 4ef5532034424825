import fs from 'node:fs';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiCallError, createApi } from '../../api/contract';
import { AppContext } from '../../services/context';
import { dispatch } from '../../services/dispatch';
import { exportMoveFile, importMoveFile } from '../../services/handlers/move';
import { exportInstallation, writeMovePackage } from '../../db/move/export';
import { keysToJson, type MoveManifest } from '../../db/move/format';
import { generateDemo } from '../../db/demo';
import { fingerprint } from '../../db/sync/crypto';
import { makeUscc } from '../../db/validation/uscc';
import { UserError } from '../../db/errors';
import { fullSnapshot, pair, snapshot, type Place } from '../support/sync';
import { tempDataDir } from '../support/host';
import { cli } from '../support/cli';

const PASS = '雅鲁藏布江 flows east 2022';
const WEAK_KDF = { N: 2 ** 14, r: 8, p: 1 };

const open: { ctx: AppContext; dir: string }[] = [];
const files: string[] = [];
afterEach(() => {
  for (const o of open.splice(0)) {
    o.ctx.close();
    fs.rmSync(o.dir, { recursive: true, force: true });
  }
  for (const f of files.splice(0)) fs.rmSync(path.dirname(f), { recursive: true, force: true });
});

/** A real installation folder; keyWrap stands for the desktop app's OS-protected key. */
function folder(keyWrap?: Buffer): Place {
  const dir = tempDataDir('sme-move-');
  const ctx = new AppContext({ dataDir: dir, transport: 'browser', keyWrap });
  open.push({ ctx, dir });
  return { ctx, api: createApi((m, i) => dispatch(ctx, m, i)), id: '', close: () => ctx.close() };
}

async function setUp(p: Place, role: 'office' | 'hq', prefectureCode: string | null = null, name = role === 'hq' ? '自治区经信厅' : '拉萨市经信局') {
  const s = await p.api['app.setup']({ role, prefectureCode, officeName: name, operatorName: '测试', language: 'zh' });
  p.id = s.installation!.id;
  return p;
}

function tmpFile(name: string): string {
  const f = path.join(tempDataDir('sme-move-file-'), name);
  files.push(f);
  return f;
}

async function failure(p: Promise<unknown>): Promise<ApiCallError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ApiCallError);
  return e as ApiCallError;
}

const fp = (p: Place) => fingerprint(p.ctx.keys.load().signing.publicKey);
const asFile = (name: string, bytes: Buffer) => ({ name, base64: bytes.toString('base64') });
const entries = (dir: string) => fs.readdirSync(dir).sort();

describe('moving an installation to a new laptop', () => {
  it('round trip: same installation, same keys, same rows, and HQ keeps accepting its packages', async () => {
    const hq = await setUp(folder(), 'hq');
    // The old laptop is the desktop app: its keys.json is wrapped with an OS-protected key.
    const old = await setUp(folder(randomBytes(32)), 'office', '540100');
    await pair(hq, old);
    generateDemo(old.ctx.requireDatabase(), { enterprises: 40, activities: 30, visits: 30, seed: 7 });
    const first = await old.api['sync.export']({ full: false });
    expect((await hq.api['sync.import']({ files: [{ name: first.name, base64: first.base64 }] }))[0]!.status).toBe('imported');
    expect(JSON.parse(fs.readFileSync(path.join(old.ctx.dataDir, 'keys.json'), 'utf8'))).toMatchObject({ wrapped: true });

    const pkg = await old.api['move.export']({ passphrase: PASS });
    expect(pkg.name).toMatch(/^拉萨市经信局-迁移包-\d{8}\.smemove$/);
    const bytes = Buffer.from(pkg.base64, 'base64');
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('SME-MOVE');
    // Neither the keys nor the data are readable in the file.
    const secret = Buffer.from(old.ctx.keys.load().signing.secretKey);
    expect(bytes.includes(secret)).toBe(false);
    expect(bytes.includes(Buffer.from(secret.toString('base64')))).toBe(false);
    expect(bytes.includes(Buffer.from('拉萨市经信局'))).toBe(false);
    expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false);
    expect((await old.api['backups.list']({})).map((b) => b.reason)).toContain('move-export');

    // The new laptop, another desktop app with its own OS-protected key, at first start.
    const moved = folder(randomBytes(32));
    expect((await moved.api['app.status']({})).setUp).toBe(false);
    const status = await moved.api['move.import']({ file: asFile(pkg.name, bytes), passphrase: PASS });
    moved.id = status.installation!.id;
    expect(status.setUp).toBe(true);
    expect(moved.id).toBe(old.id);
    expect(status.fingerprint).toBe(fp(old));
    expect(JSON.parse(fs.readFileSync(path.join(moved.ctx.dataDir, 'keys.json'), 'utf8'))).toMatchObject({ wrapped: true });
    expect(keysToJson(moved.ctx.keys.load())).toEqual(keysToJson(old.ctx.keys.load()));
    expect(fullSnapshot(moved)).toBe(fullSnapshot(old));
    expect(entries(moved.ctx.dataDir).filter((f) => f.startsWith('.move-') || f.endsWith('.restoring'))).toEqual([]);

    // The moved office carries on: new work reaches HQ, which accepts the package as the next one.
    await moved.api['enterprises.save']({ uscc: makeUscc('91', '540102', 'MA6TBK03'), name: '新电脑登记的企业' });
    const next = await moved.api['sync.export']({ full: false });
    expect(next.sequence).toBe(first.sequence + 1);
    const [r] = await hq.api['sync.import']({ files: [{ name: next.name, base64: next.base64 }] });
    expect(r).toMatchObject({ status: 'imported', installationId: old.id, missing: [] });
    expect(snapshot(hq, old.id)).toEqual(snapshot(moved));
  });

  it('after a restore over a damaged database, a move keeps package numbers and the clock going on (sync-marks.json travels)', async () => {
    const hq = await setUp(folder(), 'hq');
    const old = await setUp(folder(), 'office', '540100');
    await pair(hq, old);
    generateDemo(old.ctx.requireDatabase(), { enterprises: 5, activities: 3, visits: 3, seed: 11 });
    const backup = await old.api['backups.create']({});
    for (const name of ['第一包后的企业', '第二包后的企业']) {
      const sent = await old.api['sync.export']({ full: false });
      expect((await hq.api['sync.import']({ files: [{ name: sent.name, base64: sent.base64 }] }))[0]!.status).toBe('imported');
      await old.api['enterprises.save']({ uscc: makeUscc('91', '540102', name === '第一包后的企业' ? 'MA6TMK01' : 'MA6TMK02'), name });
    }
    const clockSent = (old.ctx.requireDatabase().prepare('SELECT max(to_version) AS v FROM sync_exports').get() as { v: number }).v;
    // The disk fails; the backup from before both packages is restored. Only sync-marks.json,
    // beside the keys, still knows that packages 1 and 2 left and how far the clock had gone.
    old.ctx.closeDatabase();
    fs.writeFileSync(path.join(old.ctx.dataDir, 'ledger.sqlite'), Buffer.alloc(64 * 1024, 0));
    await old.api['backups.restore']({ name: backup.name });
    expect((old.ctx.requireDatabase().prepare('SELECT count(*) AS n FROM sync_exports').get() as { n: number }).n).toBe(0);

    // Then the office moves to a new laptop.
    const out = tmpFile('office.smemove');
    await exportInstallation(old.ctx.requireDatabase(), old.ctx.dataDir, old.ctx.keys.load(), { passphrase: PASS, appVersion: 'test', out, kdf: WEAK_KDF });
    const moved = folder();
    await importMoveFile(moved.ctx, out, PASS);
    const marks = JSON.parse(fs.readFileSync(path.join(moved.ctx.dataDir, 'sync-marks.json'), 'utf8')) as { exportSequence: number; clock: number };
    expect(marks).toMatchObject({ installationId: old.id, exportSequence: 2 });
    expect(marks.clock).toBeGreaterThanOrEqual(clockSent);

    // Its next package is number 3, above every version HQ holds, and HQ takes it as the next one.
    await moved.api['enterprises.save']({ uscc: makeUscc('91', '540102', 'MA6TMK03'), name: '新电脑登记的企业' });
    const next = await moved.api['sync.export']({ full: false });
    expect(next.sequence).toBe(3);
    const [r] = await hq.api['sync.import']({ files: [{ name: next.name, base64: next.base64 }] });
    expect(r).toMatchObject({ status: 'imported', installationId: old.id, missing: [] });
    const newest = moved.ctx.requireDatabase().prepare("SELECT version FROM enterprises WHERE name = '新电脑登记的企业'").get() as { version: number };
    expect(newest.version).toBeGreaterThan(clockSent);
    const atHq = hq.ctx.requireDatabase().prepare("SELECT name FROM enterprises WHERE origin = ? AND name LIKE '%企业' ORDER BY name").all(old.id);
    expect(atHq).toEqual(expect.arrayContaining([{ name: '新电脑登记的企业' }, { name: '第一包后的企业' }]));
  });

  it('HQ restored from a backup, then moved: its reference packages keep their numbers going on', async () => {
    const hq = await setUp(folder(), 'hq');
    const office = await setUp(folder(), 'office', '540100');
    await pair(hq, office);
    const backup = await hq.api['backups.create']({});
    for (let i = 0; i < 2; i++) {
      const ref = await hq.api['sync.publish']({});
      expect((await office.api['sync.import']({ files: [{ name: ref.name, base64: ref.base64 }] }))[0]!.status).toBe('imported');
    }
    // A restore takes the database's own count back; sync-marks.json keeps it.
    await hq.api['backups.restore']({ name: backup.name });
    const out = tmpFile('hq.smemove');
    await exportInstallation(hq.ctx.requireDatabase(), hq.ctx.dataDir, hq.ctx.keys.load(), { passphrase: PASS, appVersion: 'test', out, kdf: WEAK_KDF });
    const moved = folder();
    await importMoveFile(moved.ctx, out, PASS);
    const ref = await moved.api['sync.publish']({});
    // Number 3, not a second number 1 that the office would refuse as another file under a number it has.
    expect((await office.api['sync.import']({ files: [{ name: ref.name, base64: ref.base64 }] }))[0]).toMatchObject({ status: 'imported', sequence: 3, reason: null });
  });

  it('a wrong passphrase is refused with a clear message and changes nothing', async () => {
    const old = await setUp(folder(), 'office', '540100');
    const pkg = await old.api['move.export']({ passphrase: PASS });
    const target = folder();
    const before = entries(target.ctx.dataDir);
    const e = await failure(target.api['move.import']({ file: asFile(pkg.name, Buffer.from(pkg.base64, 'base64')), passphrase: 'not the passphrase' }));
    expect(e.code).toBe('move_wrong_passphrase');
    expect(e.messageZh).toContain('口令不正确或文件已损坏');
    expect(entries(target.ctx.dataDir)).toEqual(before);
    expect((await target.api['app.status']({})).setUp).toBe(false);
  });

  it('refuses a passphrase shorter than 10 characters at export, writing nothing', async () => {
    const old = await setUp(folder(), 'office', '540100');
    const e = await failure(old.api['move.export']({ passphrase: '123456789' }));
    expect(e.code).toBe('move_passphrase_short');
    expect(e.messageZh).toContain('至少需要 10 个字符');
    expect(await old.api['backups.list']({})).toEqual([]);
    // Ten characters are enough, counted as characters, not bytes.
    await expect(old.api['move.export']({ passphrase: '拉萨到林芝的路很长啊' })).resolves.toMatchObject({ installationId: old.id });
  });

  describe('a damaged file is refused and changes nothing', () => {
    /** A package in many small chunks (the real code, with a 4 KiB chunk and the lowest accepted scrypt cost). */
    async function chunkedPackage() {
      const old = await setUp(folder(), 'office', '540200', '日喀则市经信局');
      generateDemo(old.ctx.requireDatabase(), { enterprises: 10, activities: 5, visits: 5, seed: 2 });
      const out = tmpFile('old.smemove');
      const r = await exportInstallation(old.ctx.requireDatabase(), old.ctx.dataDir, old.ctx.keys.load(), { passphrase: PASS, appVersion: 'test', out, kdf: WEAK_KDF, chunkBytes: 4096 });
      const bytes = fs.readFileSync(out);
      const headerEnd = 12 + bytes.readUInt32BE(8);
      return { old, bytes, headerEnd, chunks: Math.ceil((r.manifest.databaseBytes + 1) / 4096), sealed: 4096 + 16 };
    }

    async function refused(target: Place, bytes: Buffer): Promise<UserError> {
      const f = tmpFile('bad.smemove');
      fs.writeFileSync(f, bytes);
      const before = entries(target.ctx.dataDir);
      const e = await importMoveFile(target.ctx, f, PASS).then(
        () => null,
        (err: unknown) => err,
      );
      expect(e, 'the damaged file was accepted').toBeInstanceOf(UserError);
      expect(entries(target.ctx.dataDir)).toEqual(before);
      return e as UserError;
    }

    it('first the intact package imports, so the refusals below are about the damage', async () => {
      const { old, bytes } = await chunkedPackage();
      const target = folder();
      const f = tmpFile('ok.smemove');
      fs.writeFileSync(f, bytes);
      await importMoveFile(target.ctx, f, PASS);
      expect(fullSnapshot({ ...target, id: old.id })).toBe(fullSnapshot(old));
    });

    it('truncated anywhere: in the header, mid-chunk, at a chunk boundary, one byte short', async () => {
      const { bytes, headerEnd, sealed, chunks } = await chunkedPackage();
      expect(chunks).toBeGreaterThan(5);
      const target = await setUp(folder(), 'office', '540100');
      const snap = fullSnapshot(target);
      const codes: Record<number, string> = {};
      for (const at of [0, 7, 20, headerEnd, headerEnd + 100, headerEnd + sealed, headerEnd + 3 * sealed, headerEnd + 3 * sealed + 50, bytes.length - 1]) {
        codes[at] = (await refused(target, bytes.subarray(0, at))).code;
      }
      expect(codes[headerEnd + sealed]).toBe('move_truncated');
      expect(codes[headerEnd + 3 * sealed]).toBe('move_truncated');
      expect(codes[0]).toBe('move_not_a_package');
      expect(new Set(Object.values(codes))).toEqual(new Set(['move_not_a_package', 'move_truncated', 'move_wrong_passphrase', 'move_damaged']));
      // Extra bytes after the final chunk are refused as well.
      expect((await refused(target, Buffer.concat([bytes, Buffer.from([0])]))).code).toBe('move_damaged');
      expect(fullSnapshot(target)).toBe(snap);
    });

    it('one flipped byte, in the header, the first, a middle or the last chunk, or a tag', async () => {
      const { bytes, headerEnd, sealed } = await chunkedPackage();
      const target = folder();
      const saltAt = bytes.indexOf('"salt":"') + 10;
      const chunkAt = bytes.indexOf('"chunkBytes":') + 13;
      for (const at of [3, 9, saltAt, chunkAt, headerEnd - 2, headerEnd, headerEnd + sealed - 1, headerEnd + 2 * sealed + 17, bytes.length - 20, bytes.length - 1]) {
        const bad = Buffer.from(bytes);
        bad[at] = bad[at]! ^ 0x01;
        const e = await refused(target, bad);
        expect(['move_not_a_package', 'move_wrong_passphrase', 'move_damaged', 'move_truncated'], `byte ${at}: ${e.code}`).toContain(e.code);
      }
      expect((await target.api['app.status']({})).setUp).toBe(false);
    });

    it('a file of another kind: a sync package, a database, an empty file, random bytes', async () => {
      const { old, bytes } = await chunkedPackage();
      const hq = await setUp(folder(), 'hq');
      await pair(hq, old);
      const target = folder();
      const sync = Buffer.from((await old.api['sync.export']({ full: false })).base64, 'base64');
      for (const other of [sync, fs.readFileSync(old.ctx.databaseFile), Buffer.alloc(0), randomBytes(5000), Buffer.from('SME-MOVE')]) {
        expect((await refused(target, other)).code).toBe('move_not_a_package');
      }
      // Through the API too, with a readable message.
      const e = await failure(target.api['move.import']({ file: asFile('x.smesync', sync), passphrase: PASS }));
      expect(e.messageZh).toContain('不是台账迁移包');
      expect(bytes.length).toBeGreaterThan(0);
    });
  });

  it('refuses a package whose database is newer than this app, or is not a ledger, before replacing anything', async () => {
    const old = await setUp(folder(), 'office', '540100');
    const inst = (await old.api['app.status']({})).installation!;
    const keys = keysToJson(old.ctx.keys.load());
    const manifest = (databaseBytes: number): MoveManifest => ({
      format: 1, installationId: inst.id, role: 'office', prefectureCode: '540100', officeName: inst.officeName, schemaVersion: 999,
      appVersion: '9.0.0', createdAt: new Date().toISOString(), databaseBytes, keys, files: {},
    });
    const target = await setUp(folder(), 'office', '540300', '昌都市经信局');
    const snap = fullSnapshot(target);

    const newer = tmpFile('newer.sqlite');
    await old.ctx.requireDatabase().backup(newer);
    const db = new Database(newer);
    db.pragma('user_version = 999');
    db.close();
    const out = tmpFile('newer.smemove');
    await writeMovePackage(out, manifest(fs.statSync(newer).size), newer, { passphrase: PASS, kdf: WEAK_KDF });
    await expect(importMoveFile(target.ctx, out, PASS)).rejects.toMatchObject({ code: 'db_newer' });

    const notLedger = tmpFile('other.sqlite');
    const other = new Database(notLedger);
    other.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
    other.close();
    await writeMovePackage(out, manifest(fs.statSync(notLedger).size), notLedger, { passphrase: PASS, kdf: WEAK_KDF });
    await expect(importMoveFile(target.ctx, out, PASS)).rejects.toMatchObject({ code: 'move_not_a_package' });

    // A sound database whose carried sync marks are another installation's, or not marks at all.
    const sound = tmpFile('sound.sqlite');
    await old.ctx.requireDatabase().backup(sound);
    const marksOf = (value: unknown) => ({ 'sync-marks.json': Buffer.from(JSON.stringify(value)).toString('base64') });
    const good = { installationId: inst.id, clock: 9, exportSequence: 9, referenceSequence: 0, restoreEpoch: 0 };
    for (const [files, why] of [
      [marksOf({ ...good, installationId: randomUUID() }), /unknown sync-marks.json/],
      [marksOf({ ...good, exportSequence: -1 }), /unknown sync-marks.json/],
      [{ 'sync-marks.json': Buffer.from('{not json').toString('base64') }, /unreadable sync-marks.json/],
    ] as const) {
      await writeMovePackage(out, { ...manifest(fs.statSync(sound).size), schemaVersion: 1, files }, sound, { passphrase: PASS, kdf: WEAK_KDF });
      await expect(importMoveFile(target.ctx, out, PASS)).rejects.toMatchObject({ code: 'move_not_a_package', message: expect.stringMatching(why) });
    }
    expect(fs.existsSync(path.join(target.ctx.dataDir, 'sync-marks.json'))).toBe(false);

    expect(fullSnapshot(target)).toBe(snap);
    expect(entries(target.ctx.dataDir).filter((f) => f.startsWith('.move-'))).toEqual([]);
  });

  it('import over an existing installation backs up the old database and keys first', async () => {
    const old = await setUp(folder(), 'office', '540100');
    await old.api['enterprises.save']({ uscc: makeUscc('91', '540102', 'MA6TBK04'), name: '旧电脑的企业' });
    const target = await setUp(folder(), 'office', '540400', '林芝市经信局');
    await target.api['enterprises.save']({ uscc: makeUscc('91', '540402', 'MA6TBK05'), name: '本机原有的企业' });
    const targetKeys = fs.readFileSync(path.join(target.ctx.dataDir, 'keys.json'), 'utf8');
    const targetFp = fp(target);

    const pkg = tmpFile('old.smemove');
    await exportMoveFile(old.ctx, PASS, pkg);
    await importMoveFile(target.ctx, pkg, PASS);
    let s = await target.api['app.status']({});
    expect(s.installation!.id).toBe(old.id);
    expect(s.fingerprint).toBe(fp(old));
    expect((await target.api['enterprises.list']({})).rows.map((e) => e.name)).toEqual(['旧电脑的企业']);

    const backup = (await target.api['backups.list']({})).find((b) => b.reason === 'before-move-import')!;
    expect(backup).toBeDefined();
    const keyCopies = fs.readdirSync(path.join(target.ctx.dataDir, 'backups')).filter((f) => /^keys-.*-before-move-import\.json$/.test(f));
    expect(keyCopies).toHaveLength(1);
    expect(fs.readFileSync(path.join(target.ctx.dataDir, 'backups', keyCopies[0]!), 'utf8')).toBe(targetKeys);
    // The replaced installation is still there to go back to.
    await target.api['backups.restore']({ name: backup.name });
    s = await target.api['app.status']({});
    expect(s.installation!.id).toBe(target.id);
    expect((await target.api['enterprises.list']({})).rows.map((e) => e.name)).toEqual(['本机原有的企业']);
    expect(targetFp).not.toBe(fp(old));
  });

  it('the CLI: passphrase from SME_MOVE_PASSPHRASE, never an argument; refused without it when not at a terminal', async () => {
    const old = await setUp(folder(), 'office', '540100');
    old.ctx.close();
    const out = tmpFile('cli.smemove');
    const target = tempDataDir('sme-move-cli-');
    open.push({ ctx: new AppContext({ dataDir: target, transport: 'browser' }), dir: target });

    const noPass = cli(['move-export', '--data', old.ctx.dataDir, '--out', out]);
    expect(noPass.code).toBe(1);
    expect(noPass.stderr).toMatch(/SME_MOVE_PASSPHRASE/);
    expect(cli(['move-export', '--data', old.ctx.dataDir, '--out', out, '--passphrase', PASS]).code).toBe(1);

    const exported = cli(['move-export', '--data', old.ctx.dataDir, '--out', out], { SME_MOVE_PASSPHRASE: PASS });
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    const wrong = cli(['move-import', '--data', target, out], { SME_MOVE_PASSPHRASE: 'wrong wrong wrong' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/Wrong passphrase/);
    const imported = cli(['move-import', '--data', target, out], { SME_MOVE_PASSPHRASE: PASS });
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(old.id);
    const info = JSON.parse(cli(['info', '--data', target, '--json']).stdout) as { installationId: string };
    expect(info.installationId).toBe(old.id);
  });
});
