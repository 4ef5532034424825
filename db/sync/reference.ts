import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { UserError } from '../errors';
import { nowIso } from '../clock';
import { requireInstallation } from '../installation';
import { getSetting, setSetting } from '../settings';
import { latestSchemaVersion } from '../migrations';
import { targetSchema } from '../reference/schema';
import { installPublishedChecklist } from '../checklists';
import { sql } from '../statements';
import { FORMAT_VERSION, PackageWriter, type PackageHeader, type PackageLine } from './format';
import { memoryOutput } from './source';
import type { KeyStore, OwnKeys } from './keystore';
import { columnsOf, rowProblem, type Row } from './rows';
import { listTrusted } from './trust';
import { raiseMarks, readMarks } from './marks';
import { APP_ID, type ExportResult } from './export';
import { acknowledgedVersion } from './ledger';
import { emptyCounts, reject } from './apply-changes';
import type { ImportOutcome } from '../../api/sync-contract';
import { applySupervisionParts, partSchema, sealSupervisionParts } from '../supervision/sync';

/**
 * Reference packages (HQ → offices): acknowledgements, checklists, quotas and, sealed to each
 * office alone, HQ's supervision items addressed to it; nothing else.
 * `epoch` counts HQ's restores: an acknowledgement from a higher epoch is HQ saying "resend from
 * here" and is honoured even where it lowers the one the office holds.
 */
const referenceSchema = z
  .object({
    acks: z.record(z.string().uuid(), z.number().int().min(0)),
    epoch: z.number().int().min(0).default(0),
    checklists: z.array(z.object({ year: z.number().int(), revision: z.number().int().min(1), data: z.unknown() }).strict()),
    /** HQ's quotas per prefecture (the targets table), as full rows. */
    targets: z.array(z.unknown()).default([]),
    /** HQ's supervision items, one part per office, each sealed to that office alone. */
    supervision: z.array(partSchema).max(1000).default([]),
  })
  .strict();

export function publishReference(db: Database, store: KeyStore, appVersion: string): ExportResult & { file: Buffer } {
  const me = requireInstallation(db);
  if (me.role !== 'hq') throw new UserError('not_hq', 'Only headquarters publishes reference packages.', '只有自治区总部发布参考包。');
  const keys = store.load();
  const marks = readMarks(store.dataDir, me.id);
  const acks = Object.fromEntries(listTrusted(db).filter((t) => t.role === 'office').map((t) => [t.installationId, acknowledgedVersion(db, t.installationId)]));
  const checklists = (sql(db, 'SELECT year, revision, data FROM checklists ORDER BY year').all() as { year: number; revision: number; data: string }[]).map((c) => ({ year: c.year, revision: c.revision, data: JSON.parse(c.data) as unknown }));
  const targets = sql(db, 'SELECT * FROM targets WHERE origin = ? ORDER BY id').all(me.id) as Row[];
  // Numbers never repeat, not even after a restore took the setting back.
  const sequence = Math.max(Number(getSetting(db, 'sync.referenceSequence') ?? 0), marks.referenceSequence) + 1;
  setSetting(db, 'sync.referenceSequence', String(sequence));
  raiseMarks(store.dataDir, me.id, { referenceSequence: sequence });
  const parts = sealSupervisionParts(db, sequence);
  const header: PackageHeader = {
    format: FORMAT_VERSION,
    kind: 'reference',
    app: `${APP_ID} ${appVersion}`,
    schemaVersion: latestSchemaVersion,
    origin: { installationId: me.id, role: 'hq', prefectureCode: null, officeName: me.officeName },
    recipient: null,
    sequence,
    range: { fromVersion: 0, toVersion: 0 },
    full: true,
    createdAt: nowIso(),
    counts: { acks: Object.keys(acks).length, checklists: checklists.length, targets: targets.length, supervision: parts.length },
    payload: { encoding: 'json-lines/gzip/frames' },
    encryption: null,
  };
  const output = memoryOutput();
  const writer = new PackageWriter(header, keys.signing.secretKey, (c) => output.write(c), null);
  writer.line('acks', acks);
  const epoch = Math.max(marks.restoreEpoch, Number(getSetting(db, 'sync.restoreEpoch') ?? 0));
  if (epoch > 0) writer.line('epoch', epoch);
  for (const c of checklists) writer.line('checklists', c);
  for (const t of targets) writer.line('targets', t);
  for (const p of parts) writer.line('supervision', p);
  const { bytes, sha256 } = writer.finish();
  return { header, bytes, sha256, file: output.bytes() };
}

const badShape = () => new UserError('package_invalid', 'The reference package has an unexpected shape.', '参考包内容格式不符。');

/** A reference package is small (checklists and quotas), so its lines are gathered before checking. */
function gatherReference(lines: Iterable<PackageLine>): z.infer<typeof referenceSchema> {
  const raw: { acks?: unknown; epoch?: unknown; checklists: unknown[]; targets: unknown[]; supervision: unknown[] } = { checklists: [], targets: [], supervision: [] };
  for (const [section, value] of lines) {
    if (section === 'acks' && raw.acks === undefined) raw.acks = value;
    else if (section === 'epoch' && raw.epoch === undefined) raw.epoch = value;
    else if (section === 'checklists' || section === 'targets' || section === 'supervision') raw[section].push(value);
    else throw badShape();
  }
  const ref = referenceSchema.safeParse(raw);
  if (!ref.success) throw badShape();
  return ref.data;
}

