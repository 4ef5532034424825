import type { Database } from 'better-sqlite3';
import { UserError, isUserError } from '../errors';
import { nowIso } from '../clock';
import { requireInstallation } from '../installation';
import { latestSchemaVersion } from '../migrations';
import { sql } from '../statements';
import { withoutWaitingForDisk } from '../open';
import { streamKeyFrom } from './crypto';
import { frameKeyFor, openPackage, packageLines, verifyPackage, type OpenedPackage, type PackageHeader } from './format';
import { bufferSource, type ByteSource } from './source';
import type { KeyStore } from './keystore';
import { getTrusted, keyForSequence } from './trust';
import { checkAuthority, checkNumbers } from './authority';
import { applyChanges } from './apply-changes';
import { applyReference } from './reference';
import { closePackageReminders } from '../supervision/write';
import { missingRanges } from './ledger';
import type { ImportOutcome } from '../../api/sync-contract';

const rollback = new Error('preview: roll back');
type Outcome = ImportOutcome & { code?: string | null };

/**
 * Verifies the signer and its authority before anything else, then decrypts, validates and
 * applies the records as they stream out of the file, in one transaction: any refusal rolls
 * everything back. Never throws for a bad file: the outcome says why, and (when applying) the
 * attempt has its line in the ledger, so a batch goes on with the next file.
 */
export function importPackage(db: Database, store: KeyStore, file: Buffer | ByteSource, fileName: string, opts: { apply: boolean }): ImportOutcome {
  const out: Outcome = { status: 'rejected', fileName, fileSha256: '', kind: null, office: null, installationId: null, prefectureCode: null, sequence: null, counts: {}, conflicts: [], missing: [], reason: null, reasonZh: null, code: null };
  let opened: OpenedPackage | null = null;
  try {
    opened = openPackage(Buffer.isBuffer(file) ? bufferSource(file) : file);
    const p = opened;
    const h = p.header;
    Object.assign(out, { fileSha256: p.sha256, kind: h.kind, office: h.origin.officeName, installationId: h.origin.installationId, prefectureCode: h.origin.prefectureCode, sequence: h.sequence });
    checkSignerAndRecipient(db, p);
    if (sql(db, "SELECT 1 FROM sync_imports WHERE file_sha256 = ? AND status = 'imported'").get(p.sha256)) {
      Object.assign(out, { status: 'already-imported', reason: 'This package was imported before; nothing changes.', reasonZh: '该同步包此前已导入，本次无改动。' });
    } else {
      checkNumbers(db, h);
      checkAuthority(db, h, p.sha256, getTrusted(db, h.origin.installationId)!);
      applyInTransaction(db, store, p, out, opts.apply);
    }
  } catch (e) {
    const refusal = asRefusal(e);
    Object.assign(out, { status: 'rejected', reason: refusal.message, reasonZh: refusal.messageZh, code: refusal.code });
  }
  if (out.installationId && out.kind === 'changes') {
    const counted = (out.status === 'imported' || out.status === 'preview') && opened ? { sequence: opened.header.sequence, toVersion: opened.header.range.toVersion } : null;
    out.missing = missingRanges(db, out.installationId, out.status === 'preview' ? counted : null);
  }
  if (opts.apply && out.status !== 'imported') withoutWaitingForDisk(db, () => recordAttempt(db, out, opened));
  const { code: _code, ...outcome } = out;
  return outcome;
}

/** Signed by the key enrolled for this sequence, claiming its enrolled identity, meant for this installation. */
function checkSignerAndRecipient(db: Database, p: OpenedPackage): void {
  const h = p.header;
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
    throw new UserError('not_authorised', 'Reference packages (acknowledgements, checklists, quotas) come from headquarters and are imported by offices.', '参考包（确认、清单、目标分解）只能由自治区总部发布、由地市导入。');
  }
}

function applyInTransaction(db: Database, store: KeyStore, p: OpenedPackage, out: Outcome, apply: boolean): void {
  const h: PackageHeader = p.header;
  let key = null;
  if (h.encryption) {
    const secret = store.load().encryption?.secretKey;
    if (!secret) throw new UserError('wrong_recipient', 'This installation cannot decrypt packages.', '本机无法解密同步包。');
    key = frameKeyFor(p, (ephemeral) => streamKeyFrom(secret, ephemeral));
  }
  const tx = db.transaction(() => {
    const lines = packageLines(p, key);
    if (h.kind === 'changes') {
      applyChanges(db, h, lines, out);
      // The office's package arrived: HQ's reminders to send one are done.
      closePackageReminders(db, h.origin.installationId);
    } else applyReference(db, h, lines, out, () => store.load());
    if (!apply) throw rollback;
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

/** Storage failures (disk full, I/O) are the computer's, not the file's: they go up as such. */
const STORAGE = /^SQLITE_(FULL|IOERR|CORRUPT|READONLY|BUSY|NOTADB|CANTOPEN)/;

function asRefusal(e: unknown): UserError {
  if (isUserError(e)) return e;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' && STORAGE.test(code)) throw e;
  const message = (e as Error)?.message?.slice(0, 200) ?? String(e);
  return new UserError('import_failed', `The package could not be imported (${message}); nothing was changed.`, `同步包未能导入（${message}），未作任何改动。`);
}

function recordAttempt(db: Database, out: Outcome, p: OpenedPackage | null) {
  if (out.status === 'preview') return;
  sql(db, `INSERT INTO sync_imports (file_sha256, file_name, kind, origin, prefecture_code, office_name, sequence, from_version, to_version, received_at, status, reason, counts, code)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
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
    out.code ?? null,
  );
}
