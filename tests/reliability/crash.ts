import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { makeUscc } from '../../db/validation/uscc';

/**
 * Kills the CLI with SIGKILL at random moments during an operation and checks what is left:
 * the database passes integrity_check, holds exactly the state before or after the operation
 * (never half of it), and running the operation again completes it.
 */
const root = path.resolve(import.meta.dirname, '..', '..');
const cliArgs = ['--import', 'tsx', path.join(root, 'cli', 'main.ts')];

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [...cliArgs, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, SME_LEDGER_DATA: '' } });
  if (r.status !== 0 && r.status !== 3) throw new Error(`cli ${args.join(' ')} failed: ${r.stderr}`);
  return r;
}

/** What distinguishes "before" from "after": live and total rows per table, and the ledgers. */
function state(dir: string): string {
  const db = new Database(path.join(dir, 'ledger.sqlite'), { readonly: true });
  try {
    const tables = ['enterprises', 'activities', 'activity_enterprises', 'visits', 'problems', 'problem_notes', 'sync_exports'];
    const counts = tables.map((t) => `${t}:${(db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n}`);
    const imported = (db.prepare("SELECT count(*) AS n FROM sync_imports WHERE status = 'imported'").get() as { n: number }).n;
    // The Excel import replaces the search triggers for its duration: they must be back.
    const schema = createHash('sha256').update(JSON.stringify(db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY type, name').all())).digest('hex').slice(0, 12);
    return [...counts, `imported:${imported}`, `schema:${schema}`].join(' ');
  } finally {
    db.close();
  }
}

function integrity(dir: string): string {
  const db = new Database(path.join(dir, 'ledger.sqlite'));
  try {
    return String(db.pragma('integrity_check', { simple: true }));
  } finally {
    db.close();
  }
}

interface Operation {
  name: string;
  /** A data folder ready for the operation. */
  template: string;
  args(dir: string): string[];
}

export interface TrialResult {
  operation: string;
  trials: number;
  recovered: number;
  lost: number;
  killedMidway: number;
  problems: string[];
}

async function setup(work: string): Promise<Operation[]> {
  const office = path.join(work, 'office');
  const hq = path.join(work, 'hq');
  cli(['init', '--data', office, '--role', 'office', '--prefecture', '540100', '--name', '拉萨市经信局', '--operator', '测试']);
  cli(['init', '--data', hq, '--role', 'hq', '--name', '总部', '--operator', '测试']);
  cli(['demo', '--data', office, '--enterprises', '300', '--activities', '300', '--visits', '200', '--seed', '1']);
  cli(['keys', 'card', '--data', hq, '--out', path.join(work, 'hq.smekey')]);
  cli(['keys', 'card', '--data', office, '--out', path.join(work, 'office.smekey')]);
  cli(['keys', 'trust-hq', path.join(work, 'hq.smekey'), '--data', office, '--yes']);
  cli(['keys', 'enroll', path.join(work, 'office.smekey'), '--data', hq, '--yes']);
  cli(['export', '--data', office, '--out', path.join(work, 'p.smesync')]);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名录');
  ws.addRow(['统一社会信用代码', '企业名称', '县（区）']);
  for (let i = 0; i < 400; i++) ws.addRow([makeUscc('91', '540102', `MA7X${String(i).padStart(4, '0')}`), `导入测试企业${i}`, '城关区']);
  await wb.xlsx.writeFile(path.join(work, 'e.xlsx'));
  return [
    { name: 'save (demo records)', template: office, args: (d) => ['demo', '--data', d, '--enterprises', '150', '--activities', '100', '--visits', '60', '--seed', '9'] },
    { name: 'Excel import', template: office, args: (d) => ['enterprises', 'import', path.join(work, 'e.xlsx'), '--data', d] },
    { name: 'export', template: office, args: (d) => ['export', '--data', d, '--out', path.join(d, 'out.smesync')] },
    { name: 'sync import', template: hq, args: (d) => ['import', path.join(work, 'p.smesync'), '--data', d] },
  ];
}

function copy(from: string, to: string) {
  fs.cpSync(from, to, { recursive: true });
  fs.rmSync(path.join(to, 'ledger.lock'), { force: true });
}

function killAfter(args: string[], ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...cliArgs, ...args], { cwd: root, stdio: 'ignore' });
    let killed = false;
    child.on('exit', (_code, signal) => resolve(killed && signal === 'SIGKILL'));
    setTimeout(() => {
      if (child.exitCode === null && child.signalCode === null) {
        killed = true;
        child.kill('SIGKILL');
      }
    }, ms);
  });
}

export async function crashTrials(trialsPerOperation: number, seed = 1): Promise<TrialResult[]> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sme-crash-'));
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  try {
    const ops = await setup(work);
    const results: TrialResult[] = [];
    for (const op of ops) {
      // The state after a clean run, on a copy.
      const clean = path.join(work, `clean-${results.length}`);
      copy(op.template, clean);
      const before = state(clean);
      const t0 = Date.now();
      cli(op.args(clean));
      const duration = Date.now() - t0;
      const after = state(clean);
      const r: TrialResult = { operation: op.name, trials: 0, recovered: 0, lost: 0, killedMidway: 0, problems: [] };
      for (let i = 0; i < trialsPerOperation; i++) {
        const dir = path.join(work, `trial-${results.length}-${i}`);
        copy(op.template, dir);
        const killed = await killAfter(op.args(dir), Math.floor(rand() * duration * 1.1));
        r.trials++;
        if (killed) r.killedMidway++;
        const check = integrity(dir);
        const now = state(dir);
        if (check !== 'ok' || (now !== before && now !== after)) {
          r.lost++;
          r.problems.push(`trial ${i}: integrity ${check}; state ${now}`);
          continue;
        }
        if (now === before) cli(op.args(dir));
        if (state(dir) === after && integrity(dir) === 'ok') r.recovered++;
        else {
          r.lost++;
          r.problems.push(`trial ${i}: rerun left ${state(dir)}`);
        }
        fs.rmSync(dir, { recursive: true, force: true });
      }
      results.push(r);
    }
    return results;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
