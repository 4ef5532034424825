import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { x25519 } from '@noble/curves/ed25519.js';
import { z } from 'zod';
import { UserError, isUserError } from '../errors';
import { nowIso } from '../clock';
import { requireInstallation } from '../installation';
import { getSetting, setSetting } from '../settings';
import { latestSchemaVersion, syncedTables, type SyncedTable } from '../migrations';
import { recordChange } from '../changelog';
import { checklistSchema } from '../reference/schema';
import { sql } from '../statements';
import { b64, canonical, openFrom, sealTo, unb64 } from './crypto';
import { buildPackage, compress, decompress, FORMAT_VERSION, headerBytesOf, parsePackage, verifyPackage, type PackageHeader, type ParsedPackage } from './format';
import type { KeyStore } from './keystore';
import { applyOrder, changedRows, columnsOf, references, rowProblem, type Row } from './rows';
import { getTrusted, keyForSequence, listTrusted } from './trust';
import type { ImportOutcome, SyncStatus, TableCounts } from '../../api/sync-contract';

export const APP_ID = 'sme-ledger';

// Export (office) -----------------------------------------------------------------------------

export interface ExportResult {
  file: Buffer;
  header: PackageHeader;
}

/**
 * Everything this office changed since HQ's last acknowledgement (or everything, `full`), signed
 * and encrypted to HQ. A lost file costs nothing: the next export carries its changes again.
 */
export function exportChanges(db: Database, store: KeyStore, opts: { full?: boolean; appVersion: string; write?: (file: Buffer) => void }): ExportResult {
  const me = requireInstallation(db);
  if (me.role !== 'office') throw new UserError('not_office', 'Only an office exports change packages; headquarters publishes reference packages.', '只有地市办公室导出数据同步包；自治区总部发布参考包。');
  const hq = listTrusted(db).find((t) => t.role === 'hq');
  if (!hq?.encryptionKey) throw new UserError('no_hq_key', 'Import the headquarters key card first (同步 → 信任总部密钥).', '请先导入自治区总部的密钥卡（同步 → 信任总部密钥）。');
  const keys = store.load();
  return db.transaction(() => {
    const acked = Number(getSetting(db, 'sync.ackedVersion') ?? 0);
    const fromVersion = opts.full ? 0 : acked;
    const toVersion = (sql(db, 'SELECT clock FROM installation').get() as { clock: number }).clock;
    const rows = changedRows(db, me.id, fromVersion);
    const counts = Object.fromEntries(syncedTables.map((t) => [t, rows[t].length]));
    const payload = compress(canonical({ rows }));
    const sequence = ((sql(db, 'SELECT max(sequence) AS s FROM sync_exports').get() as { s: number | null }).s ?? 0) + 1;
    const ephemeralSecret = x25519.utils.randomSecretKey();
    const nonce = randomBytes(12);
    const header: PackageHeader = {
      format: FORMAT_VERSION,
      kind: 'changes',
      app: `${APP_ID} ${opts.appVersion}`,
      schemaVersion: latestSchemaVersion,
      origin: { installationId: me.id, role: me.role, prefectureCode: me.prefectureCode, officeName: me.officeName },
      recipient: { installationId: hq.installationId },
      sequence,
      range: { fromVersion, toVersion },
      full: !!opts.full,
      createdAt: nowIso(),
      counts,
      payload: { encoding: 'gzip+json', size: payload.size, sha256: payload.sha256 },
      encryption: { alg: 'x25519-hkdf-sha256-aes-256-gcm', ephemeralKey: b64(x25519.getPublicKey(ephemeralSecret)), nonce: nonce.toString('base64') },
    };
    const sealed = sealTo(unb64(hq.encryptionKey!), payload.data, headerBytesOf(header), ephemeralSecret, nonce);
    const file = buildPackage(header, Buffer.from(sealed.ciphertext), keys.signing.secretKey);
    sql(db, 'INSERT INTO sync_exports (sequence, from_version, to_version, full, created_at, file_sha256, counts) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      sequence,
      fromVersion,
      toVersion,
      opts.full ? 1 : 0,
      header.createdAt,
      parsePackage(file).sha256,
      JSON.stringify(counts),
    );
    // Writing the file inside the transaction: a sequence number is recorded only once its file exists.
    opts.write?.(file);
    return { file, header };
  })();
}

