import fs from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/host';

/** Every import specifier in every source file under a folder. */
function importsUnder(dir: string): { file: string; spec: string }[] {
  const out: { file: string; spec: string }[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|tsx|mts|cts|js|mjs)$/.test(e.name)) {
        const src = fs.readFileSync(p, 'utf8');
        for (const m of src.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm)) {
          out.push({ file: path.relative(repoRoot, p), spec: (m[1] ?? m[2] ?? m[3] ?? m[4])! });
        }
      }
    }
  };
  walk(path.join(repoRoot, dir));
  return out;
}

const nodeModules = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const resolvesInto = (file: string, spec: string, dir: string) =>
  spec.startsWith('.') && path.resolve(repoRoot, path.dirname(file), spec).startsWith(path.join(repoRoot, dir) + path.sep);

describe('module boundaries', () => {
  it('finds the imports it checks', () => {
    expect(importsUnder('renderer').length).toBeGreaterThan(10);
    expect(importsUnder('db').length).toBeGreaterThan(10);
  });

  it('keeps Node, Electron, the database and the services out of the renderer', () => {
    const bad = importsUnder('renderer').filter(
      ({ file, spec }) =>
        nodeModules.has(spec) || spec === 'electron' || spec === 'better-sqlite3' ||
        ['db', 'services', 'host', 'cli', 'electron'].some((d) => resolvesInto(file, spec, d)),
    );
    expect(bad).toEqual([]);
  });

  it('keeps Electron out of db, services, api, host and cli', () => {
    const bad = ['db', 'services', 'api', 'host', 'cli'].flatMap((d) => importsUnder(d)).filter(({ file, spec }) => spec === 'electron' || resolvesInto(file, spec, 'electron'));
    expect(bad).toEqual([]);
  });

  it('keeps the API contract free of Node and the database, so the renderer can share it', () => {
    const bad = importsUnder('api').filter(({ file, spec }) => nodeModules.has(spec) || spec === 'better-sqlite3' || resolvesInto(file, spec, 'db'));
    expect(bad).toEqual([]);
  });

  it('keeps data work out of the Electron shell: it reaches the database only through services', () => {
    const bad = importsUnder('electron').filter(({ file, spec }) => spec === 'better-sqlite3' || resolvesInto(file, spec, 'db'));
    expect(bad).toEqual([]);
  });
});
