/**
 * Seeded mutations of files, for the fuzz tests: the same seed gives the same cases, so a failure
 * can be replayed. Knows nothing about any file format: it only changes bytes.
 */

/** A small, fast, seeded PRNG (mulberry32). */
export function prng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    next,
    /** 0 ≤ int(n) < n */
    int,
    pick: <T>(list: readonly T[]): T => list[int(list.length)]!,
    bytes: (n: number) => Buffer.from(Array.from({ length: n }, () => int(256))),
  };
}
export type Rand = ReturnType<typeof prng>;

export const mutationKinds = ['bit-flip', 'byte-overwrite', 'insert', 'delete', 'truncate', 'duplicate-chunk', 'splice', 'zero-run', 'swap-chunks'] as const;
export type MutationKind = (typeof mutationKinds)[number];

/** A position, biased towards the start of the file, where headers and lengths live. */
function position(r: Rand, length: number): number {
  if (length === 0) return 0;
  return r.next() < 0.4 ? r.int(Math.min(length, 256)) : r.int(length);
}

/** One mutation of `input` (never modified); `other` is a second file for splices. */
export function mutate(r: Rand, input: Buffer, kind: MutationKind, other: Buffer): Buffer {
  const b = Buffer.from(input);
  const n = b.length;
  switch (kind) {
    case 'bit-flip': {
      const at = position(r, n);
      b[at] = b[at]! ^ (1 << r.int(8));
      return b;
    }
    case 'byte-overwrite': {
      const count = 1 + r.int(8);
      const at = position(r, n);
      for (let i = 0; i < count && at + i < n; i++) b[at + i] = r.int(256);
      return b;
    }
    case 'insert': {
      const at = position(r, n + 1);
      return Buffer.concat([b.subarray(0, at), r.bytes(1 + r.int(64)), b.subarray(at)]);
    }
    case 'delete': {
      const at = position(r, n);
      return Buffer.concat([b.subarray(0, at), b.subarray(Math.min(n, at + 1 + r.int(64)))]);
    }
    case 'truncate':
      return b.subarray(0, r.int(n));
    case 'duplicate-chunk': {
      const from = r.int(n);
      const chunk = b.subarray(from, Math.min(n, from + 1 + r.int(512)));
      const at = r.next() < 0.5 ? from + chunk.length : position(r, n + 1);
      return Buffer.concat([b.subarray(0, at), chunk, b.subarray(at)]);
    }
    case 'splice': {
      // The start of one file and the end of the other, at the same offset or anywhere.
      const cut = r.int(Math.min(n, other.length) + 1);
      const cut2 = r.next() < 0.5 ? cut : r.int(other.length + 1);
      return r.next() < 0.5 ? Buffer.concat([b.subarray(0, cut), other.subarray(cut2)]) : Buffer.concat([other.subarray(0, cut2), b.subarray(cut)]);
    }
    case 'zero-run': {
      const at = position(r, n);
      b.fill(r.next() < 0.5 ? 0 : 0xff, at, Math.min(n, at + 1 + r.int(32)));
      return b;
    }
    case 'swap-chunks': {
      const size = 1 + r.int(Math.max(1, Math.floor(n / 4)));
      const a = r.int(Math.max(1, n - size));
      const c = r.int(Math.max(1, n - size));
      const x = Buffer.from(b.subarray(a, a + size));
      b.copy(b, a, c, c + size);
      x.copy(b, c);
      return b;
    }
  }
}

/**
 * One to three random mutations; never returns the input's exact bytes (it tries again), so a
 * case that is accepted is a real failure.
 */
export function randomMutation(r: Rand, input: Buffer, other: Buffer): { bytes: Buffer; kinds: MutationKind[] } {
  for (;;) {
    const kinds = Array.from({ length: 1 + (r.next() < 0.3 ? 1 + r.int(2) : 0) }, () => r.pick(mutationKinds));
    let bytes = input;
    for (const k of kinds) bytes = mutate(r, bytes, k, other);
    if (!bytes.equals(input)) return { bytes, kinds };
  }
}

/** What one case cost: wall time, and growth of the heap and of the process's peak memory. */
export interface CaseCost {
  ms: number;
  heapMb: number;
  peakMb: number;
}

export async function measured<T>(fn: () => T | Promise<T>): Promise<{ value: T; cost: CaseCost }> {
  const heap0 = process.memoryUsage().heapUsed;
  const peak0 = process.resourceUsage().maxRSS;
  const t0 = performance.now();
  const value = await fn();
  const ms = performance.now() - t0;
  return {
    value,
    cost: { ms, heapMb: (process.memoryUsage().heapUsed - heap0) / 2 ** 20, peakMb: (process.resourceUsage().maxRSS - peak0) / 1024 },
  };
}

/** The worst of each cost over many cases. */
export class CostTracker {
  maxMs = 0;
  maxHeapMb = 0;
  maxPeakMb = 0;
  slowest = '';
  add(c: CaseCost, label = '') {
    if (c.ms > this.maxMs) this.slowest = label;
    this.maxMs = Math.max(this.maxMs, c.ms);
    this.maxHeapMb = Math.max(this.maxHeapMb, c.heapMb);
    this.maxPeakMb = Math.max(this.maxPeakMb, c.peakMb);
  }
  toString() {
    return `max ${Math.round(this.maxMs)} ms, heap +${Math.round(this.maxHeapMb)} MB, peak RSS +${Math.round(this.maxPeakMb)} MB per case`;
  }
}
