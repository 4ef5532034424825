import { afterEach, describe, expect, it } from 'vitest';
import { dashboardRows, hasTargetHere } from '../../renderer/src/pages/dashboard/rows';
import { generateDemo } from '../../db/demo';
import { placesForTest } from '../support/sync';

const make = placesForTest(afterEach);

/** The dashboard's rows from a real office's figures (the engine's statuses, the bundled 2022 checklist). */
async function officeRows() {
  const office = await make('office', '540200');
  generateDemo(office.ctx.requireDatabase(), { enterprises: 30, activities: 60, visits: 10, seed: 7 });
  const checklist = (await office.api['reference.get']({})).checklist!;
  const progress = await office.api['progress.get']({ year: checklist.year, prefectureCode: null });
  return { checklist, progress, ...dashboardRows(checklist, progress) };
}

describe('the dashboard’s order', () => {
  it('puts every figure with a target here before any regional one, figure by figure, item 6 split between the two', async () => {
    const { progress, targeted } = await officeRows();
    expect(targeted).toHaveLength(progress.indicators.length);
    const here = targeted.map((r) => hasTargetHere(r.ind));
    const firstRegional = here.indexOf(false);
    expect(firstRegional).toBeGreaterThan(0);
    expect(here.slice(firstRegional)).not.toContain(true);
    // Item 6: its office-level figures lead; its five regional ones follow with the other regional figures.
    const six = targeted.filter((r) => r.item.no === 6);
    expect(six.filter((r) => hasTargetHere(r.ind)).length).toBeGreaterThan(0);
    expect(six.filter((r) => !hasTargetHere(r.ind)).length).toBeGreaterThanOrEqual(5);
    expect(targeted.findIndex((r) => r.item.no === 6 && !hasTargetHere(r.ind))).toBeGreaterThanOrEqual(firstRegional);
    // Within each group, checklist order.
    for (const group of [targeted.slice(0, firstRegional), targeted.slice(firstRegional)]) {
      const items = group.map((r) => r.item.no);
      expect(items).toEqual([...items].sort((a, b) => a - b));
    }
  });

  it('lets one item cell span exactly the consecutive figures of its item', async () => {
    const { targeted } = await officeRows();
    let covered = 0;
    for (const [i, r] of targeted.entries()) {
      if (r.span === 0) continue;
      expect(i).toBe(covered);
      for (const other of targeted.slice(i, i + r.span)) expect(other.item.no).toBe(r.item.no);
      expect(targeted[i + r.span]?.item.no).not.toBe(r.item.no);
      covered += r.span;
    }
    expect(covered).toBe(targeted.length);
  });
});
