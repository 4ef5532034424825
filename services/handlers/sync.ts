import type { z } from 'zod';
import { syncContract, type CardPreview, type SyncStatus } from '../../api/sync-contract';
import type { AppContext } from '../context';
import { requireInstallation } from '../../db/installation';
import { getSetting } from '../../db/settings';
import { fingerprint, newSigningPair } from '../../db/sync/crypto';
import { exportChangesToBuffer, exportHistory, importLedger, importPackage, officeStates, pendingChanges, publishReference, securityEvents, type ImportOutcome } from '../../db/sync/exchange';
import { listTrusted, makeCard, readCard, revoke, rotateKey, trustCard, type CardInfo } from '../../db/sync/trust';
import { appVersion } from '../context';

type S = typeof syncContract;
type SyncHandlers = { [M in keyof S]: (ctx: AppContext, input: z.output<S[M]['input']>) => S[M]['output'] | Promise<S[M]['output']> };

const preview = (c: CardInfo): CardPreview => ({
  installationId: c.card.installationId,
  role: c.card.role,
  prefectureCode: c.card.prefectureCode,
  officeName: c.card.officeName,
  fingerprint: c.fingerprint,
  rotation: c.card.rotation !== null,
});

const slug = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '_');

/** Imports several files; each is judged on its own, in sequence order per office. */
function importFiles(ctx: AppContext, files: { name: string; base64: string }[], apply: boolean): ImportOutcome[] {
  const db = ctx.requireDatabase();
  return files.map((f, i) => {
    ctx.progress({ operation: 'sync.import', done: i, total: files.length });
    return importPackage(db, ctx.keys, Buffer.from(f.base64, 'base64'), f.name, { apply });
  });
}

export const syncHandlers: SyncHandlers = {
  'sync.status': (ctx): SyncStatus => {
    const db = ctx.requireDatabase();
    const me = requireInstallation(db);
    const hq = listTrusted(db).find((t) => t.role === 'hq');
    const acked = Number(getSetting(db, 'sync.ackedVersion') ?? 0);
    const pending = me.role === 'office' ? pendingChanges(db, me.id) : 0;
    return {
      role: me.role,
      fingerprint: fingerprint(ctx.keys.load().signing.publicKey),
      hq: hq ? { installationId: hq.installationId, officeName: hq.officeName, fingerprint: hq.keys.at(-1)!.fingerprint } : null,
      acknowledgedVersion: acked,
      pendingChanges: pending,
      exports: exportHistory(db).map(({ fileSha256: _f, ...e }) => e),
      offices: officeStates(db),
      ledger: importLedger(db).map(({ counts: _c, fileSha256: _f, installationId: _i, code: _code, ...e }) => e),
      securityEvents: securityEvents(db).map((e) => ({ id: e.id, receivedAt: e.receivedAt, office: e.office, sequence: e.sequence, code: e.code, reason: e.reason, reasonZh: e.reasonZh })),
    };
  },
  'sync.keyCard': (ctx) => {
    const db = ctx.requireDatabase();
    const me = requireInstallation(db);
    const text = makeCard(me, ctx.keys.load());
    return { name: `${slug(me.officeName)}-密钥卡.smekey`, base64: Buffer.from(text).toString('base64') };
  },
  'sync.readCard': (_ctx, { text }) => preview(readCard(text)),
  'sync.trustCard': (ctx, { text, fingerprint: fp }) => {
    trustCard(ctx.requireDatabase(), text, fp);
    return preview(readCard(text));
  },
  'sync.revoke': (ctx, { installationId }) => {
    revoke(ctx.requireDatabase(), installationId);
    return { ok: true as const };
  },
  'sync.rotate': (ctx) => {
    const db = ctx.requireDatabase();
    const me = requireInstallation(db);
    const text = rotateKey(db, ctx.keys, newSigningPair());
    return { name: `${slug(me.officeName)}-新密钥卡.smekey`, base64: Buffer.from(text).toString('base64') };
  },
  'sync.export': (ctx, { full }) => {
    const db = ctx.requireDatabase();
    const me = requireInstallation(db);
    const { file, header } = exportChangesToBuffer(db, ctx.keys, { full, appVersion });
    return { name: `${slug(me.officeName)}-${String(header.sequence).padStart(4, '0')}.smesync`, base64: file.toString('base64'), sequence: header.sequence, counts: header.counts };
  },
  // A file refused at preview is an attempt all the same (a revoked key, a reused number): it gets
  // its ledger line and security event now, not only if someone later confirms a batch with it.
  // Applying a refused file writes nothing but that line, so no backup is needed.
  'sync.preview': (ctx, { files }) =>
    importFiles(ctx, files, false).map((r, i) => (r.status === 'rejected' ? importFiles(ctx, [files[i]!], true)[0]! : r)),
  'sync.import': async (ctx, { files }) => {
    await ctx.backup('before-sync-import');
    return importFiles(ctx, files, true);
  },
  'sync.publish': (ctx) => {
    const { file, header } = publishReference(ctx.requireDatabase(), ctx.keys, appVersion);
    return { name: `总部参考包-${String(header.sequence).padStart(4, '0')}.smesync`, base64: file.toString('base64') };
  },
};
