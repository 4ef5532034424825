import { afterEach, describe, expect, it } from 'vitest';
import { enterpriseInput } from '../../api/entities';
import { saveEnterprise } from '../../db/enterprises';
import { evaluate } from '../../db/indicators/engine';
import { importLedger, importPackage } from '../../db/sync/exchange';
import { frameKeyFor, openPackage, packageLines, type PackageHeader, type PackageLine } from '../../db/sync/format';
import { streamKeyFrom, unb64 } from '../../db/sync/crypto';
import { bufferSource } from '../../db/sync/source';
import { listTrusted } from '../../db/sync/trust';
import { latestSchemaVersion, migrations } from '../../db/migrations';
import { makeUscc } from '../../db/validation/uscc';
import { forgePackage } from '../support/forge';
import { fullSnapshot, pair, placesForTest, type Place } from '../support/sync';

/**
 * Enterprise rows from a build that records the service officer's start date
 * (`service_officer_since`, schema version 10) meet an installation whose schema predates it.
 * Only HQ receives enterprise rows (offices receive reference packages: acknowledgements,
 * checklists, quotas). Dropping the column would count the officer from the day the row was saved
 * instead of the day assigned (item 21), a figure quietly wrong: so the package is refused in
 * words, nothing is written, and the same file imports once the app is updated (docs/sync-format.md:
 * a newer schema is refused; known columns only).
 */
const make = placesForTest(afterEach);

async function officeWithOfficer(): Promise<{ hq: Place; office: Place; bytes: Buffer; enterpriseId: string }> {
  const hq = await make('hq');
  const office = await make('office', '540100');
  await pair(hq, office);
  const saved = saveEnterprise(
    office.ctx.requireDatabase(),
    enterpriseInput.parse({ uscc: makeUscc('91', '540102', 'MA6T0001'), name: '拉萨服务专员测试有限公司', specialised: 'region', specialisedYear: 2021, serviceOfficer: '扎西', serviceOfficerSince: '2022-03-15' }),
  );
  const pkg = await office.api['sync.export']({ full: false });
  return { hq, office, bytes: Buffer.from(pkg.base64, 'base64'), enterpriseId: saved.record.id };
}

/** The package's lines as HQ decrypts them. */
function linesOf(hq: Place, bytes: Buffer): PackageLine[] {
  const p = openPackage(bufferSource(bytes));
  const secret = hq.ctx.keys.load().encryption!.secretKey;
  return [...packageLines(p, frameKeyFor(p, (e) => streamKeyFrom(secret, e)))];
}

/** HQ's enterprises as the build before version 10 kept them: no service_officer_since (nor migration 15's index of it). */
function asBeforeVersion10(hq: Place): void {
  hq.ctx.requireDatabase().exec('DROP INDEX IF EXISTS enterprises_specialised; ALTER TABLE enterprises DROP COLUMN service_officer_since');
}

/** Every table but the import ledger, which records each attempt. */
const allButLedger = (p: Place) => (JSON.parse(fullSnapshot(p)) as [string, unknown][]).filter(([t]) => t !== 'sync_imports');

function expectRefusedUnchanged(hq: Place, bytes: Buffer, reason: RegExp, reasonZh: RegExp) {
  const before = allButLedger(hq);
  const r = importPackage(hq.ctx.requireDatabase(), hq.ctx.keys, bytes, 'x.smesync', { apply: true });
  expect(r.status).toBe('rejected');
  expect(r.reason).toMatch(reason);
  expect(r.reasonZh).toMatch(reasonZh);
  expect(importLedger(hq.ctx.requireDatabase(), 1)[0]).toMatchObject({ status: 'rejected', reason: r.reason, reasonZh: r.reasonZh });
  // Nothing else has changed: no enterprise half-written without its date.
  expect(allButLedger(hq)).toEqual(before);
  expect((hq.ctx.requireDatabase().prepare('SELECT count(*) AS n FROM enterprises').get() as { n: number }).n).toBe(0);
}

describe('enterprise rows carrying service_officer_since, at an installation that predates it', () => {
  it('HQ with the schema before version 10 refuses the office’s package in words, keeps nothing of it, and imports the same file once updated', async () => {
    const { hq, bytes, enterpriseId } = await officeWithOfficer();
    // Exactly that input: the office's own package, whose enterprise row carries the column.
    const row = linesOf(hq, bytes).find(([t]) => t === 'enterprises')![1] as Record<string, unknown>;
    expect(row).toMatchObject({ id: enterpriseId, service_officer: '扎西', service_officer_since: '2022-03-15' });

    asBeforeVersion10(hq);
    expectRefusedUnchanged(hq, bytes, /enterprises.*unknown field "service_officer_since".*not imported/, /^同步包中“enterprises”的记录.*无效：含本机不认识的字段 "service_officer_since"；未导入任何数据/);
    // Tried again before updating: refused again, never "already imported".
    expectRefusedUnchanged(hq, bytes, /unknown field "service_officer_since"/, /未导入任何数据/);

    // Updating the app: migration 10, which added the column, runs on HQ's database; the app opens it afresh.
    hq.ctx.requireDatabase().exec(migrations.find((m) => m.version === 10)!.sql);
    hq.ctx.closeDatabase();
    const again = importPackage(hq.ctx.requireDatabase(), hq.ctx.keys, bytes, 'x.smesync', { apply: true });
    expect(again.status).toBe('imported');
    const db = hq.ctx.requireDatabase();
    expect(db.prepare('SELECT service_officer, service_officer_since FROM enterprises WHERE id = ?').get(enterpriseId)).toEqual({ service_officer: '扎西', service_officer_since: '2022-03-15' });
    // The officer counts from the day assigned, not from the day the row arrived.
    const coverage = (asOf: string) => evaluate(db, { year: 2022, asOf }).indicators.find((i) => i.id === '21.service_officer')!.parts;
    expect(coverage('2022-03-14')).toEqual({ numerator: 0, denominator: 1 });
    expect(coverage('2022-03-15')).toEqual({ numerator: 1, denominator: 1 });
  });

  it('a package from a newer schema whose enterprise rows carry a column this build does not know is refused before any row is read, and again when tried again (never “already imported”)', async () => {
    const { hq, office, bytes } = await officeWithOfficer();
    const row = { ...(linesOf(hq, bytes).find(([t]) => t === 'enterprises')![1] as Record<string, unknown>), service_officer_until: '2022-12-31' };
    const hqKey = listTrusted(office.ctx.requireDatabase()).find((t) => t.role === 'hq')!.encryptionKey!;
    const header: Omit<PackageHeader, 'counts' | 'encryption'> = {
      format: 2, kind: 'changes', app: 'sme-ledger (a later version)', schemaVersion: latestSchemaVersion + 1,
      origin: { installationId: office.id, role: 'office', prefectureCode: '540100', officeName: '540100经信局' },
      recipient: { installationId: hq.id }, sequence: 2, range: { fromVersion: 0, toVersion: 10_000 }, full: true,
      createdAt: new Date().toISOString(), payload: { encoding: 'json-lines/gzip/frames' },
    };
    const newer = forgePackage({ header, content: [['enterprises', row]], signingKey: office.ctx.keys.load().signing.secretKey, encryptTo: unb64(hqKey) });
    expectRefusedUnchanged(hq, newer, /newer version of SME Ledger: update the app/, /^该同步包由更新版本的台账程序生成，请升级程序。$/);
    expectRefusedUnchanged(hq, newer, /newer version/, /请升级程序/);
  });
});
