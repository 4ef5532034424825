import { afterEach, describe, expect, it } from 'vitest';
import { AppContext } from '../../services/context';
import { warmUpFigures } from '../../services/warm-up';
import { evaluate } from '../../db/indicators/engine';
import { generateDemo } from '../../db/demo';
import { today } from '../../db/clock';
import { tempDataDir } from '../support/host';
import { placesForTest } from '../support/sync';

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