/**
 * The acknowledgement for this office: never above its own clock (that would silence every
 * later export), raised within one HQ epoch, and set outright by a later epoch (HQ restored a
 * backup and asks for everything after what it now holds). Returns the refusal, if any, in words.
 */
function takeAcknowledgement(db: Database, ack: number | undefined, epoch: number): { en: string; zh: string } | null {
  if (ack === undefined) return null;
  const clock = (sql(db, 'SELECT clock FROM installation').get() as { clock: number }).clock;
  if (ack > clock) {
    return {
      en: `Headquarters acknowledged version ${ack}, beyond this office's own clock (${clock}): the acknowledgement was refused, and exports go on from what headquarters really holds.`,
      zh: `总部确认的版本 ${ack} 超过本机自身的版本时钟（${clock}）：已拒绝该确认，后续导出仍按总部实际持有的数据进行。`,
    };
  }
  const previous = Number(getSetting(db, 'sync.ackedVersion') ?? 0);
  const seenEpoch = Number(getSetting(db, 'sync.hqEpoch') ?? 0);
  if (epoch > seenEpoch) {
    setSetting(db, 'sync.hqEpoch', String(epoch));
    setSetting(db, 'sync.ackedVersion', String(ack));
  } else if (epoch === seenEpoch && ack > previous) setSetting(db, 'sync.ackedVersion', String(ack));
  return null;
}

export function applyReference(db: Database, h: PackageHeader, lines: Iterable<PackageLine>, out: ImportOutcome & { code?: string | null }, keys: () => OwnKeys) {
  const ref = gatherReference(lines);
  const me = requireInstallation(db);
  const refused = takeAcknowledgement(db, ref.acks[me.id], ref.epoch);
  if (refused) Object.assign(out, { reason: refused.en, reasonZh: refused.zh, code: 'ack_ahead' });
  installChecklists(db, h, ref.checklists, out);
  const supervision = applySupervisionParts(db, h, ref.supervision, keys());
  if (supervision.note) addReason(out, supervision.note);
  out.counts = { targets: applyTargets(db, h, ref.targets as Row[]), supervision_items: supervision.counts };
  out.reference = { acknowledgedVersion: refused ? null : (ref.acks[me.id] ?? null), checklists: ref.checklists.length, supervision: supervision.received };
}

function addReason(out: ImportOutcome, m: { en: string; zh: string }) {
  [out.reason, out.reasonZh] = out.reason ? [`${out.reason} ${m.en}`, `${out.reasonZh ?? ''}${m.zh}`] : [m.en, m.zh];
}

/**
 * The checklists HQ publishes: a newer revision of a year replaces the installed one; one this
 * build cannot compute is kept out with the reason (db/checklists.ts), shown beside the counts.
 */
function installChecklists(db: Database, h: PackageHeader, checklists: z.infer<typeof referenceSchema>['checklists'], out: ImportOutcome) {
  for (const c of checklists) {
    const { kept } = installPublishedChecklist(db, c, h.origin.installationId);
    if (kept) addReason(out, kept);
  }
}

function applyTargets(db: Database, h: PackageHeader, targets: Row[]) {
  const counts = emptyCounts();
  const cols = columnsOf(db, 'targets').map((c) => c.name);
  for (const r of targets) {
    const problem = rowProblem(db, 'targets', r);
    if (problem) reject('targets', problem.en, problem.zh, r?.id);
    if (r.origin !== h.origin.installationId) reject('targets', 'belongs to another installation', '属于其他安装', r.id);
    let target: unknown = null;
    try {
      target = JSON.parse(r.target as string);
    } catch {
      // refused below
    }
    if (!targetSchema.safeParse(target).success) reject('targets', 'target is not a valid target', '目标值格式无效', r.id);
    const row = Object.fromEntries(cols.map((c) => [c, r[c] ?? null]));
    const existing = sql(db, 'SELECT origin, version FROM targets WHERE id = ?').get(r.id) as { origin: string; version: number } | undefined;
    if (existing && existing.origin !== r.origin) reject('targets', 'its id is taken by another record', '其编号已被其他记录占用', r.id);
    if (!existing) {
      // A quota replaced at HQ under a new id: the old row for the same slot goes.
      sql(db, 'DELETE FROM targets WHERE year = ? AND indicator_id = ? AND prefecture_code = ?').run(r.year, r.indicator_id, r.prefecture_code);
      sql(db, `INSERT INTO targets (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(row);
      counts.created++;
    } else if ((r.version as number) > existing.version) {
      sql(db, `UPDATE targets SET ${cols.filter((c) => c !== 'id').map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`).run(row);
      counts.updated++;
    } else counts.unchanged++;
  }
  return counts;
}
