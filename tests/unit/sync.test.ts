import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { AppContext } from '../../services/context';
import { importPackage } from '../../db/sync/exchange';
import { tempDataDir } from '../support/host';
import { generateDemo } from '../../db/demo';
import { pair, snapshot, type Place, placesForTest } from '../support/sync';
import { enterpriseInput, type EnterpriseInput, type EnterpriseRow } from '../../api/entities';
import { saveEnterprise, deleteEnterprise } from '../../db/enterprises';

const make = placesForTest(afterEach);

const file = (f: { name: string; base64: string }) => ({ name: f.name, base64: f.base64 });
/** A listed enterprise as the save method takes it back. */
const editable = (e: EnterpriseRow): EnterpriseInput => {
  const { id, uscc, noUsccReason, name, countyCode, address, industry, size, specialised, specialisedYear, listing, contactPerson, contactPhone, serviceOfficer, statuses, notes, version } = e;
  return { id, uscc, noUsccReason, name, countyCode, address, industry, size, specialised, specialisedYear, listing, contactPerson, contactPhone, serviceOfficer, statuses, notes, expectedVersion: version };
};

async function world(offices = 2) {
  const hq = await make('hq');
  const codes = ['540100', '540200', '540300', '540400', '540500', '540600', '542500'];
  const list: Place[] = [];
  for (let i = 0; i < offices; i++) {
    const o = await make('office', codes[i]!);
    await pair(hq, o);
    generateDemo(o.ctx.requireDatabase(), { enterprises: 15, activities: 10, visits: 10, seed: i + 1 });
    list.push(o);
  }
  return { hq, offices: list };
}

