import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { activityInput } from '../../api/entities';
import { saveActivity } from '../../db/activities';
import { generateDemo } from '../../db/demo';
import { evaluate, evaluateInTurns } from '../../db/indicators/engine';
import { progressMatrix, progressMatrixInTurns } from '../../db/indicators/matrix';
import { AppContext } from '../../services/context';
import { dispatch } from '../../services/dispatch';
import { memoryDb } from '../support/db';
import { tempDataDir } from '../support/host';

// HQ's dashboard is computed in turns, giving way to other requests between indicators; these
// tests hold that it gives the same figures as computing in one go, and that the cache stays true.

const contexts: AppContext[] = [];
afterEach(() => {
  for (const c of contexts.splice(0)) {
    c.close();
    fs.rmSync(c.dataDir, { recursive: true, force: true });
  }
});

describe('indicators computed in turns', () => {
  it('give exactly the figures computed in one go, for the region, a prefecture and the matrix', async () => {
    const a = memoryDb({});
    const b = memoryDb({});
    for (const db of [a, b]) generateDemo(db, { enterprises: 60, activities: 80, visits: 50, seed: 5 });
    for (const prefectureCode of [null, '540100']) {
      const input = { year: 2022, prefectureCode, asOf: '2022-10-01' };
      expect(await evaluateInTurns(a, input)).toEqual(evaluate(b, input));
    }
    expect(await progressMatrixInTurns(a, 2022, '2022-10-01')).toEqual(progressMatrix(b, 2022, '2022-10-01'));
  });

  it('share one computation between callers who ask while it runs', async () => {
    const db = memoryDb({});
    generateDemo(db, { enterprises: 20, activities: 20, visits: 10, seed: 6 });
    const input = { year: 2022, asOf: '2022-12-31' };
    const [x, y] = await Promise.all([evaluateInTurns(db, input), evaluateInTurns(db, input)]);
    expect(x).toBe(y);
    expect(evaluate(db, input)).toBe(x);
  });

  it('never keep a result the data changed under: the next caller computes afresh', async () => {
    const db = memoryDb({});
    const input = { year: 2022, asOf: '2022-12-31' };
    const trainees = (p: { indicators: { id: string; value: number | null }[] }) => p.indicators.find((i) => i.id === '11.public_trainees')!.value;
    const running = evaluateInTurns(db, input);
    // Saved between two of its indicators (11.public_trainees comes later in the checklist).
    saveActivity(db, activityInput.parse({ title: '培训', countyCode: null, itemNo: 11, kind: 'public_training', date: '2022-03-01', metrics: { participants: 30 } }));
    await running;
    const fresh = await evaluateInTurns(db, input);
    expect(fresh).not.toBe(await running);
    expect(trainees(fresh)).toBe(30);
    expect(evaluate(db, input)).toBe(fresh);
  });

  it('let the dispatcher answer a list asked for while HQ’s matrix is being computed, before the matrix', async () => {
    const ctx = new AppContext({ dataDir: tempDataDir('sme-turns-'), transport: 'browser' });
    contexts.push(ctx);
    const setup = await dispatch(ctx, 'app.setup', { role: 'hq', prefectureCode: null, officeName: '自治区经信厅', operatorName: '扎西', language: 'zh' });
    expect(setup.ok).toBe(true);
    const order: string[] = [];
    const matrix = dispatch(ctx, 'progress.matrix', {}).then((r) => {
      order.push('matrix');
      return r;
    });
    // The list arrives a turn of the event loop later, as a request over the network does.
    await new Promise((resolve) => setImmediate(resolve));
    const list = dispatch(ctx, 'enterprises.list', { offset: 0, limit: 50 }).then((r) => {
      order.push('list');
      return r;
    });
    const [m, l] = await Promise.all([matrix, list]);
    expect(m.ok && l.ok).toBe(true);
    expect(order).toEqual(['list', 'matrix']);
  });
});
