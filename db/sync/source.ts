import fs from 'node:fs';
import { unreadableFile } from '../file-errors';

/** Random access to a package's bytes: in memory (from the window) or on disk (CLI, large files). */
export interface ByteSource {
  readonly size: number;
  /** Exactly `length` bytes from `offset`, or fewer at the end of the data. */
  read(offset: number, length: number): Buffer;
}

export function bufferSource(data: Buffer): ByteSource {
  return { size: data.length, read: (offset, length) => data.subarray(offset, offset + length) };
}

export interface FileSource extends ByteSource {
  close(): void;
}

export function fileSource(file: string): FileSource {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    throw unreadableFile(file, e);
  }
  const size = fs.fstatSync(fd).size;
  return {
    size,
    read(offset, length) {
      const n = Math.max(0, Math.min(length, size - offset));
      const buf = Buffer.allocUnsafe(n);
      let got = 0;
      while (got < n) {
        const r = fs.readSync(fd, buf, got, n - got, offset + got);
        if (r === 0) break;
        got += r;
      }
      return buf.subarray(0, got);
    },
    close: () => fs.closeSync(fd),
  };
}

/** Where an export's bytes go as they are made. */
export interface PackageOutput {
  write(chunk: Buffer): void;
  /** Called inside the export's transaction once the last byte is written. */
  commit(): void;
  abort(): void;
}

export function memoryOutput(): PackageOutput & { bytes(): Buffer } {
  const chunks: Buffer[] = [];
  return { write: (c) => void chunks.push(c), commit: () => {}, abort: () => void (chunks.length = 0), bytes: () => Buffer.concat(chunks) };
}

/** Writes beside the target and renames into place on commit, so a half-written file never carries the package's name. */
export function fileOutput(file: string): PackageOutput {
  const partial = `${file}.partial`;
  const fd = fs.openSync(partial, 'w');
  let open = true;
  const close = () => {
    if (open) fs.closeSync(fd);
    open = false;
  };
  return {
    write: (c) => {
      let at = 0;
      while (at < c.length) at += fs.writeSync(fd, c, at, c.length - at);
    },
    commit: () => {
      fs.fsyncSync(fd);
      close();
      fs.renameSync(partial, file);
    },
    abort: () => {
      close();
      fs.rmSync(partial, { force: true });
    },
  };
}