describe('sync between offices and headquarters', () => {
  it('after an office restores a backup, its package numbers go on and HQ takes both its new edits and its restored content', async () => {
    const { hq, offices } = await world(1);
    const o = offices[0]!;
    const hqSide = (id: string) => hq.ctx.requireDatabase().prepare('SELECT name, contact_person FROM enterprises WHERE id = ?').get(id) as { name: string; contact_person: string | null };
    const a = (await o.api['enterprises.list']({ limit: 2 })).rows;
    const [first, second] = [a[0]!, a[1]!];
    const backup = await o.api['backups.create']({});
    // Edited after the backup, sent and imported at HQ: HQ now holds newer versions.
    await o.api['enterprises.save']({ ...editable(first), contactPerson: '备份后改的' });
    await o.api['enterprises.save']({ ...editable(second), contactPerson: '备份后也改了' });
    const p1 = await o.api['sync.export']({ full: false });
    expect((await hq.api['sync.import']({ files: [file(p1)] }))[0]!.status).toBe('imported');
    expect(hqSide(first.id).contact_person).toBe('备份后改的');
    await o.api['backups.restore']({ name: backup.name });
    // A new edit after the restore, and the second enterprise left as the backup had it.
    const restored = (await o.api['enterprises.list']({ limit: 2 })).rows[0]!;
    expect(restored.contactPerson).toBe(first.contactPerson);
    await o.api['enterprises.save']({ ...editable(restored), contactPerson: '恢复后改的' });
    const p2 = await o.api['sync.export']({ full: false });
    expect(p2.name).not.toBe(p1.name);
    const r2 = (await hq.api['sync.import']({ files: [file(p2)] }))[0]!;
    expect(r2).toMatchObject({ status: 'imported', sequence: 2 });
    expect(hqSide(first.id).contact_person).toBe('恢复后改的');
    expect(hqSide(second.id).contact_person).toBe(second.contactPerson);
    expect(snapshot(hq, o.id)).toEqual(snapshot(o));
  });

  it('lets HQ narrow every list, and its Excel export, to one prefecture', async () => {
    const { hq, offices } = await world(2);
    await hq.api['sync.import']({ files: await Promise.all(offices.map(async (o) => file(await o.api['sync.export']({ full: false })))) });
    for (const [i, code] of ['540100', '540200'].entries()) {
      const own = offices[i]!;
      const lists = {
        enterprises: [await hq.api['enterprises.list']({ prefectureCode: code, limit: 500 }), await own.api['enterprises.list']({ limit: 500 })],
        activities: [await hq.api['activities.list']({ prefectureCode: code, limit: 500 }), await own.api['activities.list']({ limit: 500 })],
        visits: [await hq.api['visits.list']({ prefectureCode: code, limit: 500 }), await own.api['visits.list']({ limit: 500 })],
        problems: [await hq.api['problems.list']({ prefectureCode: code, limit: 500 }), await own.api['problems.list']({ limit: 500 })],
      };
      for (const [name, both] of Object.entries(lists)) {
        const [atHq, atOffice] = both as [{ total: number; rows: unknown[] }, { total: number }];
        expect(atHq.total, `${name} ${code}`).toBe(atOffice.total);
        expect(atHq.total, `${name} ${code}`).toBeGreaterThan(0);
        expect(atHq.rows.every((r) => (r as { prefectureCode: string }).prefectureCode === code), name).toBe(true);
      }
    }
    const exported = await hq.api['excel.export']({ kind: 'activities', filters: { prefectureCode: '540200' } });
    expect(exported.name).toContain('.xlsx');
  });

  it('flags an office silent from today, whatever year is on screen: never sent, or nothing for over 30 days', async () => {
    const { hq, offices } = await world(3);
    const office = (id: string) => async () => (await hq.api['sync.status']({})).offices.find((o) => o.installationId === id)!;
    expect(await office(offices[0]!.id)()).toMatchObject({ lastReceivedAt: null, daysSinceLastPackage: null, silent: true });
    for (const o of offices.slice(0, 2)) await hq.api['sync.import']({ files: [file(await o.api['sync.export']({ full: false }))] });
    expect(await office(offices[0]!.id)()).toMatchObject({ daysSinceLastPackage: 0, silent: false });
    // The second office's last package came 86 days ago; the checklist year on screen is 2022.
    const ago = new Date(Date.now() - 86 * 86_400_000 - 60_000).toISOString();
    hq.ctx.requireDatabase().prepare('UPDATE sync_imports SET received_at = ? WHERE origin = ?').run(ago, offices[1]!.id);
    expect(await office(offices[1]!.id)()).toMatchObject({ daysSinceLastPackage: 86, silent: true });
    expect(await office(offices[2]!.id)()).toMatchObject({ daysSinceLastPackage: null, silent: true });
  });

  it('carries every record of each office to HQ, which then holds their union', async () => {
    const { hq, offices } = await world(2);
    const packages = await Promise.all(offices.map((o) => o.api['sync.export']({ full: false })));
    const preview = await hq.api['sync.preview']({ files: packages.map(file) });
    expect(preview.map((p) => p.status)).toEqual(['preview', 'preview']);
    expect(snapshot(hq).enterprises).toHaveLength(0);
    const result = await hq.api['sync.import']({ files: packages.map(file) });
    expect(result.map((r) => r.status)).toEqual(['imported', 'imported']);
    expect(result[0]!.counts.enterprises).toMatchObject({ created: 15 });
    for (const o of offices) expect(snapshot(hq, o.id)).toEqual(snapshot(o));
  });

  it('seven offices, files in any order with repeats and one tampered: HQ holds exactly their union', async () => {
    const { hq, offices } = await world(7);
    const files = await Promise.all(offices.map((o) => o.api['sync.export']({ full: false })));
    const tampered = Buffer.from(files[3]!.base64, 'base64');
    tampered[tampered.length - 100] = tampered[tampered.length - 100]! ^ 0x20;
    const batch = [...files, files[0]!, files[5]!, { name: 'tampered.smesync', base64: tampered.toString('base64') }].map(file).reverse();
    const results = await hq.api['sync.import']({ files: batch });
    expect(results.filter((r) => r.status === 'imported')).toHaveLength(7);
    expect(results.filter((r) => r.status === 'already-imported')).toHaveLength(2);
    expect(results.find((r) => r.fileName === 'tampered.smesync')).toMatchObject({ status: 'rejected' });
    for (const o of offices) expect(snapshot(hq, o.id)).toEqual(snapshot(o));
    const db = hq.ctx.requireDatabase();
    expect(db.prepare('SELECT count(DISTINCT prefecture_code) AS n FROM enterprises').get()).toEqual({ n: 7 });
    expect(db.prepare("SELECT status, count(*) AS n FROM sync_imports GROUP BY status ORDER BY status").all()).toEqual([
      { status: 'already-imported', n: 2 },
      { status: 'imported', n: 7 },
      { status: 'rejected', n: 1 },
    ]);
  });

  it('HQ reads the offices’ records but cannot change them', async () => {
    const { hq, offices } = await world(1);
    const p = await offices[0]!.api['sync.export']({ full: false });
    await hq.api['sync.import']({ files: [file(p)] });
    const e = (await hq.api['enterprises.list']({ limit: 1 })).rows[0]!;
    await expect(hq.api['enterprises.save']({ id: e.id, uscc: e.uscc, name: '总部改名' })).rejects.toThrow(/belongs to the installation/);
    await expect(hq.api['enterprises.delete']({ id: e.id })).rejects.toThrow(/belongs to the installation/);
    const problem = (await hq.api['problems.list']({ limit: 1 })).rows[0];
    if (problem) await expect(hq.api['problems.setStatus']({ id: problem.id, status: 'resolved', resolution: 'x' })).rejects.toThrow(/belongs to the installation/);
    expect(snapshot(hq, offices[0]!.id)).toEqual(snapshot(offices[0]!));
  });

  it('reports the same file twice as already imported and changes nothing', async () => {
    const { hq, offices } = await world(1);
    const p = await offices[0]!.api['sync.export']({ full: false });
    await hq.api['sync.import']({ files: [file(p)] });
    const before = snapshot(hq);
    const again = await hq.api['sync.import']({ files: [file(p)] });
    expect(again[0]!.status).toBe('already-imported');
    expect(snapshot(hq)).toEqual(before);
  });

  it('gives the same HQ state whatever the order and repetition of packages', async () => {
    const { hq, offices } = await world(1);
    const o = offices[0]!;
    const db = o.ctx.requireDatabase();
    const pkgs = [await o.api['sync.export']({ full: false })];
    // Changes between exports: edits, a deletion, new records.
    const some = db.prepare('SELECT id, uscc, name FROM enterprises LIMIT 3').all() as { id: string; uscc: string; name: string }[];
    saveEnterprise(db, enterpriseInput.parse({ id: some[0]!.id, uscc: some[0]!.uscc, name: `${some[0]!.name}（更名）` }));
    pkgs.push(await o.api['sync.export']({ full: false }));
    deleteEnterprise(db, some[1]!.id);
    generateDemo(db, { enterprises: 3, activities: 2, visits: 2, seed: 99 });
    pkgs.push(await o.api['sync.export']({ full: false }));
    saveEnterprise(db, enterpriseInput.parse({ id: some[0]!.id, uscc: some[0]!.uscc, name: `${some[0]!.name}（再更名）` }));
    pkgs.push(await o.api['sync.export']({ full: false }));
    const expected = snapshot(o);

    // The HQ as it was before any import, copied for each trial.
    const template = tempDataDir('sme-hq-template-');
    hq.ctx.close();
    fs.cpSync(hq.ctx.dataDir, template, { recursive: true });
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let trial = 0; trial < 8; trial++) {
      const dir = tempDataDir('sme-hq-trial-');
      fs.cpSync(template, dir, { recursive: true });
      const ctx = new AppContext({ dataDir: dir, transport: 'browser' });
      const order = [...pkgs, ...pkgs.filter(() => rand() < 0.5)].sort(() => rand() - 0.5);
      for (const p of order) importPackage(ctx.requireDatabase(), ctx.keys, Buffer.from(p.base64, 'base64'), p.name, { apply: true });
      const db = ctx.requireDatabase();
      const got = Object.fromEntries(Object.keys(expected).map((t) => [t, db.prepare(`SELECT * FROM ${t} WHERE origin = ? ORDER BY id`).all(o.id)]));
      expect(got, `order ${order.map((p) => p.sequence).join(',')}`).toEqual(expected);
      ctx.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    fs.rmSync(template, { recursive: true, force: true });
  });
});
