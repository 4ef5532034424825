import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { UserError, isUserError } from '../errors';
import { nowIso } from '../clock';
import { requireInstallation } from '../installation';
import { getSetting, setSetting } from '../settings';
import { latestSchemaVersion, syncedTables, type SyncedTable } from '../migrations';
import { recordChange } from '../changelog';
import { sql } from '../statements';
import { installPublishedChecklist } from '../checklists';
import { withoutWaitingForDisk } from '../open';
import { b64, newNoncePrefix, streamKeyFrom, streamKeyTo, unb64 } from './crypto';
import { FORMAT_VERSION, frameKeyFor, openPackage, packageLines, PackageWriter, verifyPackage, type OpenedPackage, type PackageHeader, type PackageLine } from './format';
import { bufferSource, memoryOutput, type ByteSource, type PackageOutput } from './source';
import type { KeyStore } from './keystore';
import { applyOrder, columnsOf, references, rowProblem, type Row } from './rows';
import { getTrusted, keyForSequence, listTrusted } from './trust';
import type { ImportOutcome, SyncStatus, TableCounts } from '../../api/sync-contract';

export const APP_ID = 'sme-ledger';

// Export (office) -----------------------------------------------------------------------------

export interface ExportResult {
  header: PackageHeader;
  bytes: number;
  sha256: string;
}

/**
 * Everything this office changed since HQ's last acknowledgement (or everything, `full`), signed
 * and encrypted to HQ, streamed into `output` table by table. The sequence number is recorded in
 * the same transaction that commits the file, so no number exists without its file. A lost file
 * costs nothing: the next export carries its changes again.
 */
export function exportChanges(db: Database, store: KeyStore, opts: { full?: boolean; appVersion: string; output: PackageOutput }): ExportResult {
  try {
    const me = requireInstallation(db);
    if (me.role !== 'office') throw new UserError('not_office', 'Only an office exports change packages; headquarters publishes reference packages.', '只有地市办公室导出数据同步包；自治区总部发布参考包。');
    const hq = listTrusted(db).find((t) => t.role === 'hq');
    if (!hq?.encryptionKey) throw new UserError('no_hq_key', 'Import the headquarters key card first (同步 → 信任总部密钥).', '请先导入自治区总部的密钥卡（同步 → 信任总部密钥）。');
    const keys = store.load();
    return db.transaction(() => {
      const acked = Number(getSetting(db, 'sync.ackedVersion') ?? 0);
      const fromVersion = opts.full ? 0 : acked;
      const toVersion = (sql(db, 'SELECT clock FROM installation').get() as { clock: number }).clock;
      const changed = (t: SyncedTable) => `FROM ${t} WHERE origin = ? AND version > ?`;
      const counts = Object.fromEntries(syncedTables.map((t) => [t, (sql(db, `SELECT count(*) AS n ${changed(t)}`).get(me.id, fromVersion) as { n: number }).n]));
      const sequence = ((sql(db, 'SELECT max(sequence) AS s FROM sync_exports').get() as { s: number | null }).s ?? 0) + 1;
      const stream = streamKeyTo(unb64(hq.encryptionKey!));
      const noncePrefix = newNoncePrefix();
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
        payload: { encoding: 'json-lines/gzip/frames' },
        encryption: { alg: 'x25519-hkdf-sha256-aes-256-gcm-stream', ephemeralKey: b64(stream.ephemeral), noncePrefix: noncePrefix.toString('base64') },
      };
      const writer = new PackageWriter(header, keys.signing.secretKey, (c) => opts.output.write(c), { key: stream.key, prefix: noncePrefix });
      // Referenced tables first, so that the importer can check references as it goes.
      for (const t of applyOrder) {
        for (const row of sql(db, `SELECT * ${changed(t)} ORDER BY id`).iterate(me.id, fromVersion)) writer.line(t, row);
      }
      const { bytes, sha256 } = writer.finish();
      sql(db, 'INSERT INTO sync_exports (sequence, from_version, to_version, full, created_at, file_sha256, counts) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        sequence,
        fromVersion,
        toVersion,
        opts.full ? 1 : 0,
        header.createdAt,
        sha256,
        JSON.stringify(counts),
      );
      opts.output.commit();
      return { header, bytes, sha256 };
    })();
  } catch (e) {
    opts.output.abort();
    throw e;
  }
}

