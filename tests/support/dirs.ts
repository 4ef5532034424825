import fs from 'node:fs';
import { afterAll } from 'vitest';
import { tempDataDir } from './host';

/** A maker of fresh temporary folders, all removed after the file's tests (vitest only). */
export function tempDirs(prefix: string): () => string {
  const made: string[] = [];
  afterAll(() => {
    for (const d of made) fs.rmSync(d, { recursive: true, force: true });
  });
  return () => {
    const d = tempDataDir(prefix);
    made.push(d);
    return d;
  };
}
