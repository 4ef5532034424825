import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { productionClosure, stageLockfile, type LockEntry, type Lockfile } from '../../scripts/stage-lock.mjs';
import { repoRoot, tempDataDir } from '../support/host';

const require = createRequire(import.meta.url);
const semver = require('semver') as { satisfies(version: string, range: string): boolean };

// A project whose production module `a` needs b 1.x while the project's tools need b 2.x: npm
// nests b 1.2.0 under a and hoists b 2.0.0. Copying a closure by name flattened both into one b.
const duplicated: Lockfile = {
  lockfileVersion: 3,
  packages: {
    '': { name: 'p', version: '1.0.0', dependencies: { a: '1.0.0', ui: '1.0.0' }, devDependencies: { tool: '1.0.0' } },
    'node_modules/a': { version: '1.0.0', dependencies: { b: '^1.0.0', c: '^1.0.0' }, optionalDependencies: { 'not-for-linux': '1.0.0' }, peerDependencies: { host: '*', extra: '*' }, peerDependenciesMeta: { extra: { optional: true } } },
    'node_modules/a/node_modules/b': { version: '1.2.0', resolved: 'https://registry.npmjs.org/b/-/b-1.2.0.tgz', integrity: 'sha512-b1', dependencies: { d: '^1.0.0' } },
    'node_modules/b': { version: '2.0.0', dev: true, dependencies: { d: '^1.0.0' } },
    'node_modules/c': { version: '1.0.0' },
    'node_modules/d': { version: '1.0.0' },
    'node_modules/host': { version: '3.0.0', peer: true },
    'node_modules/extra': { version: '1.0.0', dev: true },
    'node_modules/tool': { version: '1.0.0', dev: true, dependencies: { b: '^2.0.0' } },
    'node_modules/ui': { version: '1.0.0' },
  },
};

describe('the staged lockfile', () => {
  it('keeps a nested second version nested, and leaves out the development copy of the same name', () => {
    expect(productionClosure(duplicated.packages, ['a'])).toEqual([
      'node_modules/a',
      'node_modules/a/node_modules/b',
      'node_modules/c',
      'node_modules/d',
      'node_modules/host',
    ]);
  });

  it('is the root lockfile cut to the closure: same keys, versions, addresses and integrity; production flags only', () => {
    const staged = stageLockfile(duplicated, { name: 'p', version: '1.0.0', dependencies: { a: '1.0.0' } });
    expect(staged.packages['']).toEqual({ name: 'p', version: '1.0.0', license: undefined, dependencies: { a: '1.0.0' } });
    expect(staged.packages['node_modules/a/node_modules/b']).toEqual(duplicated.packages['node_modules/a/node_modules/b']);
    expect(staged.packages['node_modules/host']).toEqual({ version: '3.0.0' });
    expect(Object.keys(staged.packages)).not.toContain('node_modules/b');
    expect(Object.keys(staged.packages)).not.toContain('node_modules/ui');
  });

  it('refuses a lockfile that lacks a required package, or predates lockfileVersion 2', () => {
    const { ['node_modules/c']: _c, ...withoutC } = duplicated.packages;
    expect(() => productionClosure(withoutC, ['a'])).toThrow(/package-lock.json has no c for node_modules\/a: run npm install/);
    expect(() => stageLockfile({ lockfileVersion: 1 } as unknown as Lockfile, { name: 'p', version: '1.0.0', dependencies: {} })).toThrow(/lockfileVersion 2/);
  });
});

/** Every package installed under `dir`: its path (as a lockfile key) and its package.json. */
function installed(dir: string, base = ''): Map<string, { version: string; dependencies?: Record<string, string> }> {
  const found = new Map<string, { version: string; dependencies?: Record<string, string> }>();
  const modules = path.join(dir, 'node_modules');
  if (!fs.existsSync(modules)) return found;
  const names = fs.readdirSync(modules).flatMap((n) => (n.startsWith('@') ? fs.readdirSync(path.join(modules, n)).map((m) => `${n}/${m}`) : n.startsWith('.') ? [] : [n]));
  for (const name of names) {
    const key = `${base ? `${base}/` : ''}node_modules/${name}`;
    found.set(key, JSON.parse(fs.readFileSync(path.join(modules, name, 'package.json'), 'utf8')) as { version: string });
    for (const [k, v] of installed(path.join(modules, name), key)) found.set(k, v);
  }
  return found;
}

