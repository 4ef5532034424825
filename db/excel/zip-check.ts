import { inflateRawSync } from 'node:zlib';
import { UserError } from '../errors';

/** What a workbook may unpack to: a sheet at the row limit is far below this. */
export const MAX_UNZIPPED_BYTES = 200 * 1024 * 1024;
const MAX_ENTRIES = 10_000;

/**
 * Checks an .xlsx archive before SheetJS opens it. SheetJS inflates every entry in memory and
 * trusts the sizes the archive declares (it allocates a buffer of the declared size), so a small
 * crafted file could unpack to gigabytes (a zip bomb, or many entries pointing at the same data)
 * or make it allocate a buffer of any size. This walks the central directory exactly as SheetJS
 * does, inflates each entry with a hard output limit, and requires the declared sizes to be true.
 * It also returns the last row any worksheet holds, which SheetJS cannot tell once it stops at
 * its row limit in a sheet that does not declare its extent.
 */
export function checkZip(buffer: Buffer, fileName: string): { lastRow: number; inflated: number } {
  const damaged = () =>
    new UserError('excel_not_spreadsheet', `${fileName} cannot be read as a spreadsheet: the archive is damaged.`, `无法将“${fileName}”作为电子表格读取：文件已损坏。`);
  const tooBig = () =>
    new UserError(
      'excel_too_large',
      `${fileName} unpacks to more than ${MAX_UNZIPPED_BYTES / 1024 / 1024} MB; split it into several files.`,
      `“${fileName}”解压后超过 ${MAX_UNZIPPED_BYTES / 1024 / 1024} MB，请拆分为多个文件。`,
    );
  const u16 = (at: number) => {
    if (at < 0 || at + 2 > buffer.length) throw damaged();
    return buffer.readUInt16LE(at);
  };
  const u32 = (at: number) => {
    if (at < 0 || at + 4 > buffer.length) throw damaged();
    return buffer.readUInt32LE(at);
  };
  // The last end-of-central-directory signature, as SheetJS looks for it.
  const eocd = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw damaged();
  const entries = u16(eocd + 8);
  if (entries === 0 || entries > MAX_ENTRIES) throw damaged();
  let at = u32(eocd + 16);
  // The declared sizes of all entries first: many entries pointing at one part (or plain lies
  // about size) are refused before anything is inflated, not after 200 MB of inflating.
  let declared = 0;
  for (let i = 0, p = at; i < entries; i++) {
    if (u32(p) !== 0x02014b50) throw damaged();
    const nameLength = u16(p + 28);
    const extraLength = u16(p + 30);
    const zip64 = zip64Sizes(buffer, p + 46 + nameLength, extraLength);
    declared += zip64?.usz || u32(p + 24);
    if (declared > MAX_UNZIPPED_BYTES) throw tooBig();
    p += 46 + nameLength + extraLength + u16(p + 32);
  }
  let total = 0;
  let lastRow = 0;
  for (let i = 0; i < entries; i++) {
    if (u32(at) !== 0x02014b50) throw damaged();
    let csz = u32(at + 20);
    let usz = u32(at + 24);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    const offset = u32(at + 42);
    const name = buffer.toString('latin1', at + 46, at + 46 + Math.min(nameLength, 255));
    const cdZip64 = zip64Sizes(buffer, at + 46 + nameLength, extraLength);
    if (cdZip64?.usz) usz = cdZip64.usz;
    if (cdZip64?.csz) csz = cdZip64.csz;
    at += 46 + nameLength + extraLength + commentLength;

    if (u32(offset) !== 0x04034b50) throw damaged();
    const flags = u16(offset + 6);
    const method = u16(offset + 8);
    let localCsz = u32(offset + 18);
    let localUsz = u32(offset + 22);
    const localName = u16(offset + 26);
    const localExtra = u16(offset + 28);
    if (localExtra > 0) {
      const localZip64 = zip64Sizes(buffer, offset + 30 + localName, localExtra);
      if (localZip64?.usz) localUsz = localZip64.usz;
      if (localZip64?.csz) localCsz = localZip64.csz;
      if (cdZip64?.usz) localUsz = cdZip64.usz;
      if (cdZip64?.csz) localCsz = cdZip64.csz;
    }
    if (flags & 0x2041) throw damaged();
    const dataStart = offset + 30 + localName + localExtra;
    // With a data descriptor the local sizes may be zero; the central directory's are the real ones.
    if (localCsz !== csz && !(flags & 8 && localCsz === 0)) throw damaged();
    if (dataStart + csz > buffer.length) throw damaged();
    // Sizes are checked as declared first, so a bomb is refused before anything is unpacked;
    // then no entry may unpack to more than it declares.
    if (usz > MAX_UNZIPPED_BYTES - total) throw tooBig();
    let content: Buffer;
    if (method === 0) content = buffer.subarray(dataStart, dataStart + csz);
    else if (method === 8) {
      try {
        content = inflateRawSync(buffer.subarray(dataStart, dataStart + csz), { maxOutputLength: usz + 1 });
      } catch {
        throw damaged();
      }
    } else throw damaged();
    const actual = content.length;
    if (WORKSHEET.test(name)) lastRow = Math.max(lastRow, lastRowOf(content));
    // SheetJS allocates what the local header declares: it must be the truth (or 0, unknown).
    if (actual !== usz || (localUsz !== 0 && localUsz !== actual) || (localUsz === 0 && !(flags & 8) && actual !== 0)) throw damaged();
    total += actual;
    if (total > MAX_UNZIPPED_BYTES) throw tooBig();
  }
  return { lastRow, inflated: total };
}

const WORKSHEET = /^\/?xl\/worksheets\/[^/]+\.xml$/i;

/** The highest row number of a worksheet's XML; a row without a number follows the one before. */
function lastRowOf(xml: Buffer): number {
  let row = 0;
  let last = 0;
  for (const m of xml.toString('latin1').matchAll(/<(?:[\w.-]+:)?row\b([^>]*)>/g)) {
    const r = /\sr\s*=\s*["'](\d+)["']/.exec(m[1]!);
    row = r ? Number(r[1]) : row + 1;
    if (row > last) last = row;
  }
  return last;
}

/** The ZIP64 sizes of an extra field, read as SheetJS reads them. */
function zip64Sizes(buffer: Buffer, start: number, length: number): { usz: number; csz: number } | null {
  let at = start;
  const end = Math.min(start + length, buffer.length);
  let found: { usz: number; csz: number } | null = null;
  while (at <= end - 4) {
    const type = buffer.readUInt16LE(at);
    const size = buffer.readUInt16LE(at + 2);
    if (type === 0x0001) {
      const read = (p: number) => (p + 8 <= buffer.length ? buffer.readUInt32LE(p + 4) * 2 ** 32 + buffer.readUInt32LE(p) : Number.NaN);
      found = { usz: read(at + 4), csz: read(at + 12) };
      if (Number.isNaN(found.usz) || Number.isNaN(found.csz)) found = { usz: Number.MAX_SAFE_INTEGER, csz: Number.MAX_SAFE_INTEGER };
    }
    at += 4 + size;
  }
  return found;
}
