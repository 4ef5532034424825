import { afterEach, describe, expect, it } from 'vitest';
import { generateDemo } from '../../db/demo';
import fs from 'node:fs';
import path from 'node:path';
import { exportChanges, importLedger, importPackage } from '../../db/sync/exchange';
import { MAGIC, openPackage, type PackageHeader, type PackageLine } from '../../db/sync/format';
import { bufferSource, fileOutput, type ByteSource } from '../../db/sync/source';
import { unb64 } from '../../db/sync/crypto';
import { forgePackage } from '../support/forge';
import { listTrusted } from '../../db/sync/trust';
import { enterpriseInput } from '../../api/entities';
import { saveEnterprise } from '../../db/enterprises';
import { makeUscc } from '../../db/validation/uscc';
import { fullSnapshot, pair, type Place, placesForTest } from '../support/sync';

const pick = (f: { name: string; base64: string }) => ({ name: f.name, base64: f.base64 });
const make = placesForTest(afterEach);

async function setup() {
  const hq = await make('hq');
  const office = await make('office', '540100');
  await pair(hq, office);
  generateDemo(office.ctx.requireDatabase(), { enterprises: 10, activities: 8, visits: 8, seed: 4 });
  const pkg = await office.api['sync.export']({ full: false });
  return { hq, office, bytes: Buffer.from(pkg.base64, 'base64') };
}

function tryImport(hq: Place, bytes: Buffer, name = 'x.smesync') {
  return importPackage(hq.ctx.requireDatabase(), hq.ctx.keys, bytes, name, { apply: true });
}

let nextSequence = 50;

/**
 * Builds a package the office really signed and encrypted, around content of our choosing: lines
 * (as values or as raw text) in one frame, or frames given as their uncompressed text. Each gets
 * a number of its own (one number is one package).
 */
function forge(office: Place, hq: Place, content: PackageLine[] | string | { frames: Buffer[] }, patch: Partial<PackageHeader> = {}, arrange = (sealed: Buffer[]) => sealed): Buffer {
  const hqKey = listTrusted(office.ctx.requireDatabase()).find((t) => t.role === 'hq')!.encryptionKey!;
  return forgePackage({
    header: {
      format: 2, kind: 'changes', app: 'sme-ledger test', schemaVersion: 3,
      origin: { installationId: office.id, role: 'office', prefectureCode: '540100', officeName: '540100经信局' },
      recipient: { installationId: hq.id }, sequence: nextSequence++, range: { fromVersion: 0, toVersion: 10_000 }, full: true,
      createdAt: new Date().toISOString(),
      payload: { encoding: 'json-lines/gzip/frames' },
      ...patch,
    },
    content,
    signingKey: office.ctx.keys.load().signing.secretKey,
    encryptTo: unb64(hqKey),
    arrange,
  });
}

function expectRefused(hq: Place, bytes: Buffer, reason: RegExp) {
  const before = fullSnapshot(hq);
  const ledgerBefore = hq.ctx.requireDatabase().prepare('SELECT coalesce(max(id), 0) AS n FROM sync_imports').get() as { n: number };
  const r = tryImport(hq, bytes);
  expect(r.status).toBe('rejected');
  expect(r.reason).toMatch(reason);
  expect(r.reasonZh?.length).toBeGreaterThan(4);
  const db = hq.ctx.requireDatabase();
  // The attempt is logged with its reason, each language on its own.
  const logged = importLedger(db, 1)[0]!;
  expect(logged).toMatchObject({ status: 'rejected', reason: r.reason, reasonZh: r.reasonZh });
  // Nothing but the attempt in the ledger has changed.
  db.prepare('DELETE FROM sync_imports WHERE id > (SELECT ? )').run(ledgerBefore.n);
  expect(fullSnapshot(hq)).toEqual(before);
}

