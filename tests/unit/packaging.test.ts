import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import yaml from 'js-yaml';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/host';

const require = createRequire(import.meta.url);

// Installers cannot be built here (no Electron download), so the configuration is checked against
// electron-builder's own schema, with its own validator.
describe('electron-builder.yml', () => {
  const config = yaml.load(fs.readFileSync(path.join(repoRoot, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;

  it("passes electron-builder's configuration schema", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(c: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, notAnOption: 1 }, new DebugLogger(false))).rejects.toThrow(/notAnOption/);
  });

  it('builds a Windows installer and Linux packages for x64 and arm64', () => {
    const win = config.win as { target: { target: string; arch: string[] }[] };
    const linux = config.linux as { target: { target: string; arch: string[] }[] };
    expect(win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(linux.target.map((t) => [t.target, t.arch])).toEqual([['deb', ['x64', 'arm64']], ['AppImage', ['x64', 'arm64']]]);
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/**');
  });

  it("packages the staged app, never rebuilding the project's node_modules", () => {
    expect(config.npmRebuild).toBe(false);
    expect((config.directories as { app: string }).app).toBe('.stage/app');
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.dist).toBe('node scripts/dist.mjs');
  });

  it("the deb depends on electron-builder's defaults plus what the app needs", () => {
    const FpmTarget = (require('app-builder-lib/out/targets/FpmTarget') as { default: { prototype: { getDefaultDepends(t: string): string[] } } }).default;
    const defaults = FpmTarget.prototype.getDefaultDepends.call({}, 'deb');
    expect(defaults).toContain('libsecret-1-0');
    const depends = (config.deb as { depends: string[] }).depends;
    for (const d of defaults) expect(depends, d).toContain(d);
    expect(depends).toEqual(expect.arrayContaining(['libgbm1', 'libasound2 | libasound2t64']));
  });

  it('sets the Electron fuses of the packaged build', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('stages the app outside node_modules and leaves the Node build of better-sqlite3 untouched', () => {
    const nodeBuild = path.join(repoRoot, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
    const digest = () => createHash('sha256').update(fs.readFileSync(nodeBuild)).digest('hex');
    const before = { digest: digest(), mtime: fs.statSync(nodeBuild).mtimeMs };
    // The built bundles the stage copies; then the staging step alone (no Electron download here).
      const out = execFileSync(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(path.join(repoRoot, 'scripts', 'dist.mjs'))}); console.log(m.stageApp());`], { cwd: repoRoot, encoding: 'utf8' });
    const stage = out.trim();
    try {
      expect(stage).toBe(path.join(repoRoot, '.stage', 'app'));
      const staged = JSON.parse(fs.readFileSync(path.join(stage, 'package.json'), 'utf8')) as { main: string; dependencies: Record<string, string>; homepage: string };
      expect(staged.dependencies).toEqual({ 'better-sqlite3': expect.any(String) });
      expect(staged.homepage).toMatch(/^https:/);
      expect(fs.existsSync(path.join(stage, staged.main))).toBe(true);
      expect(fs.existsSync(path.join(stage, 'dist', 'renderer', 'index.html'))).toBe(true);
      expect(fs.existsSync(path.join(stage, 'node_modules', 'better-sqlite3', 'lib', 'index.js'))).toBe(true);
      expect(fs.existsSync(path.join(stage, 'node_modules', 'bindings', 'package.json'))).toBe(true);
      // The stage gets no Node build to be mistaken for Electron's; the project's is as it was.
      expect(fs.existsSync(path.join(stage, 'node_modules', 'better-sqlite3', 'build'))).toBe(false);
      expect({ digest: digest(), mtime: fs.statSync(nodeBuild).mtimeMs }).toEqual(before);
    } finally {
      fs.rmSync(path.join(repoRoot, '.stage'), { recursive: true, force: true });
    }
  });

  it('packages the built files the main entry needs', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { main: string };
    expect((config.extraMetadata as { main: string }).main).toBe(pkg.main);
    expect(config.files).toEqual(expect.arrayContaining(['dist/renderer/**', 'dist-electron/**']));
  });
});
