import { UserError } from './errors';

/**
 * The storage failures a user can do something about, each with a stable code the renderer
 * offers a way out for: free disk space and retry, make the folder writable, or restore a
 * backup. Everything else stays an internal error.
 */
export const STORAGE_FAILURES = ['disk_full', 'data_readonly', 'db_corrupt', 'db_newer', 'db_unreadable'] as const;
export type StorageFailureCode = (typeof STORAGE_FAILURES)[number];

/** Failures that make the database unusable until it is replaced (restore a backup). */
export const RESTORABLE_FAILURES: readonly string[] = ['db_corrupt', 'db_newer', 'db_unreadable'];

export function isStorageFailure(e: unknown): e is UserError {
  return e instanceof UserError && (STORAGE_FAILURES as readonly string[]).includes(e.code);
}

/** SQLite's extended codes (SQLITE_READONLY_DBMOVED, SQLITE_IOERR_WRITE…) start with the primary one. */
function codeOf(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

export function diskFull(detail: string, dataDir?: string): UserError {
  return new UserError(
    'disk_full',
    `The disk is full: nothing was saved and the data is as it was before (${detail}). Free some space (delete unneeded files, empty the recycle bin), then try again; what you typed is kept.`,
    `磁盘空间已满，本次修改未保存，数据保持修改前的状态（${detail}）。请删除不需要的文件或清空回收站，腾出空间后再试；已填写的内容仍保留在表单中。`,
    undefined,
    dataDir ? { dataDir } : undefined,
  );
}

export function dataReadOnly(detail: string, dataDir?: string): UserError {
  const where = dataDir ? ` ${dataDir}` : '';
  return new UserError(
    'data_readonly',
    `The data folder${where} is read-only: nothing can be saved (${detail}). Give your user write permission on the folder, or move it off a read-only drive (CD, write-protected USB stick), then try again.`,
    `数据文件夹只读，无法保存任何修改${dataDir ? `：${dataDir}` : ''}（${detail}）。请为当前用户开通该文件夹的写入权限，或不要把数据放在光盘、写保护的U盘等只读位置，然后重试。`,
    undefined,
    dataDir ? { dataDir } : undefined,
  );
}

export function databaseCorrupt(detail: string, file?: string): UserError {
  return new UserError(
    'db_corrupt',
    `The database file${file ? ` ${file}` : ''} is damaged (${detail}). Restore a backup: the damaged file is kept aside, not deleted.`,
    // SQLite's own words (page numbers, index names) help nobody at an office: they stay in the
    // English message, which the recovery screen shows under 技术详情.
    `数据库文件已损坏${file ? `：${file}` : ''}。请从备份恢复；损坏的文件会另行保留，不会被删除。`,
    undefined,
    file ? { file } : undefined,
  );
}

/**
 * The user-facing error for a failure of SQLite or of the file system, or null when the error is
 * not one of them (a bug, which the caller reports as internal).
 */
export function storageFailure(e: unknown, where: { dataDir?: string; file?: string } = {}): UserError | null {
  if (e instanceof UserError) return isStorageFailure(e) ? e : null;
  const code = codeOf(e);
  const text = String((e as Error)?.message ?? e);
  const detail = code && !text.startsWith(code) ? `${code}: ${text}` : text;
  if (code.startsWith('SQLITE_FULL') || code === 'ENOSPC' || code === 'EDQUOT') return diskFull(detail, where.dataDir);
  if (code.startsWith('SQLITE_READONLY') || code === 'EACCES' || code === 'EROFS' || code === 'EPERM') return dataReadOnly(detail, where.dataDir);
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return databaseCorrupt(detail, where.file);
  return null;
}