describe('packages that must be refused, leaving HQ exactly as it was', () => {
  it('a flipped bit anywhere', async () => {
    const { hq, bytes } = await setup();
    for (let i = 0; i < 60; i++) {
      const copy = Buffer.from(bytes);
      const at = Math.floor((i / 60) * copy.length);
      copy[at] = copy[at]! ^ (1 << i % 8);
      expectRefused(hq, copy, /not an SME Ledger|damaged|signature|newer/);
    }
  });

  it('a truncated file, a file with extra bytes, a file that is not a package', async () => {
    const { hq, bytes } = await setup();
    for (const n of [0, 5, 12, 100, bytes.length - 1]) expectRefused(hq, bytes.subarray(0, n), /not an SME Ledger|damaged/);
    expectRefused(hq, Buffer.concat([bytes, Buffer.from('x')]), /damaged/);
    expectRefused(hq, Buffer.from('PK\x03\x04 this is a zip, not a package'), /not an SME Ledger/);
  });

  it('a header that declares absurd sizes', async () => {
    const { hq, bytes } = await setup();
    const copy = Buffer.from(bytes);
    copy.writeUInt32BE(0xffffffff, MAGIC.length);
    expectRefused(hq, copy, /damaged/);
    const body = Buffer.from(bytes);
    const hl = body.readUInt32BE(MAGIC.length);
    body.writeUInt32BE(0x7fffffff, MAGIC.length + 4 + hl);
    expectRefused(hq, body, /damaged/);
  });

  it('a format newer than the app, and the retired first format', async () => {
    const { hq, bytes } = await setup();
    const copy = Buffer.from(bytes);
    copy[7] = 3;
    expectRefused(hq, copy, /newer version/);
    copy[7] = 1;
    expectRefused(hq, copy, /earlier test version/);
  });

  it('an unknown signer, and a package for another headquarters', async () => {
    const { hq, bytes } = await setup();
    const stranger = await make('office', '540300');
    const otherHq = await make('hq');
    await pair(otherHq, stranger);
    generateDemo(stranger.ctx.requireDatabase(), { enterprises: 2, activities: 0, visits: 0, seed: 1 });
    const foreign = Buffer.from((await stranger.api['sync.export']({ full: false })).base64, 'base64');
    expectRefused(hq, foreign, /not enrolled/);
    expectRefused(otherHq, bytes, /not enrolled/);
  });

  it('a package brought back to the computer that made it: said so, rather than "not enrolled"', async () => {
    const { hq, office, bytes } = await setup();
    expectRefused(office, bytes, /made on this computer/);
    const ref = Buffer.from((await hq.api['sync.publish']({})).base64, 'base64');
    expectRefused(hq, ref, /made on this computer/);
  });

  it('a revoked signer, for packages numbered after the revocation', async () => {
    const { hq, office, bytes } = await setup();
    expect(tryImport(hq, bytes).status).toBe('imported');
    await hq.api['sync.revoke']({ installationId: office.id });
    const next = Buffer.from((await office.api['sync.export']({ full: false })).base64, 'base64');
    expectRefused(hq, next, /revoked/);
  });

  it('a frame that decompresses beyond the frame limit (a decompression bomb)', async () => {
    const { hq, office } = await setup();
    expectRefused(hq, forge(office, hq, { frames: [Buffer.alloc(65 * 1024 * 1024, 0x20)] }), /larger than allowed/);
  });

  it('frames reordered, dropped or cut mid-line, and content that is not lines', async () => {
    const { hq, office } = await setup();
    const e = office.ctx.requireDatabase().prepare('SELECT * FROM enterprises ORDER BY id LIMIT 2').all() as Record<string, unknown>[];
    const line = (r: unknown) => Buffer.from(`${JSON.stringify(['enterprises', r])}\n`);
    const two = { frames: [line(e[0]), line(e[1])] };
    // Re-signed by the office after rearranging, so only the frames' own position and final mark
    // can catch it.
    expectRefused(hq, forge(office, hq, two, { counts: { enterprises: 2 } }, ([a, b]) => [b!, a!]), /cannot be decrypted/);
    expectRefused(hq, forge(office, hq, two, { counts: { enterprises: 1 } }, ([a]) => [a!]), /cannot be decrypted/);
    expect(tryImport(hq, forge(office, hq, two, { counts: { enterprises: 2 } })).status).toBe('imported');
    expectRefused(hq, forge(office, hq, { frames: [line(e[0]), line(e[1]).subarray(0, 20)] }, { counts: { enterprises: 2 } }), /mid-line/);
    expectRefused(hq, forge(office, hq, 'not json at all\n', { counts: { enterprises: 1 } }), /unreadable/);
    expectRefused(hq, forge(office, hq, '{"rows":{}}\n', { counts: {} }), /unexpected shape/);
    expectRefused(hq, forge(office, hq, [['enterprises', e[0]]], { counts: { enterprises: 2 } }), /count differs/);
    expectRefused(hq, forge(office, hq, [['visits', { id: 'x' }], ['enterprises', e[0]]]), /out of order|missing/);
    expectRefused(hq, forge(office, hq, [['secrets', {}]]), /unknown table/);
  });

  it('a file that changes on disk between the signature check and the import', async () => {
    const { hq, bytes } = await setup();
    const tampered = Buffer.from(bytes);
    tampered[MAGIC.length + 4 + 10] = tampered[MAGIC.length + 4 + 10]! ^ 1;
    // The first pass (structure, digest, signature) sees the genuine file; its last read is the
    // signature. Later reads see other bytes, as a USB stick swapped mid-import would give.
    let swapped = false;
    const src: ByteSource = {
      size: bytes.length,
      read: (o, n) => {
        const out = (swapped ? tampered : bytes).subarray(o, o + n);
        if (o === bytes.length - 64) swapped = true;
        return out;
      },
    };
    const db = hq.ctx.requireDatabase();
    const before = fullSnapshot(hq);
    const r = importPackage(db, hq.ctx.keys, src, 'swap.smesync', { apply: true });
    expect(swapped).toBe(true);
    expect(r.status).toBe('rejected');
    expect(r.reason).toMatch(/changed while it was read/);
    db.prepare("DELETE FROM sync_imports WHERE file_name = 'swap.smesync'").run();
    expect(fullSnapshot(hq)).toEqual(before);
  });

  it('records with unknown fields, __proto__ keys, another origin or dangling references', async () => {
    const { hq, office } = await setup();
    const db = office.ctx.requireDatabase();
    const e = db.prepare('SELECT * FROM enterprises LIMIT 1').get() as Record<string, unknown>;
    expectRefused(hq, forge(office, hq, [['enterprises', { ...e, extra: 1 }]]), /unknown field/);
    expectRefused(hq, forge(office, hq, `["enterprises",${JSON.stringify(e).replace(/^\{/, '{"__proto__":{"polluted":1},')}]\n`, { counts: { enterprises: 1 } }), /unknown field/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expectRefused(hq, forge(office, hq, [['enterprises', { ...e, origin: hq.id }]]), /another installation/);
    const v = db.prepare('SELECT * FROM visits LIMIT 1').get() as Record<string, unknown>;
    expectRefused(hq, forge(office, hq, [['visits', v]]), /neither in the package nor here/);
    expectRefused(hq, forge(office, hq, [['enterprises', { ...e, version: 'high' }]]), /whole number/);
  });
});

describe('what HQ is told', () => {
  it('a package whose versions a later one covers is not missing (observation 8)', async () => {
    const { hq, office, bytes } = await setup();
    const db = office.ctx.requireDatabase();
    const one = bytes;
    saveEnterprise(db, enterpriseInput.parse({ uscc: makeUscc('91', '540102', 'MA6TQQ01'), name: '新企业一' }));
    const two = Buffer.from((await office.api['sync.export']({ full: false })).base64, 'base64');
    saveEnterprise(db, enterpriseInput.parse({ uscc: makeUscc('91', '540102', 'MA6TQQ02'), name: '新企业二' }));
    const three = Buffer.from((await office.api['sync.export']({ full: false })).base64, 'base64');
    expect(tryImport(hq, one).missing).toEqual([]);
    // Package 3 starts where HQ's acknowledgement stood, so it carries everything 2 did.
    expect(tryImport(hq, three).missing).toEqual([]);
    expect(tryImport(hq, two).missing).toEqual([]);
  });

  it('an enterprise registered by two installations is kept twice and reported as a conflict', async () => {
    const hq = await make('hq');
    const a = await make('office', '540100');
    const b = await make('office', '540100');
    await pair(hq, a);
    await pair(hq, b);
    const code = makeUscc('91', '540102', 'MA6TDUP1');
    saveEnterprise(a.ctx.requireDatabase(), enterpriseInput.parse({ uscc: code, name: '重复登记公司（甲机）' }));
    saveEnterprise(b.ctx.requireDatabase(), enterpriseInput.parse({ uscc: code, name: '重复登记公司（乙机）' }));
    await hq.api['sync.import']({ files: [pick(await a.api['sync.export']({ full: false }))] });
    const r = await hq.api['sync.import']({ files: [pick(await b.api['sync.export']({ full: false }))] });
    expect(r[0]!.counts.enterprises).toMatchObject({ created: 1, conflicts: 1 });
    expect(r[0]!.conflicts).toEqual([{ uscc: code, here: '重复登记公司（甲机）', there: '重复登记公司（乙机）' }]);
    expect(hq.ctx.requireDatabase().prepare('SELECT count(*) AS n FROM enterprises WHERE uscc = ?').get(code)).toEqual({ n: 2 });
  });

  it('acknowledgements make the next export carry only what is new', async () => {
    const { hq, office } = await setup();
    const first = await office.api['sync.export']({ full: false });
    await hq.api['sync.import']({ files: [pick(first)] });
    const ref = await hq.api['sync.publish']({});
    const back = await office.api['sync.import']({ files: [ref] });
    expect(back[0]!.status).toBe('imported');
    const total = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
    expect(total((await office.api['sync.export']({ full: false })).counts)).toBe(0);
    saveEnterprise(office.ctx.requireDatabase(), enterpriseInput.parse({ uscc: makeUscc('91', '540102', 'MA6TNEW1'), name: '又一家' }));
    expect(total((await office.api['sync.export']({ full: false })).counts)).toBe(1);
    expect(total((await office.api['sync.export']({ full: true })).counts)).toBeGreaterThan(10);
  });

  it('an office refuses a reference package not signed by its headquarters', async () => {
    const { office } = await setup();
    const otherHq = await make('hq');
    const ref = await otherHq.api['sync.publish']({});
    const r = await office.api['sync.import']({ files: [ref] });
    expect(r[0]).toMatchObject({ status: 'rejected' });
    expect(r[0]!.reason).toMatch(/not enrolled/);
  });

  it('a rotated key is accepted only through the old key’s endorsement', async () => {
    const { hq, office, bytes } = await setup();
    expect(tryImport(hq, bytes).status).toBe('imported');
    const card = Buffer.from((await office.api['sync.rotate']({})).base64, 'base64').toString('utf8');
    const next = Buffer.from((await office.api['sync.export']({ full: false })).base64, 'base64');
    expectRefused(hq, next, /signature/);
    const fp = (await hq.api['sync.readCard']({ text: card })).fingerprint;
    await hq.api['sync.trustCard']({ text: card, fingerprint: fp });
    expect(tryImport(hq, next).status).toBe('imported');
    // A card whose endorsement was tampered with is refused.
    const forged = card.replace(/"endorsement": "([A-Za-z0-9+/])/, (_m, c: string) => `"endorsement": "${c === 'A' ? 'B' : 'A'}`);
    await expect(hq.api['sync.readCard']({ text: forged })).rejects.toThrow(/endorsed|altered/);
  });

  it('a wrong fingerprint is not trusted', async () => {
    const hq = await make('hq');
    const office = await make('office', '540100');
    const card = Buffer.from((await office.api['sync.keyCard']({})).base64, 'base64').toString('utf8');
    await expect(hq.api['sync.trustCard']({ text: card, fingerprint: '0000 0000 0000 0000 0000' })).rejects.toThrow(/fingerprint/);
    expect(listTrusted(hq.ctx.requireDatabase())).toHaveLength(0);
  });

  it('inspect reads the header with no key', async () => {
    const { bytes } = await setup();
    const p = openPackage(bufferSource(bytes));
    expect(p.header).toMatchObject({ kind: 'changes', sequence: 1, origin: { prefectureCode: '540100' } });
  });
});

describe('an export that cannot be made', () => {
  it('leaves no file behind, not even a partial one', async () => {
    const office = await make('office', '540100');
    const out = path.join(office.ctx.dataDir, 'out.smesync');
    expect(() => exportChanges(office.ctx.requireDatabase(), office.ctx.keys, { appVersion: 'test', output: fileOutput(out) })).toThrow(/headquarters key card/);
    expect(fs.readdirSync(office.ctx.dataDir).filter((f) => f.startsWith('out.'))).toEqual([]);
  });
});