/** The same, into memory: for the window, which hands the bytes to a save dialog or download. */
export function exportChangesToBuffer(db: Database, store: KeyStore, opts: { full?: boolean; appVersion: string }): ExportResult & { file: Buffer } {
  const output = memoryOutput();
  const result = exportChanges(db, store, { ...opts, output });
  return { ...result, file: output.bytes() };
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

/**
 * Verifies the signer before anything else, then decrypts, validates and applies the records as
 * they stream out of the file, in one transaction: any refusal rolls everything back.
 */
export function importPackage(db: Database, store: KeyStore, file: Buffer | ByteSource, fileName: string, opts: { apply: boolean }): ImportOutcome {
  const out: ImportOutcome = { status: 'rejected', fileName, fileSha256: '', kind: null, office: null, installationId: null, prefectureCode: null, sequence: null, counts: {}, conflicts: [], missingSequences: [], reason: null, reasonZh: null };
  let opened: OpenedPackage | null = null;
  try {
    opened = openPackage(Buffer.isBuffer(file) ? bufferSource(file) : file);
    const p = opened;
    const h = p.header;
    Object.assign(out, { fileSha256: p.sha256, kind: h.kind, office: h.origin.officeName, installationId: h.origin.installationId, prefectureCode: h.origin.prefectureCode, sequence: h.sequence });
    const me = requireInstallation(db);
    if (h.origin.installationId === me.id) {
      throw new UserError('own_package', 'This package was made on this computer: it is imported on the other side.', '这是本机自己生成的同步包，应在对方的电脑上导入。');
    }
    const signer = getTrusted(db, h.origin.installationId);
    if (!signer) throw new UserError('signer_unknown', `The package is signed by ${h.origin.officeName}, whose key is not enrolled here.`, `同步包由“${h.origin.officeName}”签署，其密钥未在本机登记。`);
    if (!verifyPackage(p, keyForSequence(signer, h.sequence))) {
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
    const previous = sql(db, "SELECT 1 FROM sync_imports WHERE file_sha256 = ? AND status = 'imported'").get(p.sha256);
    if (previous) {
      out.status = 'already-imported';
      out.reason = 'This package was imported before; nothing changes.';
      out.reasonZh = '该同步包此前已导入，本次无改动。';
    } else {
      let key = null;
      if (h.encryption) {
        const keys = store.load();
        const secret = keys.encryption?.secretKey;
        if (!secret) throw new UserError('wrong_recipient', 'This installation cannot decrypt packages.', '本机无法解密同步包。');
        key = frameKeyFor(p, (ephemeral) => streamKeyFrom(secret, ephemeral));
      }
      const tx = db.transaction(() => {
        const lines = packageLines(p, key);
        if (h.kind === 'changes') applyChanges(db, h, lines, out);
        else applyReference(db, h, lines, out);
        if (!opts.apply) throw rollback;
        // The ledger row commits with the records: a kill in between must not leave data that
        // the ledger says never arrived.
        out.status = 'imported';
        recordAttempt(db, out, p);
      });
      try {
        tx();
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
  if (opts.apply && out.status !== 'imported') withoutWaitingForDisk(db, () => recordAttempt(db, out, opened));
  return out;
}

function recordAttempt(db: Database, out: ImportOutcome, p: OpenedPackage | null) {
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

function reject(table: string, why: string): never {
  throw new UserError('bad_record', `A record of ${table} is invalid (${why}); the package was not imported.`, `同步包中“${table}”的记录无效（${why}），未导入任何数据。`);
}

/** Prepared statements and tallies for one table of an import. */
function tableApplier(db: Database, t: SyncedTable) {
  const cols = columnsOf(db, t).map((c) => c.name);
  return {
    cols,
    counts: emptyCounts(),
    seen: 0,
    refs: references.filter((r) => r.table === t),
    find: sql(db, `SELECT origin, version, deleted FROM ${t} WHERE id = ?`),
    insert: sql(db, `INSERT INTO ${t} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`),
    update: sql(db, `UPDATE ${t} SET ${cols.filter((c) => c !== 'id').map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`),
  };
}

/**
 * Each record, as it arrives: known columns of the right types, owned by the signer, within the
 * package's range and prefecture, pointing at records that exist (tables arrive referenced-first,
 * so a record the package itself brings is already written), then written if newer than ours.
 */
function applyChanges(db: Database, h: PackageHeader, lines: Iterable<PackageLine>, out: ImportOutcome) {
  const origin = h.origin.installationId;
  for (const t of Object.keys(h.counts)) if (!(syncedTables as readonly string[]).includes(t)) reject(t, 'unknown table');
  const tables = new Map<SyncedTable, ReturnType<typeof tableApplier>>();
  let position = 0;
  for (const [section, value] of lines) {
    const index = applyOrder.indexOf(section as SyncedTable);
    if (index < 0) reject(section.slice(0, 40), 'unknown table');
    if (index < position) reject(section, 'tables out of order');
    position = index;
    const t = section as SyncedTable;
    let a = tables.get(t);
    if (!a) tables.set(t, (a = tableApplier(db, t)));
    if (++a.seen > (h.counts[t] ?? 0)) reject(t, 'count differs from the header');
    const problem = rowProblem(db, t, value);
    if (problem) {
      out.counts[t] = { ...emptyCounts(), rejected: 1 };
      reject(t, problem);
    }
    const r = value as Row;
    if (r.origin !== origin) reject(t, 'belongs to another installation');
    if ((r.version as number) <= h.range.fromVersion || (r.version as number) > h.range.toVersion) reject(t, 'version outside the package range');
    if ('prefecture_code' in r && t !== 'targets' && r.prefecture_code !== h.origin.prefectureCode) reject(t, 'another prefecture');
    for (const ref of a.refs) {
      const target = r[ref.column] as string | null;
      if (target === null || target === undefined) continue;
      const found = sql(db, `SELECT origin FROM ${ref.target} WHERE id = ?`).get(target) as { origin: string } | undefined;
      if (!found || found.origin !== origin) reject(t, `refers to a ${ref.target} record that is neither in the package nor here`);
    }
    const row: Row = {};
    for (const c of a.cols) row[c] = r[c] ?? null;
    const existing = a.find.get(r.id) as { origin: string; version: number; deleted: number } | undefined;
    if (existing && existing.origin !== origin) reject(t, 'its id is taken by another installation’s record');
    if (!existing) {
      a.insert.run(row);
      if (r.deleted === 1) a.counts.deleted++;
      else a.counts.created++;
    } else if ((r.version as number) > existing.version) {
      a.update.run(row);
      if (r.deleted === 1 && existing.deleted === 0) a.counts.deleted++;
      else a.counts.updated++;
    } else {
      // The same or an older state: packages arriving late or twice change nothing.
      a.counts.unchanged++;
      continue;
    }
    recordChange(db, { table: t, rowId: r.id as string, op: 'import', version: r.version as number, operator: h.origin.officeName });
    if (t === 'enterprises' && r.uscc && r.deleted !== 1) {
      const other = sql(db, 'SELECT name FROM enterprises WHERE uscc = ? AND origin <> ? AND deleted = 0 LIMIT 1').get(r.uscc, origin) as { name: string } | undefined;
      if (other) {
        a.counts.conflicts++;
        out.conflicts.push({ uscc: r.uscc as string, here: other.name, there: r.name as string });
      }
    }
  }
  for (const t of applyOrder) if ((tables.get(t)?.seen ?? 0) !== (h.counts[t] ?? 0)) reject(t, 'count differs from the header');
  for (const t of applyOrder) out.counts[t] = tables.get(t)?.counts ?? emptyCounts();
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

export function publishReference(db: Database, store: KeyStore, appVersion: string): ExportResult & { file: Buffer } {
  const me = requireInstallation(db);
  if (me.role !== 'hq') throw new UserError('not_hq', 'Only headquarters publishes reference packages.', '只有自治区总部发布参考包。');
  const keys = store.load();
  const acks = Object.fromEntries(listTrusted(db).filter((t) => t.role === 'office').map((t) => [t.installationId, acknowledgedVersion(db, t.installationId)]));
  const checklists = (sql(db, 'SELECT year, revision, data FROM checklists ORDER BY year').all() as { year: number; revision: number; data: string }[]).map((c) => ({ year: c.year, revision: c.revision, data: JSON.parse(c.data) as unknown }));
  const targets = sql(db, 'SELECT * FROM targets WHERE origin = ? ORDER BY id').all(me.id) as Row[];
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
    payload: { encoding: 'json-lines/gzip/frames' },
    encryption: null,
  };
  const output = memoryOutput();
  const writer = new PackageWriter(header, keys.signing.secretKey, (c) => output.write(c), null);
  writer.line('acks', acks);
  for (const c of checklists) writer.line('checklists', c);
  for (const t of targets) writer.line('targets', t);
  const { bytes, sha256 } = writer.finish();
  return { header, bytes, sha256, file: output.bytes() };
}

/** A reference package is small (checklists and quotas), so its lines are gathered before checking. */
function gatherReference(lines: Iterable<PackageLine>): z.infer<typeof referenceSchema> {
  const raw: { acks?: unknown; checklists: unknown[]; targets: unknown[] } = { checklists: [], targets: [] };
  for (const [section, value] of lines) {
    if (section === 'acks' && raw.acks === undefined) raw.acks = value;
    else if (section === 'checklists' || section === 'targets') raw[section].push(value);
    else throw new UserError('package_invalid', 'The reference package has an unexpected shape.', '参考包内容格式不符。');
  }
  const ref = referenceSchema.safeParse(raw);
  if (!ref.success) throw new UserError('package_invalid', 'The reference package has an unexpected shape.', '参考包内容格式不符。');
  return ref.data;
}

function applyReference(db: Database, h: PackageHeader, lines: Iterable<PackageLine>, out: ImportOutcome) {
  const ref = gatherReference(lines);
  const me = requireInstallation(db);
  const ack = ref.acks[me.id];
  const previous = Number(getSetting(db, 'sync.ackedVersion') ?? 0);
  // An older reference package never takes an acknowledgement back.
  if (ack !== undefined && ack > previous) setSetting(db, 'sync.ackedVersion', String(ack));
  for (const c of ref.checklists) {
    // Installed (or kept, with the reason, when it needs a newer build) by db/checklists.ts.
    const { kept } = installPublishedChecklist(db, c, h.origin.installationId);
    if (kept) [out.reason, out.reasonZh] = [kept.en, kept.zh];
  }
  const counts = emptyCounts();
  const cols = columnsOf(db, 'targets').map((c) => c.name);
  for (const r of ref.targets as Row[]) {
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
  reasonZh: string | null;
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
    // Recorded as "中文 / English" (recordAttempt); each language gets its own half.
    ...splitReason(r.reason as string | null),
    counts: JSON.parse(r.counts as string) as Record<string, TableCounts>,
  }));
}

function splitReason(text: string | null): { reason: string | null; reasonZh: string | null } {
  if (text === null) return { reason: null, reasonZh: null };
  const at = text.indexOf(' / ');
  return at < 0 ? { reason: text, reasonZh: text } : { reasonZh: text.slice(0, at), reason: text.slice(at + 3) };
}

export type OfficeSyncState = SyncStatus['offices'][number];

/** An office that has sent nothing for longer than this is flagged at HQ. */
export const SILENT_AFTER_DAYS = 30;

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
        // Counted to today, whatever year the dashboard shows: silence is about now.
        daysSinceLastPackage: last.at === null ? null : Math.max(0, Math.floor((Date.now() - Date.parse(last.at)) / 86_400_000)),
        silent: last.at === null || Date.now() - Date.parse(last.at) > SILENT_AFTER_DAYS * 86_400_000,
        acknowledgedVersion: acknowledgedVersion(db, t.installationId),
        missingSequences: missingSequences(db, t.installationId, null),
      };
    });
}

export function inspect(file: Buffer | ByteSource) {
  const p = openPackage(Buffer.isBuffer(file) ? bufferSource(file) : file);
  return { header: p.header, fileSha256: p.sha256, signer: p.header.origin };
}
