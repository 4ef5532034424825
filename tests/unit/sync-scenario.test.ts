import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateDemo } from '../../db/demo';
import { importPackage } from '../../db/sync/exchange';
import { unb64 } from '../../db/sync/crypto';
import { listTrusted } from '../../db/sync/trust';
import { saveEnterprise } from '../../db/enterprises';
import { enterpriseInput, type EnterpriseInput } from '../../api/entities';
import { makeUscc } from '../../db/validation/uscc';
import { forgePackage } from '../support/forge';
import { pair, snapshot, type Place, placesForTest } from '../support/sync';

/**
 * Issue 11, "done when": two offices and HQ go through a revocation, a rotation, an HQ restore
 * and an office restore (over a damaged database); HQ ends with exactly what each office holds,
 * and every attempt is in HQ's ledger.
 */
const make = placesForTest(afterEach);
const bytesOf = (f: { base64: string }) => Buffer.from(f.base64, 'base64');

describe('two offices and HQ through revocation, rotation and restores on both sides', () => {
  it('HQ ends with exactly the union of what the offices hold, every attempt in its ledger', async () => {
    const hq = await make('hq');
    const a = await make('office', '540100');
    const b = await make('office', '540200');
    await pair(hq, a);
    await pair(hq, b);
    generateDemo(a.ctx.requireDatabase(), { enterprises: 8, activities: 6, visits: 6, seed: 11 });
    generateDemo(b.ctx.requireDatabase(), { enterprises: 8, activities: 6, visits: 6, seed: 12 });
    let attempts = 0;
    const send = (o: Place, bytes: Buffer) => {
      attempts++;
      return importPackage(hq.ctx.requireDatabase(), hq.ctx.keys, bytes, `${o.id}.smesync`, { apply: true }).status;
    };
    const exportOf = async (o: Place) => bytesOf(await o.api['sync.export']({ full: false }));
    const reference = async (...offices: Place[]) => {
      const ref = bytesOf(await hq.api['sync.publish']({}));
      for (const o of offices) expect(importPackage(o.ctx.requireDatabase(), o.ctx.keys, ref, 'ref.smesync', { apply: true }).status).toBe('imported');
    };
    const add = (o: Place, code: string, name: string) => saveEnterprise(o.ctx.requireDatabase(), enterpriseInput.parse({ uscc: makeUscc('91', o === a ? '540102' : '540202', code), name }));

    expect(send(a, await exportOf(a))).toBe('imported');
    expect(send(b, await exportOf(b))).toBe('imported');
    await reference(a, b);

    // Revocation: A's last real package arrives, then A's laptop is stolen and its key revoked.
    add(a, 'MA6T0101', '甲最后一家');
    expect(send(a, await exportOf(a))).toBe('imported');
    await hq.api['sync.revoke']({ installationId: a.id });
    const aRow = a.ctx.requireDatabase().prepare('SELECT * FROM enterprises ORDER BY id LIMIT 1').get() as Record<string, unknown>;
    const stolen = forgePackage({
      header: {
        format: 2, kind: 'changes', app: 'thief', schemaVersion: 3,
        origin: { installationId: a.id, role: 'office', prefectureCode: '540100', officeName: '540100经信局' },
        recipient: { installationId: hq.id }, sequence: 2, range: { fromVersion: 0, toVersion: 900_000 }, full: true, createdAt: new Date().toISOString(),
        payload: { encoding: 'json-lines/gzip/frames' },
      },
      content: [['enterprises', { ...aRow, name: '窃取者改的名字', version: 900_000 }]],
      signingKey: a.ctx.keys.load().signing.secretKey,
      encryptTo: unb64(listTrusted(a.ctx.requireDatabase()).find((t) => t.role === 'hq')!.encryptionKey!),
    });
    expect(send(a, stolen)).toBe('rejected');

    // Rotation: B exports a package with its old key, rotates, and both keys' packages arrive.
    add(b, 'MA6T0201', '乙轮换前');
    const beforeRotation = await exportOf(b);
    const card = bytesOf(await b.api['sync.rotate']({})).toString('utf8');
    await hq.api['sync.trustCard']({ text: card, fingerprint: (await hq.api['sync.readCard']({ text: card })).fingerprint });
    add(b, 'MA6T0202', '乙轮换后');
    const afterRotation = await exportOf(b);
    expect(send(b, afterRotation)).toBe('imported');
    expect(send(b, beforeRotation)).toBe('imported');

    // HQ restores a backup taken before B's latest package: the next reference package has B resend.
    const hqBackup = await hq.api['backups.create']({});
    add(b, 'MA6T0203', '乙总部恢复前');
    expect(send(b, await exportOf(b))).toBe('imported');
    await reference(b);
    await hq.api['backups.restore']({ name: hqBackup.name });
    attempts = (hq.ctx.requireDatabase().prepare('SELECT count(*) AS n FROM sync_imports').get() as { n: number }).n;
    await reference(b);
    expect(send(b, await exportOf(b))).toBe('imported');

    // B restores over a damaged database: an edit made after its backup is taken back everywhere.
    const bBackup = await b.api['backups.create']({});
    const first = (await b.api['enterprises.list']({ limit: 1 })).rows[0]!;
    const fields = Object.fromEntries(Object.keys(enterpriseInput.shape).filter((k) => k in first).map((k) => [k, (first as unknown as Record<string, unknown>)[k]]));
    await b.api['enterprises.save']({ ...(fields as EnterpriseInput), id: first.id, contactPerson: '备份后改的', expectedVersion: first.version });
    expect(send(b, await exportOf(b))).toBe('imported');
    b.ctx.closeDatabase();
    fs.writeFileSync(path.join(b.ctx.dataDir, 'ledger.sqlite'), Buffer.alloc(64 * 1024, 0));
    await b.api['backups.restore']({ name: bBackup.name });
    add(b, 'MA6T0204', '乙恢复后');
    expect(send(b, await exportOf(b))).toBe('imported');

    expect(snapshot(hq, a.id)).toEqual(snapshot(a, a.id));
    expect(snapshot(hq, b.id)).toEqual(snapshot(b, b.id));
    const ledger = hq.ctx.requireDatabase().prepare('SELECT status, count(*) AS n FROM sync_imports GROUP BY status ORDER BY status').all();
    expect((ledger as { n: number }[]).reduce((n, r) => n + r.n, 0)).toBe(attempts);
  });
});
