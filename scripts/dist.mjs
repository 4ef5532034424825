// `npm run dist`: the installers, built from a staged copy of the app so that the project's own
// node_modules (built for Node, used by the tests, the CLI and the browser host) is never touched.
//
// 1. The app is staged in .stage/app: the built renderer and Electron bundles, a package.json
//    whose only dependency is the one module the bundles leave out (better-sqlite3), and that
//    module with its production dependencies copied (read only) from node_modules.
// 2. For each target architecture, the staged better-sqlite3 is rebuilt for Electron's ABI and
//    that architecture (@electron/rebuild: a prebuilt binary where one exists), then
//    electron-builder packages .stage/app (electron-builder.yml: directories.app, npmRebuild false).
//
// node scripts/dist.mjs [--stage-only] [--linux] [--win] [--arch x64,arm64]
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const root = path.resolve(import.meta.dirname, '..');
export const STAGE = path.join(root, '.stage', 'app');
const require = createRequire(import.meta.url);

/** The production dependency closure of a package, as installed in node_modules. */
function closure(name, from = root, seen = new Map()) {
  const dir = path.dirname(require.resolve(`${name}/package.json`, { paths: [from] }));
  if (seen.has(name)) return seen;
  seen.set(name, dir);
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  for (const dep of Object.keys(pkg.dependencies ?? {})) closure(dep, dir, seen);
  return seen;
}

/** Stages the app in .stage/app; reads the project, writes only there. Returns the staged directory. */
export function stageApp() {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  for (const built of ['dist/renderer/index.html', 'dist-electron/main.cjs', 'dist-electron/worker.cjs', 'dist-electron/preload.cjs']) {
    if (!fs.existsSync(path.join(root, built))) throw new Error(`${built} is missing: run npm run build first`);
  }
  fs.rmSync(STAGE, { recursive: true, force: true });
  fs.mkdirSync(STAGE, { recursive: true });
  const noMaps = (p) => !p.endsWith('.map');
  fs.cpSync(path.join(root, 'dist', 'renderer'), path.join(STAGE, 'dist', 'renderer'), { recursive: true, filter: noMaps });
  fs.cpSync(path.join(root, 'dist-electron'), path.join(STAGE, 'dist-electron'), { recursive: true, filter: noMaps });
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
    dependencies: { 'better-sqlite3': pkg.dependencies['better-sqlite3'] },
  };
  fs.writeFileSync(path.join(STAGE, 'package.json'), `${JSON.stringify(staged, null, 2)}\n`);
  for (const [name, dir] of closure('better-sqlite3')) {
    // The Node build of the native module stays behind; the stage gets its own Electron build.
    const nodeBuild = path.join(dir, 'build');
    fs.cpSync(dir, path.join(STAGE, 'node_modules', name), {
      recursive: true,
      filter: (p) => name !== 'better-sqlite3' || (p !== nodeBuild && !p.startsWith(nodeBuild + path.sep)),
    });
  }
  return STAGE;
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
