import { describe, expect, it } from 'vitest';
import { crashTrials } from '../reliability/crash';

// The quick version of the crash suite (`npm run test:reliability` runs 50 trials per operation).
// About 36 CLI processes in all: under 50 s on an idle 2-core machine, over 600 s with both cores
// taken by other work twice over; the timeout only catches a hang.
describe('killed mid-operation', () => {
  it('leaves the database intact, before or after, and a rerun completes the operation', async () => {
    const results = await crashTrials(3, 7);
    for (const r of results) {
      expect(r.problems, r.operation).toEqual([]);
      expect(r.recovered, r.operation).toBe(r.trials);
    }
    expect(results.map((r) => r.operation)).toEqual(['save (demo records)', 'Excel import', 'export', 'sync import']);
  }, 1_500_000);
});
