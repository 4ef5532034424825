import fs from 'node:fs';
import path from 'node:path';
import { parse, required } from '../args';
import { openInstalled } from '../run';
import { UserError } from '../../db/errors';
import { exportChanges, importPackage, inspect, publishReference } from '../../db/sync/exchange';
import { fileOutput, fileSource, type FileSource } from '../../db/sync/source';
import { missingText } from '../../api/sync-contract';
import { makeCard, readCard, revoke, rotateKey, trustCard } from '../../db/sync/trust';
import { newSigningPair } from '../../db/sync/crypto';
import { requireInstallation } from '../../db/installation';
import { KeyStore } from '../../db/sync/keystore';
import { appVersion } from '../../services/context';
import { backupNow } from '../../db/backup';
import { unreadableFile } from '../../db/file-errors';

export const usage = `export --data DIR --out FILE [--full]
  import FILE... --data DIR [--dry-run] [--json]
  publish --data DIR --out FILE
  inspect FILE [--json]
  keys card --data DIR --out FILE
  keys enroll FILE --data DIR --fingerprint "1234 5678 …" | --yes
  keys trust-hq FILE --data DIR --fingerprint "…" | --yes
  keys revoke INSTALLATION_ID --data DIR
  keys rotate --data DIR --out FILE`;

function readFile(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw unreadableFile(file, e);
  }
}

function withFile<T>(file: string, fn: (src: FileSource) => T): T {
  const src = fileSource(file);
  try {
    return fn(src);
  } finally {
    src.close();
  }
}

async function withDbAsync<T>(dataDir: string | undefined, fn: (db: ReturnType<typeof openInstalled>['db'], keys: KeyStore) => Promise<T>): Promise<T> {
  const { db, close } = openInstalled(dataDir);
  try {
    return await fn(db, new KeyStore(path.resolve(dataDir ?? process.env.SME_LEDGER_DATA ?? '.')));
  } finally {
    close();
  }
}

function withDb<T>(dataDir: string | undefined, fn: (db: ReturnType<typeof openInstalled>['db'], keys: KeyStore) => T): T {
  const { db, close } = openInstalled(dataDir);
  try {
    return fn(db, new KeyStore(path.resolve(dataDir ?? process.env.SME_LEDGER_DATA ?? '.')));
  } finally {
    close();
  }
}

export async function runExport(argv: string[]): Promise<void> {
  const { values } = parse(argv, { data: { type: 'string' }, out: { type: 'string' }, full: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } });
  const out = required(values.out, '--out');
  withDb(values.data, (db, keys) => {
    const { bytes, header } = exportChanges(db, keys, { full: values.full, appVersion, output: fileOutput(out) });
    if (values.json) console.log(JSON.stringify({ file: out, sequence: header.sequence, range: header.range, counts: header.counts, bytes }));
    else console.log(`wrote ${out}: package ${header.sequence}, ${Object.values(header.counts).reduce((a, b) => a + b, 0)} records (versions ${header.range.fromVersion} → ${header.range.toVersion}), ${bytes} bytes`);
  });
}

/** Exit code 3 when any file was rejected, so batch scripts notice. */
export async function runImport(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { data: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, json: { type: 'boolean', default: false } }, true);
  if (positionals.length === 0) throw new UserError('bad_arguments', 'import needs at least one FILE', 'import 需要至少一个文件');
  const results = await withDbAsync(values.data, async (db, keys) => {
    if (!values['dry-run']) await backupNow(db, keys.dataDir, 'before-sync-import');
    // Read from disk frame by frame: a package of any size imports in a few megabytes of memory.
    return positionals.map((f) => withFile(f, (src) => importPackage(db, keys, src, path.basename(f), { apply: !values['dry-run'] })));
  });
  if (values.json) console.log(JSON.stringify(results));
  else {
    for (const r of results) {
      const n = Object.values(r.counts).reduce((a, c) => a + (c ? c.created + c.updated + c.deleted : 0), 0);
      console.log(`${r.fileName}: ${r.status}${r.office ? ` (${r.office}, package ${r.sequence})` : ''}${r.reason ? ` — ${r.reason}` : `, ${n} records changed`}${r.missing.length ? `; missing packages ${missingText(r.missing, ', ')}` : ''}`);
    }
  }
  return results.some((r) => r.status === 'rejected') ? 3 : 0;
}

export async function runPublish(argv: string[]): Promise<void> {
  const { values } = parse(argv, { data: { type: 'string' }, out: { type: 'string' } });
  const out = required(values.out, '--out');
  withDb(values.data, (db, keys) => {
    const { file, header } = publishReference(db, keys, appVersion);
    fs.writeFileSync(out, file);
    console.log(`wrote ${out}: reference package ${header.sequence}`);
  });
}

export async function runInspect(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean', default: false } }, true);
  const info = withFile(required(positionals[0], 'FILE'), inspect);
  if (values.json) console.log(JSON.stringify(info));
  else {
    const h = info.header;
    console.log(`${h.kind} package ${h.sequence} from ${h.origin.officeName} (${h.origin.prefectureCode ?? 'HQ'}, ${h.origin.installationId})`);
    console.log(`versions ${h.range.fromVersion + 1}–${h.range.toVersion}${h.full ? ' (full)' : ''}, made ${h.createdAt}, schema ${h.schemaVersion}`);
    console.log(`records: ${Object.entries(h.counts).map(([t, n]) => `${t} ${n}`).join(', ')}`);
    console.log(`sha256 ${info.fileSha256}`);
  }
}

export async function runKeys(argv: string[]): Promise<void> {
  const [action, ...rest] = argv;
  const { values, positionals } = parse(rest, { data: { type: 'string' }, out: { type: 'string' }, fingerprint: { type: 'string' }, yes: { type: 'boolean', default: false } }, true);
  if (action === 'card' || action === 'rotate') {
    const out = required(values.out, '--out');
    withDb(values.data, (db, keys) => {
      const text = action === 'card' ? makeCard(requireInstallation(db), keys.load()) : rotateKey(db, keys, newSigningPair());
      fs.writeFileSync(out, text);
      console.log(`wrote ${out}; fingerprint ${readCard(text).fingerprint}`);
    });
  } else if (action === 'enroll' || action === 'trust-hq') {
    const text = readFile(required(positionals[0], 'FILE')).toString('utf8');
    const card = readCard(text);
    if (!values.fingerprint && !values.yes) {
      throw new UserError('bad_arguments', `Confirm the fingerprint read out by phone: --fingerprint "${card.fingerprint}" (or --yes)`, `请电话核对指纹后加上 --fingerprint "${card.fingerprint}"（或 --yes）`);
    }
    withDb(values.data, (db) => {
      const wanted = requireInstallation(db).role === 'hq' ? 'enroll' : 'trust-hq';
      if (action !== wanted) throw new UserError('bad_arguments', `On this installation use keys ${wanted}`, `本机请使用 keys ${wanted}`);
      const t = trustCard(db, text, values.fingerprint ?? card.fingerprint);
      console.log(`trusted ${t.officeName} (${t.prefectureCode ?? 'HQ'}), fingerprint ${card.fingerprint}`);
    });
  } else if (action === 'revoke') {
    withDb(values.data, (db) => {
      const t = revoke(db, required(positionals[0], 'INSTALLATION_ID'));
      console.log(`revoked ${t.officeName}: packages after number ${t.revokedAfterSequence} are refused`);
    });
  } else {
    throw new UserError('bad_arguments', 'keys card|enroll|trust-hq|revoke|rotate', 'keys card|enroll|trust-hq|revoke|rotate');
  }
}
