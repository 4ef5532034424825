import { regionRuleOf } from '../db/indicators/rules';
import type { Database } from 'better-sqlite3';
import type { AppStatus, ChecklistView, Language, ReferenceData } from '../api/contract';
import { getInstallation } from '../db/installation';
import { getSetting } from '../db/settings';
import { schemaVersion } from '../db/migrate';
import { latestSchemaVersion } from '../db/migrations';
import { checklistYears, currentChecklist } from '../db/checklists';
import { catalogues, findPrefecture, regions } from '../db/reference/bundled';
import { today } from '../db/clock';
import { fingerprint } from '../db/sync/crypto';
import type { Checklist } from '../db/reference/schema';
import { appVersion, type AppContext } from './context';
import type { UserError } from '../db/errors';
import { RESTORABLE_FAILURES } from '../db/failures';
import { listBackups } from '../db/backup';

/** Shapes what the database holds into the views the API returns. */
export function statusView(ctx: AppContext): AppStatus {
  const failure = ctx.databaseFailure() ?? ctx.keysFailure();
  if (failure) return recoveryView(ctx, failure);
  const db = ctx.database();
  const inst = db ? getInstallation(db) : null;
  const prefecture = inst?.prefectureCode ? findPrefecture(inst.prefectureCode) : null;
  return {
    setUp: inst !== null,
    installation: inst && {
      ...inst,
      prefectureName: prefecture?.name ?? null,
      prefectureNameEn: prefecture?.nameEn ?? null,
    },
    language: db ? languageOf(db) : 'zh',
    appVersion,
    schemaVersion: db ? schemaVersion(db) : latestSchemaVersion,
    dataDir: ctx.dataDir,
    databaseFile: ctx.databaseFile,
    transport: ctx.transport,
    fingerprint: inst && ctx.keys.exists() ? fingerprint(ctx.keys.load().signing.publicKey) : null,
    databaseError: null,
  };
}

/** The status of an installation whose database cannot be used: why, and the backups to restore. */
function recoveryView(ctx: AppContext, failure: UserError): AppStatus {
  return {
    setUp: false,
    installation: null,
    language: 'zh',
    appVersion,
    schemaVersion: latestSchemaVersion,
    dataDir: ctx.dataDir,
    databaseFile: ctx.databaseFile,
    transport: ctx.transport,
    fingerprint: null,
    databaseError: { code: failure.code, message: failure.message, messageZh: failure.messageZh, restorable: RESTORABLE_FAILURES.includes(failure.code) },
    backups: listBackups(ctx.dataDir).map(({ name, reason, createdAt, bytes }) => ({ name, reason, createdAt, bytes })),
  };
}

function languageOf(db: Database): Language {
  return getSetting(db, 'language') === 'en' ? 'en' : 'zh';
}

export function checklistView(c: Checklist): ChecklistView {
  const departments = new Map(c.departments.map((d) => [d.id, d]));
  return {
    year: c.year,
    title: c.title,
    titleEn: c.titleEn,
    sections: c.sections,
    departments: c.departments.map(({ id, name, nameEn }) => ({ id, name, nameEn })),
    metrics: c.metrics,
    activityKinds: c.activityKinds,
    enterpriseStatuses: c.enterpriseStatuses,
    reportedFigures: c.reportedFigures,
    items: c.items.map((item) => ({
      no: item.no,
      section: item.section,
      titleEn: item.titleEn,
      text: item.text,
      activityKinds: item.activityKinds,
      departments: item.departments.map((id) => {
        const d = departments.get(id)!;
        return { id: d.id, name: d.name, nameEn: d.nameEn };
      }),
      indicators: c.indicators
        .filter((i) => i.item === item.no)
        .map((i) => ({ id: i.id, name: i.name, nameEn: i.nameEn, unit: i.unit, target: i.target, period: i.period, region: regionRuleOf(i) })),
    })),
  };
}

export function referenceView(ctx: AppContext): ReferenceData {
  const db = ctx.database();
  const checklist = db ? currentChecklist(db) : null;
  return {
    prefectures: regions().prefectures.map((p) => ({
      code: p.code,
      name: p.name,
      nameEn: p.nameEn,
      counties: p.counties.map((c) => ({ code: c.code, name: c.name, nameEn: c.nameEn })),
    })),
    checklistYears: db ? checklistYears(db) : [],
    checklist: checklist ? checklistView(checklist) : null,
    catalogues: { ...catalogues(), industries: catalogues().industries.sections },
    today: today(),
  };
}
