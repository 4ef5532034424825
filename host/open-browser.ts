import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Opens the address in the user's browser, as notebook servers do, without putting the token on
 * a command line (which every local user can read in the process list): the browser is given a
 * file readable by this user only that forwards to the address. Returns a clean-up function, or
 * null where no browser can be opened (no display, not a terminal session).
 */
export function openInBrowser(url: string): (() => void) | null {
  const opener = process.platform === 'darwin' ? ['open'] : process.platform === 'win32' ? ['cmd', '/c', 'start', '""'] : ['xdg-open'];
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sme-ledger-open-'));
  const file = path.join(dir, 'open.html');
  const escaped = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  fs.writeFileSync(file, `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${escaped}"><title>SME Ledger</title><a href="${escaped}">中小企业办实事台账 SME Ledger</a>`, { mode: 0o600 });
  const cleanUp = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    const child = spawn(opener[0]!, [...opener.slice(1), file], { stdio: 'ignore', detached: true, shell: false });
    child.on('error', () => {});
    child.unref();
  } catch {
    cleanUp();
    return null;
  }
  return cleanUp;
}