/** How many of this office's records HQ has not acknowledged yet. */
export function pendingChanges(db: Database, origin: string): number {
  const acked = Number(getSetting(db, 'sync.ackedVersion') ?? 0);
  return syncedTables.reduce((n, t) => n + (sql(db, `SELECT count(*) AS n FROM ${t} WHERE origin = ? AND version > ?`).get(origin, acked) as { n: number }).n, 0);
}

export interface ExportRecord {
  sequence: number;
  fromVersion: number;
  toVersion: number;
  full: boolean;
  createdAt: string;
  fileSha256: string;
  counts: Record<string, number>;
}

export function exportHistory(db: Database): ExportRecord[] {
  return (sql(db, 'SELECT * FROM sync_exports ORDER BY sequence DESC').all() as Record<string, unknown>[]).map((r) => ({
    sequence: r.sequence as number,
    fromVersion: r.from_version as number,
    toVersion: r.to_version as number,
    full: r.full === 1,
    createdAt: r.created_at as string,
    fileSha256: r.file_sha256 as string,
    counts: JSON.parse(r.counts as string) as Record<string, number>,
  }));
}

// Import (HQ for changes, office for reference) ------------------------------------------------

export type { ImportOutcome, TableCounts };

const emptyCounts = (): TableCounts => ({ created: 0, updated: 0, unchanged: 0, deleted: 0, conflicts: 0, rejected: 0 });
const rollback = new Error('preview: roll back');

