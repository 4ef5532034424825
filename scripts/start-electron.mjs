// `npm start`: build, make sure the native module fits Electron, open the desktop window.
import { spawn, execFileSync } from 'node:child_process';
import path from 'node:path';
import { downloadElectron, electronBinary, MISSING_RUNTIME } from './electron-runtime.mjs';
import { prepareElectronNative } from './prepare-electron-native.mjs';

const root = path.resolve(import.meta.dirname, '..');
const binary = electronBinary() ?? downloadElectron();
if (!binary) {
  console.error(MISSING_RUNTIME);
  process.exit(1);
}
execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
const nativeBinding = await prepareElectronNative();
const child = spawn(binary, ['.', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, SME_LEDGER_NATIVE_BINDING: nativeBinding },
});
child.on('exit', (code) => process.exit(code ?? 0));
