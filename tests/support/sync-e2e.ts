import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { forgePackage } from './forge';
import { KeyStore } from '../../db/sync/keystore';
import { settled } from './settled';

/** Helpers for browser tests that drive HQ and an office through their data folders and pages. */
export const chooseFile = (page: Page, testId: string, file: string) => page.getByTestId(testId).locator('input[type=file]').setInputFiles(file);

export async function download(page: Page, testId: string, file: string) {
  const d = page.waitForEvent('download');
  await page.getByTestId(testId).click();
  await (await d).saveAs(file);
}

/** The installation's id and version clock, read beside the running host (WAL allows it). */
export function installation(dir: string): { id: string; clock: number; officeName: string } {
  const db = new Database(path.join(dir, 'ledger.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT id, clock, office_name AS officeName FROM installation').get() as { id: string; clock: number; officeName: string };
  } finally {
    db.close();
  }
}

/**
 * A reference package signed by HQ's real key that acknowledges `ahead` versions more than the
 * office ever wrote (issue 11, observation 7), numbered `sequence` among HQ's reference packages:
 * written to `file`; returns the version acknowledged and the office's clock.
 */
export function forgeAckAhead(hqDir: string, officeDir: string, file: string, o: { ahead?: number; sequence?: number } = {}): { acked: number; clock: number } {
  const office = installation(officeDir);
  const hq = installation(hqDir);
  const acked = office.clock + (o.ahead ?? 5);
  fs.writeFileSync(file, forgePackage({
    header: {
      format: 2, kind: 'reference', app: 'sme-ledger', schemaVersion: 10,
      origin: { installationId: hq.id, role: 'hq', prefectureCode: null, officeName: hq.officeName },
      recipient: null, sequence: o.sequence ?? 1, range: { fromVersion: 0, toVersion: 0 }, full: true, createdAt: new Date().toISOString(),
      payload: { encoding: 'json-lines/gzip/frames' }, counts: { acks: 1, checklists: 0, targets: 0 },
    },
    content: [['acks', { [office.id]: acked }]],
    signingKey: new KeyStore(hqDir).load().signing.secretKey,
    encryptTo: null,
  }));
  return { acked, clock: office.clock };
}

/** For looking at 同步 (SHOTS_DIR=… npx playwright test …): full page at 1366×768 and 1920×1080. */
export async function shoot(page: Page, base: string) {
  for (const [width, height] of [[1366, 768], [1920, 1080]] as const) {
    await page.setViewportSize({ width, height });
    await settled(page);
    await page.screenshot({ path: `${base}-${width}.png`, fullPage: true });
  }
}