/** Verifies the signer before anything else, then decrypts and validates, then applies in one transaction. */
export function importPackage(db: Database, store: KeyStore, file: Buffer, fileName: string, opts: { apply: boolean }): ImportOutcome {
  const out: ImportOutcome = { status: 'rejected', fileName, fileSha256: '', kind: null, office: null, installationId: null, prefectureCode: null, sequence: null, counts: {}, conflicts: [], missingSequences: [], reason: null, reasonZh: null };
  let parsed: ParsedPackage | null = null;
  try {
    parsed = parsePackage(file);
    const h = parsed.header;
    Object.assign(out, { fileSha256: parsed.sha256, kind: h.kind, office: h.origin.officeName, installationId: h.origin.installationId, prefectureCode: h.origin.prefectureCode, sequence: h.sequence });
    const me = requireInstallation(db);
    const signer = getTrusted(db, h.origin.installationId);
    if (!signer) throw new UserError('signer_unknown', `The package is signed by ${h.origin.officeName}, whose key is not enrolled here.`, `同步包由“${h.origin.officeName}”签署，其密钥未在本机登记。`);
    if (!verifyPackage(parsed, keyForSequence(signer, h.sequence))) {
      throw new UserError('bad_signature', 'The signature does not match: the file was altered or signed by another key.', '签名不符：文件已被改动或由其他密钥签署。');
    }
    if (signer.role !== h.origin.role || signer.prefectureCode !== h.origin.prefectureCode) {
      throw new UserError('bad_origin', 'The package claims another identity than its enrolled signer.', '同步包声明的身份与登记的签署方不符。');
    }
    if (h.schemaVersion > latestSchemaVersion) {
      throw new UserError('package_too_new', 'This package was made by a newer version of SME Ledger: update the app.', '该同步包由更新版本的台账程序生成，请升级程序。');
    }
    if (h.kind === 'changes') {
      if (me.role !== 'hq') throw new UserError('wrong_recipient', 'Change packages are imported at headquarters.', '数据同步包应在自治区总部导入。');
      if (h.recipient?.installationId !== me.id) throw new UserError('wrong_recipient', 'This package was made for another headquarters installation.', '该同步包是发给另一台总部电脑的。');
    } else if (me.role !== 'office' || signer.role !== 'hq') {
      throw new UserError('wrong_recipient', 'Reference packages from headquarters are imported by offices.', '总部参考包应由地市办公室导入。');
    }
    const previous = sql(db, "SELECT 1 FROM sync_imports WHERE file_sha256 = ? AND status = 'imported'").get(parsed.sha256);
    if (previous) {
      out.status = 'already-imported';
      out.reason = 'This package was imported before; nothing changes.';
      out.reasonZh = '该同步包此前已导入，本次无改动。';
    } else {
      let body = parsed.body;
      if (h.encryption) {
        const keys = store.load();
        if (!keys.encryption) throw new UserError('wrong_recipient', 'This installation cannot decrypt packages.', '本机无法解密同步包。');
        try {
          body = openFrom(keys.encryption.secretKey, unb64(h.encryption.ephemeralKey), Buffer.from(h.encryption.nonce, 'base64'), body, parsed.headerBytes);
        } catch {
          throw new UserError('cannot_decrypt', 'The package cannot be decrypted with this headquarters key.', '无法用本机总部密钥解密该同步包。');
        }
      } else if (h.kind === 'changes') {
        throw new UserError('package_invalid', 'A change package must be encrypted.', '数据同步包必须加密。');
      }
      const json = decompress(body, h.payload.size, h.payload.sha256);
      const tx = db.transaction(() => {
        if (h.kind === 'changes') applyChanges(db, h, json, out);
        else applyReference(db, h, json, out);
        if (!opts.apply) throw rollback;
      });
      try {
        tx();
        out.status = 'imported';
      } catch (e) {
        if (e !== rollback) throw e;
        out.status = 'preview';
      }
    }
  } catch (e) {
    if (!isUserError(e)) throw e;
    out.status = 'rejected';
    out.reason = e.message;
    out.reasonZh = e.messageZh;
  }
  if (out.installationId && out.kind === 'changes') out.missingSequences = missingSequences(db, out.installationId, out.status === 'imported' || out.status === 'preview' ? out.sequence : null);
  if (opts.apply) recordAttempt(db, out, parsed);
  return out;
}