describe('npm run dist: the staged app', () => {
  const stage = path.join(tempDataDir('sme-ledger-stage-'), 'app');
  afterAll(() => fs.rmSync(path.dirname(stage), { recursive: true, force: true }));
  const nodeBuild = path.join(repoRoot, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  const digest = () => createHash('sha256').update(fs.readFileSync(nodeBuild)).digest('hex');

  it("installs the lockfile's production closure of better-sqlite3 with npm, every version right, and leaves node_modules alone", () => {
    const before = { digest: digest(), mtime: fs.statSync(nodeBuild).mtimeMs, entries: fs.readdirSync(path.join(repoRoot, 'node_modules')).length };
    const script = `const m = await import(${JSON.stringify(path.join(repoRoot, 'scripts', 'dist.mjs'))}); console.log(m.stageApp(${JSON.stringify(stage)}));`;
    // As under `npm test`: npm's own variables name the project, which the stage must not take for its prefix.
    const env = { ...process.env, npm_config_local_prefix: repoRoot, npm_config_prefix: repoRoot };
    expect(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8', env }).trim()).toBe(stage);

    const staged = JSON.parse(fs.readFileSync(path.join(stage, 'package.json'), 'utf8')) as { main: string; dependencies: Record<string, string>; homepage: string };
    expect(staged.dependencies).toEqual({ 'better-sqlite3': expect.any(String) });
    expect(staged.homepage).toMatch(/^https:/);
    expect(fs.existsSync(path.join(stage, staged.main))).toBe(true);
    expect(fs.existsSync(path.join(stage, 'dist', 'renderer', 'index.html'))).toBe(true);

    // What npm put there is exactly the staged lockfile, whose entries are the project's own.
    const lock = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')) as Lockfile;
    const stagedLock = JSON.parse(fs.readFileSync(path.join(stage, 'package-lock.json'), 'utf8')) as Lockfile;
    const tree = installed(stage);
    const { ['']: _root, ...entries } = stagedLock.packages;
    expect(Object.fromEntries([...tree].map(([k, p]) => [k, p.version]))).toEqual(Object.fromEntries(Object.entries(entries).map(([k, e]) => [k, e.version])));
    for (const [key, entry] of Object.entries(entries)) {
      const own = lock.packages[key] as LockEntry;
      expect({ key, version: entry.version, integrity: entry.integrity, dev: own.dev }).toEqual({ key, version: own.version, integrity: own.integrity, dev: undefined });
    }
    expect(tree.get('node_modules/better-sqlite3')?.version).toBe(lock.packages['node_modules/better-sqlite3']?.version);

    // And it is the closure as Node resolves it at run time: from better-sqlite3, every dependency
    // found by Node's lookup, in a version its range accepts; nothing installed that is not reached.
    const reached = new Set<string>();
    const visit = (dir: string, dependencies: Record<string, string>) => {
      for (const [name, range] of Object.entries(dependencies)) {
        // Node's lookup: the nearest node_modules upward (by hand: for `buffer` Node would name its built-in).
        const lookup: string[] = [];
        for (let d = dir; d.startsWith(stage); d = path.dirname(d)) if (path.basename(d) !== 'node_modules') lookup.push(path.join(d, 'node_modules'));
        const home = lookup.map((p) => path.join(p, name)).find((p) => fs.existsSync(path.join(p, 'package.json')));
        expect(home, `${name} from ${dir}`).toBeDefined();
        const key = path.relative(stage, home!).split(path.sep).join('/');
        const pkg = tree.get(key)!;
        expect(semver.satisfies(pkg.version, range), `${key}@${pkg.version} for ${range}`).toBe(true);
        if (reached.has(key)) continue;
        reached.add(key);
        visit(home!, pkg.dependencies ?? {});
      }
    };
    visit(stage, staged.dependencies);
    expect([...reached].sort()).toEqual([...tree.keys()].sort());

    // No install script ran: the stage has no Node build to be mistaken for Electron's, and the
    // project's own build is as it was.
    expect(fs.existsSync(path.join(stage, 'node_modules', 'better-sqlite3', 'build'))).toBe(false);
    expect({ digest: digest(), mtime: fs.statSync(nodeBuild).mtimeMs, entries: fs.readdirSync(path.join(repoRoot, 'node_modules')).length }).toEqual(before);
  });

  it('refuses to stage (and so to empty) the project, a folder above it, or a folder that is not a stage', () => {
    const other = tempDataDir('sme-ledger-not-a-stage-');
    fs.writeFileSync(path.join(other, 'keep.txt'), 'mine');
    try {
      for (const [dir, why] of [[repoRoot, /holds the project/], [path.dirname(repoRoot), /holds the project/], [path.parse(repoRoot).root, /holds the project/], [other, /not empty and not a stage/]] as const) {
        const script = `const m = await import(${JSON.stringify(path.join(repoRoot, 'scripts', 'dist.mjs'))}); m.stageApp(${JSON.stringify(dir)});`;
        expect(() => execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8', stdio: 'pipe' }), dir).toThrow(why);
      }
      expect(fs.readFileSync(path.join(other, 'keep.txt'), 'utf8')).toBe('mine');
      expect(fs.existsSync(path.join(repoRoot, 'package.json'))).toBe(true);
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });
});
