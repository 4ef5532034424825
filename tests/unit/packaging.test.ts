import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import yaml from 'js-yaml';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { yamlProblems } from '../../scripts/eslint-yaml.mjs';
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

  it('is linted by npm run lint: YAML syntax, duplicate keys, and the same schema', async () => {
    const file = path.join(repoRoot, 'electron-builder.yml');
    const text = fs.readFileSync(file, 'utf8');
    expect(yamlProblems(text, file)).toEqual([]);
    expect(yamlProblems(`${text}notAnOption: 1\n`, file)).toEqual([expect.objectContaining({ ruleId: 'electron-builder/schema', message: expect.stringMatching(/unknown property 'notAnOption'/) })]);
    expect(yamlProblems(`${text}npmRebuild: true\n`, file)).toEqual([expect.objectContaining({ ruleId: 'yaml/parse', message: 'duplicated mapping key' })]);
    expect(yamlProblems('win:\n  target: [nsis\n', file)[0]).toMatchObject({ ruleId: 'yaml/parse', line: expect.any(Number) });
    // Through ESLint itself, with the project's configuration: the file is matched and checked.
    const eslint = new ESLint({ cwd: repoRoot });
    expect(await eslint.isPathIgnored(file)).toBe(false);
    const [result] = await eslint.lintText(`${text}notAnOption: 1\n`, { filePath: file });
    expect(result!.messages.map((m) => m.ruleId)).toEqual(['electron-builder/schema']);
    expect(result!.messages[0]!.message).toMatch(/notAnOption/);
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

  it('packages the built files the main entry needs', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { main: string };
    expect((config.extraMetadata as { main: string }).main).toBe(pkg.main);
    expect(config.files).toEqual(expect.arrayContaining(['dist/renderer/**', 'dist-electron/**']));
  });
});
