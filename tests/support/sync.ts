import fs from 'node:fs';
import { createApi, type Api } from '../../api/contract';
import { AppContext } from '../../services/context';
import { dispatch } from '../../services/dispatch';
import { syncedTables } from '../../db/migrations';
import { tempDataDir } from './host';

/** A real installation in a temporary folder, driven through the same API as the app. */
export interface Place {
  ctx: AppContext;
  api: Api;
  id: string;
  close(): void;
}

export async function place(role: 'office' | 'hq', prefectureCode: string | null = null, name = role === 'hq' ? '自治区经信厅' : `${prefectureCode}经信局`): Promise<Place> {
  const ctx = new AppContext({ dataDir: tempDataDir(`sme-sync-${role}-`), transport: 'browser' });
  const api = createApi((m, i) => dispatch(ctx, m, i));
  const s = await api['app.setup']({ role, prefectureCode, officeName: name, operatorName: '测试', language: 'zh' });
  return {
    ctx,
    api,
    id: s.installation!.id,
    close: () => {
      ctx.close();
      fs.rmSync(ctx.dataDir, { recursive: true, force: true });
    },
  };
}

const text = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');

/** Enrols the office at HQ and makes the office trust HQ, confirming the real fingerprints. */
export async function pair(hq: Place, office: Place) {
  const hqCard = text((await hq.api['sync.keyCard']({})).base64);
  const fp = (await office.api['sync.readCard']({ text: hqCard })).fingerprint;
  await office.api['sync.trustCard']({ text: hqCard, fingerprint: fp });
  const card = text((await office.api['sync.keyCard']({})).base64);
  await hq.api['sync.trustCard']({ text: card, fingerprint: (await hq.api['sync.readCard']({ text: card })).fingerprint });
}

/** Every synced row of the database, for comparing two states. */
export function snapshot(p: Place, origin?: string): Record<string, unknown[]> {
  const db = p.ctx.requireDatabase();
  return Object.fromEntries(
    syncedTables.map((t) => [t, db.prepare(`SELECT * FROM ${t} ${origin ? 'WHERE origin = ?' : ''} ORDER BY id`).all(...(origin ? [origin] : []))]),
  );
}

/** Everything in the database, including ledgers and logs: "exactly as before" means this is equal. */
export function fullSnapshot(p: Place): string {
  const db = p.ctx.requireDatabase();
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  return JSON.stringify(tables.map((t) => [t, db.prepare(`SELECT * FROM ${t}`).all()]));
}

/** Places made in a test, closed (and their folders removed) after it. */
export function placesForTest(afterEach: (fn: () => void) => void) {
  const open: Place[] = [];
  afterEach(() => {
    for (const p of open.splice(0)) p.close();
  });
  return async (role: 'office' | 'hq', prefectureCode: string | null = null) => {
    const p = await place(role, prefectureCode);
    open.push(p);
    return p;
  };
}
