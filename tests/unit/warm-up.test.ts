import { afterEach, describe, expect, it } from 'vitest';
import { AppContext } from '../../services/context';
import { warmUpFigures } from '../../services/warm-up';
import { evaluate } from '../../db/indicators/engine';
import { generateDemo } from '../../db/demo';
import { today } from '../../db/clock';
import { tempDataDir } from '../support/host';
import { placesForTest } from '../support/sync';
import { listBackups } from '../../db/backup';

/** The host works out the figures the app opens on while the page loads; the dashboard then shares them. */
const make = placesForTest(afterEach);

describe('figures worked out at start', () => {
  it('at HQ the region’s and at an office its prefecture’s, which the dashboard’s request then gets from memory', async () => {
    for (const [role, code] of [['hq', null], ['office', '540300']] as const) {
      const p = await make(role, code);
      const db = p.ctx.requireDatabase();
      generateDemo(db, { enterprises: 20, activities: role === 'office' ? 30 : 0, visits: role === 'office' ? 20 : 0, seed: 3 });
      const warmed = await warmUpFigures(p.ctx);
      expect(warmed).toMatchObject({ prefectureCode: code, indicators: expect.any(Array) });
      const year = warmed!.year;
      // The same object: not computed a second time.
      expect(evaluate(db, { year, prefectureCode: code, asOf: today() })).toBe(warmed);
      const view = await p.api['progress.get']({ year, prefectureCode: code });
      expect(view.indicators).toBe(warmed!.indicators);
    }
  });

  it('does nothing, and throws nothing, where there is nothing to work out', async () => {
    const empty = new AppContext({ dataDir: tempDataDir('sme-warm-'), transport: 'browser' });
    expect(await warmUpFigures(empty)).toBeNull();
    empty.close();
    const p = await make('hq');
    // The host stopped while the figures are being worked out: the error stays inside.
    const running = warmUpFigures(p.ctx);
    p.ctx.close();
    expect(await running).toBeNull();
  });
});

describe('the daily backup at start', () => {
  const dailies = (dir: string) => listBackups(dir).filter((b) => b.reason === 'daily');

  it('waits for the work the transport puts first, then copies the database once a day', async () => {
    const p = await make('hq');
    const dir = p.ctx.dataDir;
    p.ctx.close();
    const ctx = new AppContext({ dataDir: dir, transport: 'browser', dailyBackups: true });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    // As host/serve.ts does with the figures: the database opens inside the first work.
    const first = ctx.putFirst(async () => {
      ctx.requireDatabase();
      await held;
    });
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect(dailies(dir)).toHaveLength(0);
    release();
    await first;
    await ctx.idle();
    expect(dailies(dir)).toHaveLength(1);
    ctx.close();
    // A second start the same day copies nothing.
    const again = new AppContext({ dataDir: dir, transport: 'browser', dailyBackups: true });
    again.requireDatabase();
    await again.idle();
    expect(dailies(dir)).toHaveLength(1);
    again.close();
  });

  it('still copies when the first work fails', async () => {
    const p = await make('hq');
    const dir = p.ctx.dataDir;
    p.ctx.close();
    const ctx = new AppContext({ dataDir: dir, transport: 'browser', dailyBackups: true });
    await expect(
      ctx.putFirst(async () => {
        ctx.requireDatabase();
        throw new Error('figures failed');
      }),
    ).rejects.toThrow('figures failed');
    await ctx.idle();
    expect(dailies(dir)).toHaveLength(1);
    ctx.close();
  });
});
