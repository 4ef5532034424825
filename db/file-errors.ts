import { UserError } from './errors';

/** What a system error code means, in words, for a person: Chinese and English. */
const SYSTEM_ERRORS: Record<string, [string, string]> = {
  ENOENT: ['找不到文件或文件夹', 'file or folder not found'],
  EACCES: ['没有访问权限', 'permission denied'],
  EPERM: ['操作不被允许', 'operation not permitted'],
  EISDIR: ['这是一个文件夹，不是文件', 'this is a folder, not a file'],
  ENOTDIR: ['路径中有一部分不是文件夹', 'part of the path is not a folder'],
  EEXIST: ['文件已存在', 'the file already exists'],
  ENOSPC: ['磁盘空间已满', 'the disk is full'],
  EDQUOT: ['超出磁盘配额', 'disk quota exceeded'],
  EROFS: ['位置只读，无法写入', 'the location is read-only'],
  EMFILE: ['打开的文件过多', 'too many open files'],
  EBUSY: ['文件正被其他程序使用', 'the file is in use by another program'],
  ENAMETOOLONG: ['文件名过长', 'the file name is too long'],
};

/** [Chinese, English] for a system error code; the code itself is only ever shown in brackets. */
export function describeSystemError(code: string | undefined): [string, string] {
  return (code && SYSTEM_ERRORS[code]) || ['系统错误', 'system error'];
}

/** A file the user named cannot be read: which file and why, in words (e.g. not found), never a bare ENOENT. */
export function unreadableFile(file: string, e: unknown): UserError {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  const [zh, en] = describeSystemError(code);
  const suffix = code ? ` (${code})` : '';
  return new UserError('file_unreadable', `Cannot read ${file}: ${en}${suffix}.`, `无法读取 ${file}：${zh}${code ? `（${code}）` : ''}。`);
}
