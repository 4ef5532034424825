// `npm run dist`: the installers, built from a staged copy of the app so that the project's own
// node_modules (built for Node, used by the tests, the CLI and the browser host) is never touched.
//
// 1. The app is staged in .stage/app: the built renderer and Electron bundles, a package.json
//    whose only dependency is the one module the bundles leave out (better-sqlite3), and that
//    module's production closure installed by npm itself (`npm ci --omit=dev --ignore-scripts`)
//    from a lockfile cut from the project's (scripts/stage-lock.mjs): the same versions, nested
//    copies kept nested, integrity checked, no install script run (the stage has no native build).
// 2. For each target architecture, the staged better-sqlite3 is built for Electron's ABI and
//    that architecture (@electron/rebuild: a prebuilt binary where one exists), then
//    electron-builder packages .stage/app (electron-builder.yml: directories.app, npmRebuild false).
//
// node scripts/dist.mjs [--stage-only] [--linux] [--win] [--arch x64,arm64]
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { stageLockfile } from './stage-lock.mjs';

const root = path.resolve(import.meta.dirname, '..');
export const STAGE = path.join(root, '.stage', 'app');
/** What the bundles leave out (scripts/build-electron.mjs marks it external): a native module. */
const UNBUNDLED = ['better-sqlite3'];

/**
 * The environment for npm in the stage. Under `npm run`, npm's own variables describe the project
 * (its prefix, what to omit or include); the stage's install takes them from its command line only,
 * so that no setting can point `npm ci`, which empties node_modules first, at the project.
 */
function stageNpmEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_(package_|lifecycle_|command$)/i.test(key) || /^npm_config_(local_prefix|prefix|global_prefix|global|workspaces?|include_workspace_root|dry_run|omit|include|production|ignore_scripts)$/i.test(key)) delete env[key];
  }
  return env;
}

/** Installs the staged package.json's dependencies into `stage` with npm, from the staged lockfile. */
function installStaged(stage) {
  const args = ['ci', '--prefix', stage, '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];
  const npm = process.env.npm_execpath && /npm-cli\.c?js$/.test(process.env.npm_execpath) ? [process.execPath, [process.env.npm_execpath, ...args]] : ['npm', args];
  const r = spawnSync(npm[0], npm[1], { cwd: stage, env: stageNpmEnv(), encoding: 'utf8', shell: process.platform === 'win32' && npm[0] === 'npm' });
  if (r.status !== 0) throw new Error(`npm ci in ${stage} failed (exit ${r.status ?? r.signal}):\n${r.stderr || r.stdout}`);
}

function readName(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')).name;
  } catch {
    return undefined;
  }
}

/**
 * Stages the app in `stage` (.stage/app unless told); reads the project, writes only there.
 * Returns the staged directory.
 */
export function stageApp(stage = STAGE) {
  stage = path.resolve(stage);
  // The stage is emptied first: never a folder that holds the project, nor one that is not a stage.
  const up = path.relative(stage, root);
  if (!up.startsWith('..') && !path.isAbsolute(up)) throw new Error(`refusing to stage into ${stage}: it holds the project`);
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  if (fs.existsSync(stage) && fs.readdirSync(stage).length && readName(path.join(stage, 'package.json')) !== pkg.name) {
    throw new Error(`refusing to stage into ${stage}: it is not empty and not a stage of ${pkg.name}`);
  }
  for (const built of ['dist/renderer/index.html', 'dist-electron/main.cjs', 'dist-electron/worker.cjs', 'dist-electron/preload.cjs']) {
    if (!fs.existsSync(path.join(root, built))) throw new Error(`${built} is missing: run npm run build first`);
  }
  fs.rmSync(stage, { recursive: true, force: true });
  fs.mkdirSync(stage, { recursive: true });
  const noMaps = (p) => !p.endsWith('.map');
  fs.cpSync(path.join(root, 'dist', 'renderer'), path.join(stage, 'dist', 'renderer'), { recursive: true, filter: noMaps });
  fs.cpSync(path.join(root, 'dist-electron'), path.join(stage, 'dist-electron'), { recursive: true, filter: noMaps });
  const staged = {
    name: pkg.name,
    productName: pkg.productName,
    version: pkg.version,
    description: pkg.description,
    // fpm (deb) requires a project address.
    homepage: pkg.homepage ?? 'https://jxt.xizang.gov.cn/',
    license: pkg.license,
    private: true,
    main: pkg.main,
    // Everything else is bundled into dist-electron by esbuild (scripts/build-electron.mjs).
    dependencies: Object.fromEntries(UNBUNDLED.map((name) => [name, pkg.dependencies[name]])),
  };
  fs.writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(staged, null, 2)}\n`);
  const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
  fs.writeFileSync(path.join(stage, 'package-lock.json'), `${JSON.stringify(stageLockfile(lock, staged), null, 2)}\n`);
  installStaged(stage);
  return stage;
}

function run(command, args) {
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

async function main(argv) {
  run('npm', ['run', 'build']);
  stageApp();
  console.log(`staged the app in ${path.relative(root, STAGE)}`);
  if (argv.includes('--stage-only')) return;
  const { electronBinary, electronVersion } = await import('./electron-runtime.mjs');
  if (!electronBinary()) console.log('note: the Electron runtime is not installed here; electron-builder downloads its own copy.');
  const archArg = argv.find((a, i) => argv[i - 1] === '--arch');
  const platforms = argv.includes('--win') ? ['win'] : argv.includes('--linux') ? ['linux'] : [process.platform === 'win32' ? 'win' : 'linux'];
  const { rebuild } = await import('@electron/rebuild');
  for (const platform of platforms) {
    const arches = archArg ? archArg.split(',') : platform === 'win' ? ['x64'] : ['x64', 'arm64'];
    for (const arch of arches) {
      console.log(`better-sqlite3 for Electron ${electronVersion()} ${platform} ${arch} (in ${path.relative(root, STAGE)})`);
      await rebuild({ buildPath: STAGE, electronVersion: electronVersion(), arch, force: true, onlyModules: ['better-sqlite3'] });
      run('npx', ['electron-builder', '--config', 'electron-builder.yml', `--${platform}`, `--${arch}`]);
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main(process.argv.slice(2));
