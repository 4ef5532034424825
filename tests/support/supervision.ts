import { expect } from 'vitest';
import { makeUscc } from '../../db/validation/uscc';
import { importPackage } from '../../db/sync/exchange';
import { b64, officeEncryptionKey, sealPart, unb64 } from '../../db/sync/crypto';
import { listTrusted } from '../../db/sync/trust';
import { partAad, partPlaintext } from '../../db/supervision/sync';
import { forgePackage } from './forge';
import { pair, type Place } from './sync';

/** Helpers for the supervision tests: offices' problems, package round trips, forged reference packages. */
export const bytesOf = (f: { base64: string }) => Buffer.from(f.base64, 'base64');

let serial = 0;
/** An enterprise and one open problem of this office, made through the API as a clerk would. */
export async function problemOf(o: Place, division: string, description = '融资难，贷款审批慢') {
  serial++;
  const e = await o.api['enterprises.save']({ uscc: makeUscc('91', division, `MA6T${String(serial).padStart(4, '0')}`), name: `测试企业${serial}` });
  const p = await o.api['problems.save']({ enterpriseId: e.record.id, category: 'financing', description, responsibleUnit: '区经济和信息化厅', deadline: null });
  return p.record;
}

export function importAt(p: Place, bytes: Buffer, name = 'file.smesync') {
  return importPackage(p.ctx.requireDatabase(), p.ctx.keys, bytes, name, { apply: true });
}

/** The office's ordinary export, imported at HQ. */
export async function deliver(o: Place, hq: Place) {
  const outcome = importAt(hq, bytesOf(await o.api['sync.export']({ full: false })), `${o.id}.smesync`);
  expect(outcome.reason ?? outcome.status).toBe('imported');
}

/** A reference package written from docs/sync-format.md, signed by any key, with any supervision parts. */
export function forgeReference(o: { hqId: string; signingKey: Uint8Array; sequence: number; lines: [string, unknown][] }) {
  return forgePackage({
    header: {
      format: 2, kind: 'reference', app: 'forged', schemaVersion: 11,
      origin: { installationId: o.hqId, role: 'hq', prefectureCode: null, officeName: '自治区经信厅' },
      recipient: null, sequence: o.sequence, range: { fromVersion: 0, toVersion: 0 }, full: true, createdAt: new Date().toISOString(),
      payload: { encoding: 'json-lines/gzip/frames' },
    },
    content: [['acks', {}], ...o.lines],
    signingKey: o.signingKey,
    encryptTo: null,
  });
}

/** A supervision part sealed (correctly) to an office's key, holding any rows. */
export function sealRows(hqId: string, sequence: number, office: Place, rows: unknown[]) {
  const recipientKey = b64(officeEncryptionKey(office.ctx.keys.load().signing.publicKey));
  return { to: office.id, recipientKey, ...sealPart(Buffer.from(recipientKey, 'base64'), partAad(hqId, sequence, office.id, recipientKey), partPlaintext(rows)) };
}

/** The supervision rows an installation holds. */
export function itemsAt(p: Place): Record<string, unknown>[] {
  return p.ctx.requireDatabase().prepare('SELECT * FROM supervision_items ORDER BY id').all() as Record<string, unknown>[];
}

/** A date `days` from today, YYYY-MM-DD (HQ's deadlines may not lie in the past). */
export const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** HQ and two offices (拉萨市, 日喀则市), paired with real keys, each office's one problem delivered to HQ. */
export async function threeInstallations(make: (role: 'office' | 'hq', prefectureCode?: string | null) => Promise<Place>) {
  const hq = await make('hq');
  const a = await make('office', '540100');
  const b = await make('office', '540200');
  await pair(hq, a);
  await pair(hq, b);
  const pa = await problemOf(a, '540102', '甲企业融资难');
  const pb = await problemOf(b, '540202', '乙企业用地难');
  await deliver(a, hq);
  await deliver(b, hq);
  return { hq, a, b, pa, pb };
}

/** A change package from office A (540100) to HQ, signed with A's real key and sealed to HQ, carrying the rows given. */
export function officePackage(a: Place, hq: Place, content: [string, Record<string, unknown>][], toVersion = 1000): Buffer {
  return forgePackage({
    header: {
      format: 2, kind: 'changes', app: 'forged', schemaVersion: 11,
      origin: { installationId: a.id, role: 'office', prefectureCode: '540100', officeName: '540100经信局' },
      recipient: { installationId: hq.id }, sequence: 2, range: { fromVersion: 0, toVersion }, full: true, createdAt: new Date().toISOString(),
      payload: { encoding: 'json-lines/gzip/frames' },
    },
    content,
    signingKey: a.ctx.keys.load().signing.secretKey,
    encryptTo: unb64(listTrusted(a.ctx.requireDatabase()).find((t) => t.role === 'hq')!.encryptionKey!),
  });
}
