import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOUNDS, checkPackageCase, packageFuzz, packageWorld, type FuzzResult, type PackageWorld } from '../reliability/fuzz';
import { CostTracker } from '../support/mutate';

// Hostile sync packages: real packages made through the API, then mutated byte by byte. Every case
// must be refused with reasons in both languages, leave one "rejected" line in HQ's import ledger
// and nothing else changed, in bounded memory (time per case is judged by `npm run
// test:reliability`, which runs 5,000, not here on a machine that may be busy).

let world: PackageWorld;
beforeAll(async () => {
  world = await packageWorld();
}, 240_000);
afterAll(() => world?.close());

const result = (operation: string): FuzzResult => ({ operation, trials: 0, refused: 0, imported: 0, bad: 0, problems: [], cost: new CostTracker(), outcomes: {} });

function expectAllRefused(r: FuzzResult) {
  expect(r.problems).toEqual([]);
  expect(r.bad).toBe(0);
  expect(r.refused).toBe(r.trials);
  expect(r.cost.maxHeapMb).toBeLessThan(BOUNDS.heapMb);
}

describe('mutated sync packages', () => {
  it('a truncation at every region of the file is refused', async () => {
    const r = result('truncations');
    const base = world.pending[0]!;
    const cuts = new Set<number>([...Array.from({ length: 64 }, (_, i) => i), ...Array.from({ length: 64 }, (_, i) => Math.floor(((i + 1) / 65) * base.length)), base.length - 1]);
    for (const n of cuts) await checkPackageCase(world.hq, base.subarray(0, n), `cut at ${n}`, false, r);
    expectAllRefused(r);
  }, 240_000);

  it('splices of two packages (from one office, and from two) are refused at every offset', async () => {
    const r = result('splices');
    const [a, b] = world.pending as [Buffer, Buffer];
    const other = world.imported;
    for (let i = 1; i < 48; i++) {
      const at = Math.floor((i / 48) * Math.min(a.length, other.length));
      await checkPackageCase(world.hq, Buffer.concat([a.subarray(0, at), other.subarray(at)]), `same office at ${at}`, false, r);
      await checkPackageCase(world.hq, Buffer.concat([b.subarray(0, at), a.subarray(at)]), `two offices at ${at}`, false, r);
    }
    // One package after another in a single file.
    await checkPackageCase(world.hq, Buffer.concat([a, other]), 'two packages in one file', true, r);
    expectAllRefused(r);
  }, 240_000);

  it('300 random mutations (bit flips, overwrites, insertions, deletions, truncations, duplicated chunks, splices) are all refused', async () => {
    const results = await packageFuzz(300, 20_260_607, world);
    for (const r of results) {
      expectAllRefused(r);
      expect(r.trials).toBeGreaterThan(30);
    }
    // The cases reach past the parser: some are refused only by the signature check.
    const reasons = Object.keys(results[0]!.outcomes).join('\n');
    expect(reasons).toMatch(/signature/);
    expect(reasons).toMatch(/damaged|not an SME Ledger/);
    const total = results.reduce((a, r) => a + r.trials, 0);
    console.log(`package fuzz: ${total} cases, ${results.map((r) => `${r.operation}: ${r.cost}`).join('; ')}`);
  }, 360_000);
});
