import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { crc32, deflateRawSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { registerCollation } from '../../db/collate';
import type { Database as Db } from 'better-sqlite3';
import * as XLSX from 'xlsx';
import { UserError } from '../../db/errors';
import { generateDemo } from '../../db/demo';
import { importPackage } from '../../db/sync/exchange';
import { exportFile, runImport, template, type ImportReport } from '../../db/excel/transfer';
import type { ExcelKind } from '../../db/excel/types';
import { readWork } from '../../db/excel/read';
import { MAX_UNZIPPED_BYTES } from '../../db/excel/zip-check';
import { memoryDb } from '../support/db';
import { fullSnapshot, pair, place, type Place } from '../support/sync';
import { CostTracker, measured, prng, randomMutation, type CaseCost, type Rand } from '../support/mutate';

/**
 * Hostile-input fuzzing of the two readers of files from outside: sync packages (signed,
 * encrypted) and Excel workbooks. Valid files are made through the public functions only, then
 * mutated byte by byte (or, for workbooks, inside the archive), and every case must end in a
 * clear refusal, or a correct import, with the database untouched by a refusal or a preview, in
 * bounded time and memory. Used by `npm run test:reliability` (thousands of cases) and by the
 * unit tests (a few hundred).
 */

/** Set to see each case that takes longer than a second as it happens (SME_FUZZ_VERBOSE=1). */
export const watch: { slow: ((label: string, cost: CaseCost) => void) | null; start: ((label: string, bytes: Buffer) => void) | null } = { slow: null, start: null };

/**
 * A case that never returns (a parser looping forever) cannot be timed out from the same thread:
 * a watchdog thread watches which case is running and, when one runs longer than `seconds`, prints
 * it and ends the process with exit code 1.
 */
export function startWatchdog(seconds: number): () => void {
  const shared = new SharedArrayBuffer(8 + 1024);
  const stamp = new Float64Array(shared, 0, 1);
  const text = new Uint8Array(shared, 8);
  const previous = watch.start;
  // The bytes of the running case, kept on disk so that a hang can be replayed.
  const current = path.join(os.tmpdir(), `sme-fuzz-current-${process.pid}.bin`);
  watch.start = (label, bytes) => {
    fs.writeFileSync(current, bytes);
    const encoded = Buffer.from(label).subarray(0, 1020);
    text.fill(0);
    text.set(encoded);
    stamp[0] = Date.now();
    previous?.(label, bytes);
  };
  const code = `
    const { workerData } = require('node:worker_threads');
    const stamp = new Float64Array(workerData.shared, 0, 1);
    const text = new Uint8Array(workerData.shared, 8);
    let fired = false;
    setInterval(() => {
      if (!fired && stamp[0] && Date.now() - stamp[0] > workerData.seconds * 1000) {
        fired = true;
        const label = Buffer.from(text).toString('utf8').replace(/\0+$/, '');
        const saved = workerData.current.replace('-current-', '-hang-');
        require('node:fs').copyFileSync(workerData.current, saved);
        process._rawDebug('HANG: no answer after ' + workerData.seconds + ' s in ' + label + ' (accepted-bad: the reader never returns); its bytes: ' + saved);
        process.kill(process.pid, 'SIGTERM');
        setTimeout(() => process.kill(process.pid, 'SIGKILL'), 2000);
      }
    }, 1000);`;
  const worker = new Worker(code, { eval: true, workerData: { shared, seconds, current } });
  worker.unref();
  return () => {
    watch.start = previous;
    fs.rmSync(current, { force: true });
    void worker.terminate();
  };
}

/**
 * Per case, generous: a refusal should take milliseconds. Time is checked only where
 * `timed` is set (`npm run test:reliability`): `npm test` must pass with every core busy, so
 * there a case is bounded by its work and memory, measured against the file's own size.
 */
export const BOUNDS = { ms: 2_000, heapMb: 200, peakMb: 512, timed: false };

/** A workbook's cost in work: cells read for the bytes it unpacks to, merged cells filled. */
export function excelWorkOverBounds(): string | null {
  const w = readWork;
  const unpacked = w.inflatedBytes + w.fileBytes;
  // A cell with a value takes at least 15 bytes of XML (<c><v>1</v></c>), or 2 of CSV.
  if (w.cells > unpacked / 2 + 16) return `read ${w.cells} cells from a file of ${unpacked} bytes (unpacked)`;
  if (w.inflatedBytes > MAX_UNZIPPED_BYTES) return `unpacked ${w.inflatedBytes} bytes`;
  return null;
}

/** Heap growth allowed for the workbook just read: a base for the importer, plus a multiple of what the file unpacks to. */
export function excelHeapBoundMb(): number {
  return Math.min(BOUNDS.heapMb, 96 + (16 * (readWork.inflatedBytes + readWork.fileBytes)) / 2 ** 20);
}

export interface FuzzResult {
  operation: string;
  trials: number;
  /** Clear refusals: an error code and a message in English and in Chinese. */
  refused: number;
  /** Mutations that left a readable file, imported exactly as previewed. */
  imported: number;
  /** Anything else: a crash, an unclear message, a write on refusal, a bound exceeded. */
  bad: number;
  problems: string[];
  cost: CostTracker;
  /** How many cases ended with each reason (refusal code or reason text), to see what was reached. */
  outcomes: Record<string, number>;
}

const hasChinese = (s: string | null | undefined) => !!s && /[\u4e00-\u9fff]/.test(s);
const clearEnglish = (s: string | null | undefined) => !!s && s.length >= 10 && /[a-z]{3}/i.test(s) && !/\bat\s+\S+\s+\(|TypeError|RangeError|undefined|NaN|\[object/.test(s);

function polluted(): boolean {
  const o = {} as Record<string, unknown>;
  return 'polluted' in o || Object.keys(Object.prototype).length > 0;
}

function overBounds(c: CaseCost, heapMb = BOUNDS.heapMb): string | null {
  if (BOUNDS.timed && c.ms > BOUNDS.ms) return `took ${Math.round(c.ms)} ms`;
  if (c.heapMb > heapMb) return `heap grew ${Math.round(c.heapMb)} MB (bound ${Math.round(heapMb)} MB)`;
  if (c.peakMb > BOUNDS.peakMb) return `peak memory grew ${Math.round(c.peakMb)} MB`;
  return null;
}

function newResult(operation: string): FuzzResult {
  return { operation, trials: 0, refused: 0, imported: 0, bad: 0, problems: [], cost: new CostTracker(), outcomes: {} };
}

function fail(r: FuzzResult, what: string) {
  r.bad++;
  if (r.problems.length < 20) r.problems.push(what);
}

// Sync packages ---------------------------------------------------------------------------------

export interface PackageWorld {
  hq: Place;
  office: Place;
  other: Place;
  /** Changes packages HQ has not imported (would be accepted as they are). */
  pending: Buffer[];
  /** A changes package HQ has already imported. */
  imported: Buffer;
  /** A reference package from HQ, not yet imported by the office. */
  reference: Buffer;
  close(): void;
}

const bytesOf = (f: { base64: string }) => Buffer.from(f.base64, 'base64');

/** Two offices and HQ, paired, with real data, and packages made through the API. */
export async function packageWorld(seed = 4): Promise<PackageWorld> {
  const hq = await place('hq');
  const office = await place('office', '540100');
  const other = await place('office', '540200');
  await pair(hq, office);
  await pair(hq, other);
  generateDemo(office.ctx.requireDatabase(), { enterprises: 10, activities: 8, visits: 8, seed });
  const first = await office.api['sync.export']({ full: false });
  const r = await hq.api['sync.import']({ files: [{ name: first.name, base64: first.base64 }] });
  if (r[0]!.status !== 'imported') throw new Error(`setup: the first package was not imported: ${r[0]!.reason}`);
  generateDemo(office.ctx.requireDatabase(), { enterprises: 3, activities: 3, visits: 3, seed: seed + 1 });
  const second = bytesOf(await office.api['sync.export']({ full: false }));
  generateDemo(other.ctx.requireDatabase(), { enterprises: 4, activities: 2, visits: 2, seed: seed + 2 });
  const foreign = bytesOf(await other.api['sync.export']({ full: false }));
  const reference = bytesOf(await hq.api['sync.publish']({}));
  return {
    hq,
    office,
    other,
    pending: [second, foreign],
    imported: bytesOf(first),
    reference,
    close: () => [hq, office, other].forEach((p) => p.close()),
  };
}

function ledgerTop(p: Place): number {
  return (p.ctx.requireDatabase().prepare('SELECT coalesce(max(id), 0) AS n FROM sync_imports').get() as { n: number }).n;
}

/**
 * Imports `bytes` at `target` and checks the outcome: refused with reasons in both languages, one
 * rejected line in the import ledger, and nothing else changed (compared with a full snapshot).
 */
export async function checkPackageCase(target: Place, bytes: Buffer, label: string, viaApi: boolean, r: FuzzResult): Promise<void> {
  r.trials++;
  watch.start?.(label, bytes);
  const before = fullSnapshot(target);
  const top = ledgerTop(target);
  const db = target.ctx.requireDatabase();
  let outcome;
  let cost: CaseCost;
  try {
    ({ value: outcome, cost } = await measured(async () => {
      if (!viaApi) return importPackage(db, target.ctx.keys, bytes, 'fuzz.smesync', { apply: true });
      return (await target.api['sync.import']({ files: [{ name: 'fuzz.smesync', base64: bytes.toString('base64') }] }))[0]!;
    }));
  } catch (e) {
    return fail(r, `${label}: threw ${(e as Error).name}: ${(e as Error).message}`);
  }
  r.cost.add(cost, label);
  const lines = db.prepare('SELECT status, reason FROM sync_imports WHERE id > ?').all(top) as { status: string; reason: string | null }[];
  db.prepare('DELETE FROM sync_imports WHERE id > ?').run(top);
  const after = fullSnapshot(target);
  const problems: string[] = [];
  if (outcome.status !== 'rejected') problems.push(`accepted as ${outcome.status}`);
  if (!clearEnglish(outcome.reason)) problems.push(`unclear reason ${JSON.stringify(outcome.reason)}`);
  if (!hasChinese(outcome.reasonZh)) problems.push(`no Chinese reason ${JSON.stringify(outcome.reasonZh)}`);
  if (lines.length !== 1 || lines[0]!.status !== 'rejected') problems.push(`ledger lines ${JSON.stringify(lines)}`);
  if (after !== before) problems.push('the database changed');
  const bound = overBounds(cost);
  if (bound) problems.push(bound);
  if (polluted()) problems.push('Object.prototype polluted');
  const key = (outcome.reason ?? outcome.status).replace(/“[^”]*”|"[^"]*"|\d+/g, '…').slice(0, 70);
  r.outcomes[key] = (r.outcomes[key] ?? 0) + 1;
  if (problems.length) fail(r, `${label}: ${problems.join('; ')} (${outcome.reason})`);
  else r.refused++;
}

/**
 * `cases` random mutations of real packages: changes packages imported at HQ and (one case in
 * five) the reference package imported at the office. One case in ten goes through the API.
 */
export async function packageFuzz(cases: number, seed = 1, world?: PackageWorld): Promise<FuzzResult[]> {
  const w = world ?? (await packageWorld());
  const atHq = newResult('package fuzz: changes → HQ');
  const atOffice = newResult('package fuzz: reference → office');
  const rand = prng(seed);
  const all = [...w.pending, w.imported, w.reference];
  try {
    for (let i = 0; i < cases; i++) {
      const toOffice = rand.next() < 0.2;
      const base = toOffice ? w.reference : rand.pick([...w.pending, w.imported]);
      // A splice can rebuild another real package byte for byte, which HQ rightly accepts: such
      // a case is not a mutation, and is drawn again.
      let m = randomMutation(rand, base, rand.pick(all));
      while (all.some((p) => p.equals(m.bytes))) m = randomMutation(rand, base, rand.pick(all));
      const { bytes, kinds } = m;
      await checkPackageCase(toOffice ? w.office : w.hq, bytes, `seed ${seed} case ${i} (${kinds.join('+')})`, i % 10 === 0, toOffice ? atOffice : atHq);
    }
    // Controls: the harness accepts real packages, so the refusals above are the mutations' doing.
    const ok = importPackage(w.hq.ctx.requireDatabase(), w.hq.ctx.keys, w.pending[0]!, 'control.smesync', { apply: true });
    if (ok.status !== 'imported') fail(atHq, `control: an unmutated package was ${ok.status}: ${ok.reason}`);
    const ref = importPackage(w.office.ctx.requireDatabase(), w.office.ctx.keys, w.reference, 'control.smesync', { apply: true });
    if (ref.status !== 'imported') fail(atOffice, `control: the unmutated reference package was ${ref.status}: ${ref.reason}`);
  } finally {
    if (!world) w.close();
  }
  return [atHq, atOffice];
}

// Excel workbooks -------------------------------------------------------------------------------

export const excelKinds: ExcelKind[] = ['enterprises', 'activities', 'visits', 'problems'];

/** Everything in the database, as one hash: "unchanged" means this is equal. */
export function digest(db: Db): string {
  const h = createHash('sha256');
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  for (const { name } of tables) {
    h.update(name);
    for (const row of db.prepare(`SELECT * FROM "${name}"`).raw().iterate()) h.update(JSON.stringify(row));
  }
  return h.digest('hex');
}

/** Row counts and the change log, as the brief asks to compare. */
export function counts(db: Db): string {
  const tables = ['enterprises', 'activities', 'activity_enterprises', 'visits', 'problems', 'problem_notes', 'change_log'];
  return tables.map((t) => `${t}:${(db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n}`).join(' ');
}

export interface ExcelWorld {
  db: Db;
  /** Per kind: an export with data, the template, and the export re-saved as .xls and .csv. */
  files: Record<ExcelKind, { name: string; bytes: Buffer }[]>;
}

/** An office with demo data, and its own exports and templates as the valid starting files. */
export async function excelWorld(seed = 11): Promise<ExcelWorld> {
  const db = memoryDb({});
  generateDemo(db, { enterprises: 30, activities: 25, visits: 25, seed });
  const files = {} as ExcelWorld['files'];
  for (const kind of excelKinds) {
    const exported = bytesOf(await exportFile(db, kind, {}));
    const wb = XLSX.read(exported, { type: 'buffer' });
    files[kind] = [
      { name: `${kind}.xlsx`, bytes: exported },
      { name: `${kind}-template.xlsx`, bytes: bytesOf(await template(db, kind)) },
      { name: `${kind}.csv`, bytes: Buffer.from(XLSX.utils.sheet_to_csv(wb.Sheets[wb.SheetNames[0]!]!)) },
    ];
  }
  return { db, files };
}

type Attempt = { report: ImportReport } | { refusal: UserError } | { crash: Error };

function attempt(db: Db, kind: ExcelKind, bytes: Buffer, name: string, apply: boolean): Attempt {
  try {
    return { report: runImport(db, kind, bytes, name, apply) };
  } catch (e) {
    if (e instanceof UserError) return { refusal: e };
    return { crash: e as Error };
  }
}

function describeAttempt(a: Attempt): string {
  if ('report' in a) return JSON.stringify({ ...a.report, applied: undefined });
  if ('refusal' in a) return `refused ${a.refusal.code}`;
  return `crashed ${a.crash.name}`;
}

/** A copy of the database, to apply an import to without touching the original. */
function copyOf(db: Db): Db {
  const copy = new Database(db.serialize());
  copy.pragma('foreign_keys = ON');
  // The schema's triggers call it (enterprise names' pinyin keys); every connection registers it.
  registerCollation(copy);
  return copy;
}

/**
 * Previews `bytes` as an import of `kind` and checks the outcome: a clear refusal or a
 * consistent report, the database unchanged either way; with `apply`, also imports it into a
 * copy of the database, which must do exactly what the preview said and leave a sound database.
 */
export function checkExcelCase(w: ExcelWorld, kind: ExcelKind, bytes: Buffer, name: string, label: string, apply: boolean, r: FuzzResult): Promise<void> {
  return checkExcelCaseWith(w.db, kind, bytes, name, label, apply, r);
}

export async function checkExcelCaseWith(db: Db, kind: ExcelKind, bytes: Buffer, name: string, label: string, apply: boolean, r: FuzzResult): Promise<void> {
  r.trials++;
  watch.start?.(label, bytes);
  const before = digest(db);
  const { value: preview, cost } = await measured(() => attempt(db, kind, bytes, name, false));
  r.cost.add(cost, label);
  if (cost.ms > 1000) watch.slow?.(label, cost);
  const problems: string[] = [];
  if (digest(db) !== before) problems.push('the preview changed the database');
  if ('crash' in preview) problems.push(`crashed: ${preview.crash.name}: ${preview.crash.message}`);
  if ('refusal' in preview) {
    if (!clearEnglish(preview.refusal.message)) problems.push(`unclear message ${JSON.stringify(preview.refusal.message)}`);
    if (!hasChinese(preview.refusal.messageZh)) problems.push(`no Chinese message ${JSON.stringify(preview.refusal.messageZh)}`);
  }
  if ('report' in preview) {
    const p = preview.report;
    if (p.created + p.updated + p.unchanged + p.rejected.length !== p.rows) problems.push(`counts do not add up: ${describeAttempt(preview)}`);
    for (const row of p.rejected) {
      if (!row.reasons.length || row.reasons.some((x) => !hasChinese(x.messageZh) || !x.message)) problems.push(`row ${row.rowNumber} rejected without a clear reason`);
    }
  }
  const bound = overBounds(cost, excelHeapBoundMb()) ?? excelWorkOverBounds();
  if (bound) problems.push(bound);
  if (apply && !('crash' in preview)) {
    const copy = copyOf(db);
    try {
      const copyBefore = digest(copy);
      const done = attempt(copy, kind, bytes, name, true);
      if (describeAttempt(done) !== describeAttempt(preview)) problems.push(`import differs from its preview: ${describeAttempt(done)} vs ${describeAttempt(preview)}`);
      if (!('report' in done) && digest(copy) !== copyBefore) problems.push('a refused import changed the database');
      if ('report' in done && !done.report.applied) problems.push('import not applied');
      const integrity = copy.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok') problems.push(`integrity ${String(integrity)}`);
      if ((copy.pragma('foreign_key_check') as unknown[]).length) problems.push('foreign keys broken');
    } finally {
      copy.close();
    }
  }
  if (polluted()) problems.push('Object.prototype polluted');
  const key = 'refusal' in preview ? preview.refusal.code : 'report' in preview ? (preview.report.rejected.length ? 'report with rejected rows' : 'report') : 'crash';
  r.outcomes[key] = (r.outcomes[key] ?? 0) + 1;
  if (problems.length) fail(r, `${label}: ${problems.join('; ')}`);
  else if ('refusal' in preview) r.refused++;
  else r.imported++;
}

// Workbook surgery: inside the archive, without any knowledge of our own format.

/** SheetJS's bundled CFB/ZIP library (typed as `any` by SheetJS): the parts we use. */
interface Container {
  FullPaths: string[];
  FileIndex: { type: number; content: Uint8Array | number[] }[];
}
interface Archive {
  cfb: Container;
  paths: string[];
}

function unzip(bytes: Buffer): Archive {
  const cfb = XLSX.CFB.read(bytes, { type: 'buffer' }) as Container;
  const paths = cfb.FullPaths.filter((_p, i) => cfb.FileIndex[i]!.type === 2);
  return { cfb, paths };
}

function entry(a: Archive, path: string): Buffer {
  const i = a.cfb.FullPaths.indexOf(path);
  return Buffer.from(a.cfb.FileIndex[i]!.content as Uint8Array);
}

function setEntry(a: Archive, path: string, content: Buffer) {
  const i = a.cfb.FullPaths.indexOf(path);
  (a.cfb.FileIndex[i] as { content: unknown }).content = content;
}

function rezip(a: Archive): Buffer {
  return Buffer.from(XLSX.CFB.write(a.cfb, { type: 'buffer', fileType: 'zip' }) as Uint8Array);
}

const sheetPath = (a: Archive) => a.paths.find((p) => /worksheets\/sheet1\.xml$/.test(p))!;

/** An .xlsx whose first sheet's XML is changed by `edit`. */
/** Declares a sheet's extent, adding the element where the writer left it out (streamed sheets). */
export function withDimension(xml: string, ref: string): string {
  const declared = /<dimension ref="[^"]*"\/>/;
  if (declared.test(xml)) return xml.replace(declared, `<dimension ref="${ref}"/>`);
  return xml.replace(/<sheetViews|<sheetFormatPr|<cols|<sheetData/, (m) => `<dimension ref="${ref}"/>${m}`);
}

export function withSheetXml(xlsx: Buffer, edit: (xml: string) => string): Buffer {
  const a = unzip(xlsx);
  const p = sheetPath(a);
  setEntry(a, p, Buffer.from(edit(entry(a, p).toString('utf8'))));
  return rezip(a);
}

export const payloads = [
  '=HYPERLINK("http://evil.example/","点击")',
  '=cmd|\' /C calc\'!A0',
  '+SUM(1,2)',
  '-2+3',
  '@SUM(A1:A2)',
  '<img src=x onerror=alert(1)>',
  '<script>alert(document.cookie)</script>',
  '"><svg onload=alert(1)>',
  '{{constructor.constructor("alert(1)")()}}',
  '__proto__',
  '\u202Egnp.exe',
  '\u0000\u0001\u0002',
];

const hostileRefs = ['XFD1048576', 'A1048576', 'A0', 'ZZZZ99999999', 'A-1', '', 'B2:A1', 'AAAAAAAAAA1'];

/** One random change inside the archive: of an XML part, its structure, or the list of parts. */
function archiveMutation(rand: Rand, xlsx: Buffer, other: Buffer): { bytes: Buffer; what: string } {
  const a = unzip(xlsx);
  const choice = rand.int(10);
  const path = rand.next() < 0.6 ? sheetPath(a) : rand.pick(a.paths);
  const xml = entry(a, path).toString('utf8');
  let what: string;
  let next: string | Buffer;
  switch (choice) {
    case 0: {
      const m = randomMutation(rand, entry(a, path), entry(a, rand.pick(a.paths)));
      next = m.bytes;
      what = `${m.kinds.join('+')} in ${path}`;
      break;
    }
    case 1: {
      // Remove a random element.
      const tags = [...xml.matchAll(/<(row|c|v|si|sheet|Override|Relationship|dimension|sheetData)\b[^>]*?(\/>|>[\s\S]*?<\/\1>)/g)];
      const t = tags.length ? rand.pick(tags) : null;
      next = t ? xml.slice(0, t.index) + xml.slice(t.index! + t[0].length) : xml;
      what = `removed <${t?.[1]}> in ${path}`;
      break;
    }
    case 2: {
      const refs = [...xml.matchAll(/\b(r|ref)="[^"]*"/g)];
      const t = refs.length ? rand.pick(refs) : null;
      next = t ? `${xml.slice(0, t.index)}${t[1]}="${rand.pick(hostileRefs)}"${xml.slice(t.index! + t[0].length)}` : xml;
      what = `hostile reference in ${path}`;
      break;
    }
    case 3: {
      const vals = [...xml.matchAll(/<v>[^<]*<\/v>/g)];
      const t = vals.length ? rand.pick(vals) : null;
      const v = rand.pick(['999999999', '-1', '1e308', 'NaN', '', '<![CDATA[x]]>', 'x'.repeat(40_000), '&amp;&lt;&#0;&#xFFFF;']);
      next = t ? `${xml.slice(0, t.index)}<v>${v}</v>${xml.slice(t.index! + t[0].length)}` : xml;
      what = `hostile value in ${path}`;
      break;
    }
    case 4: {
      const types = [...xml.matchAll(/\bt="[a-z]+"/g)];
      const t = types.length ? rand.pick(types) : null;
      next = t ? `${xml.slice(0, t.index)}t="${rand.pick(['s', 'e', 'b', 'd', 'n', 'str', 'inlineStr', 'z', 'q'])}"${xml.slice(t.index! + t[0].length)}` : xml;
      what = `cell type changed in ${path}`;
      break;
    }
    case 5: {
      // An inline string payload in a random cell of a data row.
      const cells = [...xml.matchAll(/<c r="([A-Z]+)([3-9]|\d\d+)"[^>]*?(\/>|>[\s\S]*?<\/c>)/g)];
      const t = cells.length ? rand.pick(cells) : null;
      const text = rand.pick(payloads).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
      next = t ? `${xml.slice(0, t.index)}<c r="${t[1]}${t[2]}" t="inlineStr"><is><t>${text}</t></is></c>${xml.slice(t.index! + t[0].length)}` : xml;
      what = `payload cell in ${path}`;
      break;
    }
    case 6: {
      // Entity expansion ("billion laughs") before the root element.
      const laughs = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">]>';
      next = xml.replace(/\?>/, `?>${laughs}`).replace(/<v>[^<]*<\/v>/, '<v>&f;</v>').replace(/<t>[^<]*<\/t>/, '<t>&f;</t>');
      what = `entity expansion in ${path}`;
      break;
    }
    case 7: {
      const rows = [...xml.matchAll(/<row\b[\s\S]*?<\/row>/g)];
      const t = rows.length ? rand.pick(rows) : null;
      const times = 1 + rand.int(50);
      next = t ? xml.slice(0, t.index! + t[0].length) + t[0].repeat(times) + xml.slice(t.index! + t[0].length) : xml;
      what = `row duplicated ${times} times in ${path}`;
      break;
    }
    case 8: {
      // A part removed, or replaced by a part of another workbook.
      const i = a.cfb.FullPaths.indexOf(path);
      if (rand.next() < 0.5) {
        XLSX.CFB.utils.cfb_del(a.cfb, path);
        return { bytes: rezip(a), what: `removed ${path}` };
      }
      const b = unzip(other);
      next = entry(b, rand.pick(b.paths));
      what = `replaced ${path} (${i}) by a part of another file`;
      break;
    }
    default: {
      next = withDimension(xml, `A1:${rand.pick(['XFD1048576', 'A1048576', 'XFD1', 'IV65536'])}`);
      what = `declared dimension in ${path}`;
    }
  }
  setEntry(a, path, typeof next === 'string' ? Buffer.from(next) : next);
  return { bytes: rezip(a), what };
}

// Hand-made archives, for what a mutation would rarely produce.

export interface ZipPart {
  name: string;
  data: Buffer;
  /** Stored instead of deflated. */
  store?: boolean;
  /** A lie about the unpacked size, in both headers. */
  declaredSize?: number;
  /** Already deflated data of this unpacked size (then `data` is ignored). */
  deflated?: { bytes: Buffer; size: number };
}

/** A minimal ZIP writer; `repeat` makes that many directory entries point at the first part. */
export function makeZip(parts: ZipPart[], repeat = 0): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  const header = (p: ZipPart, data: Buffer) => {
    const name = Buffer.from(p.name);
    const size = p.declaredSize ?? p.deflated?.size ?? p.data.length;
    const crc = p.deflated ? 0 : crc32(p.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(p.store ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x800, 8);
    cd.writeUInt16LE(p.store ? 0 : 8, 10);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(data.length, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(name.length, 28);
    return { local: Buffer.concat([local, name]), cd, name };
  };
  let firstCd: { cd: Buffer; name: Buffer; at: number } | null = null;
  for (const p of parts) {
    const data = p.deflated ? p.deflated.bytes : p.store ? p.data : deflateRawSync(p.data, { level: 9 });
    const h = header(p, data);
    h.cd.writeUInt32LE(offset, 42);
    central.push(Buffer.concat([h.cd, h.name]));
    firstCd ??= { cd: h.cd, name: h.name, at: offset };
    locals.push(h.local, data);
    offset += h.local.length + data.length;
  }
  for (let i = 0; i < repeat && firstCd; i++) {
    const name = Buffer.from(`xl/worksheets/sheet${i + 2}.xml`);
    const cd = Buffer.from(firstCd.cd);
    cd.writeUInt16LE(name.length, 28);
    central.push(Buffer.concat([cd, name]));
  }
  const cdBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(central.length, 8);
  end.writeUInt16LE(central.length, 10);
  end.writeUInt32LE(cdBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cdBytes, end]);
}

/** The parts of a real .xlsx, for rebuilding it with makeZip. */
export function partsOf(xlsx: Buffer): ZipPart[] {
  const a = unzip(xlsx);
  return a.paths.map((p) => ({ name: p.replace(/^[^/]*\//, ''), data: entry(a, p) }));
}

/** A workbook with one sheet of these rows, written by SheetJS. */
export function aoaWorkbook(rows: unknown[][], bookType: XLSX.BookType = 'xlsx'): Buffer {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'Sheet1');
  return XLSX.write(wb, { type: 'buffer', bookType, compression: true }) as Buffer;
}

let bomb: Buffer | null = null;
/** 300 MB of spaces, deflated once (about 300 KB). */
const bombPart = () => ({ bytes: (bomb ??= deflateRawSync(Buffer.alloc(300 * 1024 * 1024, 0x20), { level: 9 })), size: 300 * 1024 * 1024 });

/** Files that claim to be workbooks and are something else, or are built to exhaust the reader. */
export function hostileWorkbooks(valid: Buffer, rand: Rand): { name: string; what: string; bytes: Buffer }[] {
  const parts = partsOf(valid);
  const sheet = parts.find((p) => /worksheets\/sheet1\.xml$/.test(p.name))!;
  const others = parts.filter((p) => p !== sheet);
  const html = Buffer.from('<!DOCTYPE html><html><head><title>登录</title></head><body><table><tr><td>企业名称</td></tr><tr><td><img src=x onerror=alert(1)></td></tr></table></body></html>');
  const gbCsv = Buffer.from('CDB3D2BBC9E7BBE1D0C5D3C3B4FAC2EB2CC6F3D2B5C3FBB3C60A2C41424320B9ABCBBE0A', 'hex');
  const bombSheet = Buffer.concat([Buffer.from(sheet.data.toString('utf8').split('</sheetData>')[0]!), Buffer.alloc(1024 * 1024, 0x20), Buffer.from('</sheetData></worksheet>')]);
  return [
    { name: 'random.xlsx', what: 'random bytes', bytes: rand.bytes(2000 + rand.int(20_000)) },
    { name: 'random-pk.xlsx', what: 'random bytes after a zip signature', bytes: Buffer.concat([Buffer.from('PK\x03\x04'), rand.bytes(5000)]) },
    { name: 'random-cfb.xls', what: 'random bytes after an OLE signature', bytes: Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), rand.bytes(5000)]) },
    { name: 'page.xlsx', what: 'an HTML page named .xlsx', bytes: html },
    { name: 'page.csv', what: 'an HTML page named .csv', bytes: html },
    { name: 'gb.xlsx', what: 'a GB18030 CSV named .xlsx', bytes: gbCsv },
    { name: 'truncated.xlsx', what: 'a truncated workbook', bytes: valid.subarray(0, Math.floor(valid.length * rand.next())) },
    { name: 'nosheet.xlsx', what: 'a workbook without its sheet XML', bytes: makeZip(others) },
    { name: 'garbled.xlsx', what: 'a workbook with a garbled sheet XML', bytes: makeZip([...others, { name: sheet.name, data: rand.bytes(4000) }]) },
    { name: 'halfxml.xlsx', what: 'a sheet XML cut in the middle', bytes: makeZip([...others, { name: sheet.name, data: sheet.data.subarray(0, sheet.data.length >> 1) }]) },
    { name: 'bomb.xlsx', what: 'a sheet that unpacks to 300 MB', bytes: makeZip([...others, { name: sheet.name, data: Buffer.alloc(0), deflated: bombPart() }]) },
    { name: 'overlap.xlsx', what: '2,000 directory entries pointing at one 1 MB part', bytes: makeZip([{ name: sheet.name, data: bombSheet }, ...others], 2000) },
    { name: 'liar.xlsx', what: 'a part that declares 4 GB', bytes: makeZip([...others, { ...sheet, declaredSize: 0xfffffff0 }]) },
    { name: 'liar-small.xlsx', what: 'a part that unpacks to more than it declares', bytes: makeZip([...others, { ...sheet, declaredSize: 10 }]) },
    { name: 'stored.xlsx', what: 'the same workbook with stored (uncompressed) parts', bytes: makeZip(parts.map((p) => ({ ...p, store: true }))) },
    { name: 'empty-zip.xlsx', what: 'an empty archive', bytes: makeZip([]) },
  ];
}

/**
 * `cases` random cases per importer: byte mutations of valid workbooks (and of .xls and .csv
 * versions), changes inside the archive, and the hand-made hostile files. One in five is also
 * imported into a copy of the database and compared with its preview.
 */
export async function excelFuzz(casesPerKind: number, seed = 1, world?: ExcelWorld, kinds: ExcelKind[] = excelKinds): Promise<FuzzResult[]> {
  const w = world ?? (await excelWorld());
  const rand = prng(seed);
  const results: FuzzResult[] = [];
  for (const kind of kinds) {
    const r = newResult(`Excel fuzz: ${kind}`);
    const files = w.files[kind];
    const xlsx = files[0]!.bytes;
    const hostile = hostileWorkbooks(xlsx, rand);
    for (let i = 0; i < casesPerKind; i++) {
      const label = `seed ${seed} ${kind} case ${i}`;
      const apply = rand.next() < 0.2;
      const family = i < hostile.length ? -1 : rand.int(10);
      if (family === -1) {
        const h = hostile[i]!;
        await checkExcelCase(w, kind, h.bytes, h.name, `${label} (${h.what})`, apply, r);
      } else if (family < 5) {
        const base = rand.pick(files);
        const other = rand.pick(excelKinds.map((k) => w.files[k][0]!.bytes));
        const m = randomMutation(rand, base.bytes, other);
        await checkExcelCase(w, kind, m.bytes, base.name, `${label} (${m.kinds.join('+')} of ${base.name})`, apply, r);
      } else {
        const other = rand.pick(excelKinds.map((k) => w.files[k][0]!.bytes));
        let m: { bytes: Buffer; what: string };
        try {
          m = archiveMutation(rand, rand.next() < 0.8 ? xlsx : files[1]!.bytes, other);
        } catch (e) {
          throw new Error(`${label}: could not build the case: ${(e as Error).message}`);
        }
        await checkExcelCase(w, kind, m.bytes, `${kind}.xlsx`, `${label} (${m.what})`, apply, r);
      }
    }
    results.push(r);
  }
  return results;
}
