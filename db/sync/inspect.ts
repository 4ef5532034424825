import { openPackage } from './format';
import { bufferSource, type ByteSource } from './source';

/** The header and digest of a package, with no key: what `inspect` prints. */
export function inspect(file: Buffer | ByteSource) {
  const p = openPackage(Buffer.isBuffer(file) ? bufferSource(file) : file);
  return { header: p.header, fileSha256: p.sha256, signer: p.header.origin };
}