function recordAttempt(db: Database, out: ImportOutcome, p: ParsedPackage | null) {
  if (out.status === 'preview') return;
  sql(db, `INSERT INTO sync_imports (file_sha256, file_name, kind, origin, prefecture_code, office_name, sequence, from_version, to_version, received_at, status, reason, counts)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    out.fileSha256 || 'unreadable',
    out.fileName.slice(0, 255),
    out.kind,
    out.installationId,
    out.prefectureCode,
    out.office,
    out.sequence,
    p?.header.range.fromVersion ?? null,
    p?.header.range.toVersion ?? null,
    nowIso(),
    out.status,
    out.reasonZh ? `${out.reasonZh} / ${out.reason}` : null,
    JSON.stringify(out.counts),
  );
}

const payloadSchema = z.object({ rows: z.record(z.string(), z.array(z.unknown())) }).strict();

function parsePayload(json: string): Record<string, unknown[]> {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new UserError('package_damaged', 'The package content is unreadable.', '同步包内容无法读取。');
  }
  const p = payloadSchema.safeParse(raw);
  if (!p.success) throw new UserError('package_invalid', 'The package content has an unexpected shape.', '同步包内容格式不符。');
  return p.data.rows;
}

function reject(table: string, why: string): never {
  throw new UserError('bad_record', `A record of ${table} is invalid (${why}); the package was not imported.`, `同步包中“${table}”的记录无效（${why}），未导入任何数据。`);
}

function applyChanges(db: Database, h: PackageHeader, json: string, out: ImportOutcome) {
  const rows = parsePayload(json);
  for (const t of Object.keys(rows)) if (!(syncedTables as readonly string[]).includes(t)) reject(t, 'unknown table');
  const origin = h.origin.installationId;
  const ids = new Map<SyncedTable, Set<string>>();
  // Shape and ownership of every record, before anything is written.
  for (const t of applyOrder) {
    const list = (rows[t] ?? []) as Row[];
    if (list.length !== (h.counts[t] ?? 0)) reject(t, 'count differs from the header');
    const set = new Set<string>();
    for (const r of list) {
      const problem = rowProblem(db, t, r);
      if (problem) {
        out.counts[t] = { ...emptyCounts(), rejected: 1 };
        reject(t, problem);
      }
      if (r.origin !== origin) reject(t, 'belongs to another installation');
      if ((r.version as number) <= h.range.fromVersion || (r.version as number) > h.range.toVersion) reject(t, 'version outside the package range');
      if ('prefecture_code' in r && t !== 'targets' && r.prefecture_code !== h.origin.prefectureCode) reject(t, 'another prefecture');
      set.add(r.id as string);
    }
    ids.set(t, set);
  }
  for (const ref of references) {
    for (const r of (rows[ref.table] ?? []) as Row[]) {
      const target = r[ref.column] as string | null;
      if (target === null || ids.get(ref.target)!.has(target)) continue;
      const found = sql(db, `SELECT origin FROM ${ref.target} WHERE id = ?`).get(target) as { origin: string } | undefined;
      if (!found || found.origin !== origin) reject(ref.table, `refers to a ${ref.target} record that is neither in the package nor here`);
    }
  }
  for (const t of applyOrder) {
    const counts = emptyCounts();
    const cols = columnsOf(db, t).map((c) => c.name);
    const insert = sql(db, `INSERT INTO ${t} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`);
    const update = sql(db, `UPDATE ${t} SET ${cols.filter((c) => c !== 'id').map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`);
    for (const r of (rows[t] ?? []) as Row[]) {
      const row = Object.fromEntries(cols.map((c) => [c, r[c] ?? null]));
      const existing = sql(db, `SELECT origin, version, deleted FROM ${t} WHERE id = ?`).get(r.id) as { origin: string; version: number; deleted: number } | undefined;
      if (existing && existing.origin !== origin) reject(t, 'its id is taken by another installation’s record');
      if (!existing) {
        insert.run(row);
        if (r.deleted === 1) counts.deleted++;
        else counts.created++;
      } else if ((r.version as number) > existing.version) {
        update.run(row);
        if (r.deleted === 1 && existing.deleted === 0) counts.deleted++;
        else counts.updated++;
      } else {
        // The same or an older state: packages arriving late or twice change nothing.
        counts.unchanged++;
        continue;
      }
      recordChange(db, { table: t, rowId: r.id as string, op: 'import', version: r.version as number, operator: h.origin.officeName });
    }
    if (t === 'enterprises') {
      for (const r of (rows[t] ?? []) as Row[]) {
        if (!r.uscc || r.deleted === 1) continue;
        const other = sql(db, 'SELECT name, origin FROM enterprises WHERE uscc = ? AND origin <> ? AND deleted = 0 LIMIT 1').get(r.uscc, origin) as { name: string; origin: string } | undefined;
        if (other) {
          counts.conflicts++;
          out.conflicts.push({ uscc: r.uscc as string, here: other.name, there: r.name as string });
        }
      }
    }
    out.counts[t] = counts;
  }
}

/** Version up to which HQ holds every change of an office: the chain of packages from version 0. */
export function acknowledgedVersion(db: Database, installationId: string): number {
  const ranges = sql(db, "SELECT from_version AS f, to_version AS t FROM sync_imports WHERE origin = ? AND status = 'imported' AND kind = 'changes' ORDER BY from_version").all(installationId) as { f: number; t: number }[];
  let acked = 0;
  for (const r of ranges) if (r.f <= acked) acked = Math.max(acked, r.t);
  return acked;
}

export function missingSequences(db: Database, installationId: string, including: number | null): number[] {
  const got = new Set((sql(db, "SELECT sequence FROM sync_imports WHERE origin = ? AND status = 'imported'").all(installationId) as { sequence: number }[]).map((r) => r.sequence));
  if (including !== null) got.add(including);
  const max = Math.max(0, ...got);
  const missing: number[] = [];
  for (let s = 1; s <= max; s++) if (!got.has(s)) missing.push(s);
  return missing;
}

// Reference packages (HQ → offices) -------------------------------------------------------------

const referenceSchema = z
  .object({
    acks: z.record(z.string().uuid(), z.number().int().min(0)),
    checklists: z.array(z.object({ year: z.number().int(), revision: z.number().int().min(1), data: z.unknown() }).strict()),
    /** HQ's quotas per prefecture (the targets table), as full rows. */
    targets: z.array(z.unknown()).default([]),
  })
  .strict();

export function publishReference(db: Database, store: KeyStore, appVersion: string): ExportResult {
  const me = requireInstallation(db);
  if (me.role !== 'hq') throw new UserError('not_hq', 'Only headquarters publishes reference packages.', '只有自治区总部发布参考包。');
  const keys = store.load();
  const acks = Object.fromEntries(listTrusted(db).filter((t) => t.role === 'office').map((t) => [t.installationId, acknowledgedVersion(db, t.installationId)]));
  const checklists = (sql(db, 'SELECT year, revision, data FROM checklists ORDER BY year').all() as { year: number; revision: number; data: string }[]).map((c) => ({ year: c.year, revision: c.revision, data: JSON.parse(c.data) as unknown }));
  const targets = sql(db, 'SELECT * FROM targets WHERE origin = ? ORDER BY id').all(me.id) as Row[];
  const payload = compress(canonical({ acks, checklists, targets }));
  const sequence = Number(getSetting(db, 'sync.referenceSequence') ?? 0) + 1;
  setSetting(db, 'sync.referenceSequence', String(sequence));
  const header: PackageHeader = {
    format: FORMAT_VERSION,
    kind: 'reference',
    app: `${APP_ID} ${appVersion}`,
    schemaVersion: latestSchemaVersion,
    origin: { installationId: me.id, role: 'hq', prefectureCode: null, officeName: me.officeName },
    recipient: null,
    sequence,
    range: { fromVersion: 0, toVersion: 0 },
    full: true,
    createdAt: nowIso(),
    counts: { acks: Object.keys(acks).length, checklists: checklists.length, targets: targets.length },
    payload: { encoding: 'gzip+json', size: payload.size, sha256: payload.sha256 },
    encryption: null,
  };
  return { file: buildPackage(header, payload.data, keys.signing.secretKey), header };
}

function applyReference(db: Database, h: PackageHeader, json: string, out: ImportOutcome) {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new UserError('package_damaged', 'The package content is unreadable.', '同步包内容无法读取。');
  }
  const ref = referenceSchema.safeParse(raw);
  if (!ref.success) throw new UserError('package_invalid', 'The reference package has an unexpected shape.', '参考包内容格式不符。');
  const me = requireInstallation(db);
  const ack = ref.data.acks[me.id];
  const previous = Number(getSetting(db, 'sync.ackedVersion') ?? 0);
  // An older reference package never takes an acknowledgement back.
  if (ack !== undefined && ack > previous) setSetting(db, 'sync.ackedVersion', String(ack));
  for (const c of ref.data.checklists) {
    const parsed = checklistSchema.safeParse(c.data);
    if (!parsed.success || parsed.data.year !== c.year) throw new UserError('package_invalid', `The checklist for ${c.year} in the package is invalid.`, `参考包中${c.year}年的清单无效。`);
    sql(db, `INSERT INTO checklists (year, revision, data, origin, installed_at) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (year) DO UPDATE SET revision = excluded.revision, data = excluded.data, origin = excluded.origin, installed_at = excluded.installed_at
             WHERE excluded.revision > checklists.revision`).run(c.year, c.revision, JSON.stringify(parsed.data), h.origin.installationId, nowIso());
  }
  const counts = emptyCounts();
  const cols = columnsOf(db, 'targets').map((c) => c.name);
  for (const r of ref.data.targets as Row[]) {
    const problem = rowProblem(db, 'targets', r);
    if (problem) reject('targets', problem);
    if (r.origin !== h.origin.installationId) reject('targets', 'belongs to another installation');
    const row = Object.fromEntries(cols.map((c) => [c, r[c] ?? null]));
    const existing = sql(db, 'SELECT origin, version FROM targets WHERE id = ?').get(r.id) as { origin: string; version: number } | undefined;
    if (existing && existing.origin !== r.origin) reject('targets', 'its id is taken by another record');
    if (!existing) {
      // A quota replaced at HQ under a new id: the old row for the same slot goes.
      sql(db, 'DELETE FROM targets WHERE year = ? AND indicator_id = ? AND prefecture_code = ?').run(r.year, r.indicator_id, r.prefecture_code);
      sql(db, `INSERT INTO targets (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(row);
      counts.created++;
    } else if ((r.version as number) > existing.version) {
      sql(db, `UPDATE targets SET ${cols.filter((c) => c !== 'id').map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`).run(row);
      counts.updated++;
    } else counts.unchanged++;
  }
  out.counts = { targets: counts };
}

// Ledger ------------------------------------------------------------------------------------------

export interface LedgerEntry {
  id: number;
  fileSha256: string;
  fileName: string | null;
  kind: string | null;
  installationId: string | null;
  prefectureCode: string | null;
  office: string | null;
  sequence: number | null;
  receivedAt: string;
  status: string;
  reason: string | null;
  counts: Record<string, TableCounts>;
}

export function importLedger(db: Database, limit = 500): LedgerEntry[] {
  return (sql(db, 'SELECT * FROM sync_imports ORDER BY id DESC LIMIT ?').all(limit) as Record<string, unknown>[]).map((r) => ({
    id: r.id as number,
    fileSha256: r.file_sha256 as string,
    fileName: r.file_name as string | null,
    kind: r.kind as string | null,
    installationId: r.origin as string | null,
    prefectureCode: r.prefecture_code as string | null,
    office: r.office_name as string | null,
    sequence: r.sequence as number | null,
    receivedAt: r.received_at as string,
    status: r.status as string,
    reason: r.reason as string | null,
    counts: JSON.parse(r.counts as string) as Record<string, TableCounts>,
  }));
}

export type OfficeSyncState = SyncStatus['offices'][number];

export function officeStates(db: Database): OfficeSyncState[] {
  return listTrusted(db)
    .filter((t) => t.role === 'office')
    .map((t) => {
      const last = sql(db, "SELECT max(sequence) AS s, max(received_at) AS at FROM sync_imports WHERE origin = ? AND status = 'imported'").get(t.installationId) as { s: number | null; at: string | null };
      return {
        installationId: t.installationId,
        prefectureCode: t.prefectureCode,
        officeName: t.officeName,
        fingerprint: t.keys.at(-1)!.fingerprint,
        revoked: t.revokedAt !== null,
        lastSequence: last.s,
        lastReceivedAt: last.at,
        acknowledgedVersion: acknowledgedVersion(db, t.installationId),
        missingSequences: missingSequences(db, t.installationId, null),
      };
    });
}

export function inspect(file: Buffer) {
  const p = parsePackage(file);
  return { header: p.header, fileSha256: p.sha256, signer: p.header.origin };
}
