import type { Database } from 'better-sqlite3';
import { UserError } from '../errors';
import { nowIso } from '../clock';
import { requireInstallation } from '../installation';
import { getSetting } from '../settings';
import { latestSchemaVersion, syncedTables, type SyncedTable } from '../migrations';
import { sql } from '../statements';
import { b64, newNoncePrefix, streamKeyTo, unb64 } from './crypto';
import { FORMAT_VERSION, PackageWriter, type PackageHeader } from './format';
import { memoryOutput, type PackageOutput } from './source';
import type { KeyStore } from './keystore';
import { applyOrder } from './rows';
import { listTrusted } from './trust';
import { nextExportSequence, raiseMarks, readMarks } from './marks';

export const APP_ID = 'sme-ledger';

export interface ExportResult {
  header: PackageHeader;
  bytes: number;
  sha256: string;
}

/** What HQ acknowledged, as this office accepted it (never above its own clock). */
export function acknowledgedHere(db: Database): number {
  return Number(getSetting(db, 'sync.ackedVersion') ?? 0);
}

/**
 * Everything this office changed since HQ's last acknowledgement (or everything, `full`), signed
 * and encrypted to HQ, streamed into `output` table by table. The sequence number is recorded in
 * the same transaction that commits the file, so no number exists without its file, and in the
 * marks file beside the keys before the file is released, so that no restore reuses it. A lost
 * file costs nothing: the next export carries its changes again.
 */
export function exportChanges(db: Database, store: KeyStore, opts: { full?: boolean; appVersion: string; output: PackageOutput }): ExportResult {
  try {
    const me = requireInstallation(db);
    if (me.role !== 'office') throw new UserError('not_office', 'Only an office exports change packages; headquarters publishes reference packages.', '只有地市办公室导出数据同步包；自治区总部发布参考包。');
    const hq = listTrusted(db).find((t) => t.role === 'hq');
    if (!hq?.encryptionKey) throw new UserError('no_hq_key', 'Import the headquarters key card first (同步 → 信任总部密钥).', '请先导入自治区总部的密钥卡（同步 → 信任总部密钥）。');
    const keys = store.load();
    return db.transaction(() => {
      // Versions handed out before a restore are never handed out again.
      sql(db, 'UPDATE installation SET clock = max(clock, ?)').run(readMarks(store.dataDir, me.id).clock);
      const toVersion = (sql(db, 'SELECT clock FROM installation').get() as { clock: number }).clock;
      const fromVersion = opts.full ? 0 : Math.min(acknowledgedHere(db), toVersion);
      const changed = (t: SyncedTable) => `FROM ${t} WHERE origin = ? AND version > ?`;
      const counts = Object.fromEntries(syncedTables.map((t) => [t, (sql(db, `SELECT count(*) AS n ${changed(t)}`).get(me.id, fromVersion) as { n: number }).n]));
      const sequence = nextExportSequence(db, store.dataDir);
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
      raiseMarks(store.dataDir, me.id, { clock: toVersion, exportSequence: sequence });
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
  const acked = acknowledgedHere(db);
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
  return (sql(db, 'SELECT * FROM sync_exports ORDER BY sequence DESC LIMIT 500').all() as Record<string, unknown>[]).map((r) => ({
    sequence: r.sequence as number,
    fromVersion: r.from_version as number,
    toVersion: r.to_version as number,
    full: r.full === 1,
    createdAt: r.created_at as string,
    fileSha256: r.file_sha256 as string,
    counts: JSON.parse(r.counts as string) as Record<string, number>,
  }));
}
