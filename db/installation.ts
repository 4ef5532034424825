import { sql } from './statements';
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { UserError } from './errors';
import { nowIso } from './clock';

export type Role = 'office' | 'hq';

export interface Installation {
  id: string;
  role: Role;
  prefectureCode: string | null;
  officeName: string;
  operatorName: string;
  createdAt: string;
}

interface InstallationRow {
  id: string;
  role: Role;
  prefecture_code: string | null;
  office_name: string;
  operator_name: string;
  created_at: string;
}

export function getInstallation(db: Database): Installation | null {
  const row = sql(db, 'SELECT id, role, prefecture_code, office_name, operator_name, created_at FROM installation')
    .get() as InstallationRow | undefined;
  if (!row) return null;
  return {
    id: row.id,
    role: row.role,
    prefectureCode: row.prefecture_code,
    officeName: row.office_name,
    operatorName: row.operator_name,
    createdAt: row.created_at,
  };
}

export function requireInstallation(db: Database): Installation {
  const inst = getInstallation(db);
  if (!inst) {
    throw new UserError('not_set_up', 'This installation has not been set up yet.', '本机尚未完成首次设置。');
  }
  return inst;
}

export interface NewInstallation {
  role: Role;
  prefectureCode: string | null;
  officeName: string;
  operatorName: string;
}

export function createInstallation(db: Database, input: NewInstallation, id: string = randomUUID()): Installation {
  if (getInstallation(db)) {
    throw new UserError('already_set_up', 'This installation is already set up.', '本机已完成设置，不能重复设置。');
  }
  sql(db, 
    `INSERT INTO installation (singleton, id, role, prefecture_code, office_name, operator_name, created_at, clock)
     VALUES (1, ?, ?, ?, ?, ?, ?, 0)`,
  ).run(id, input.role, input.role === 'office' ? input.prefectureCode : null, input.officeName, input.operatorName, nowIso());
  return requireInstallation(db);
}

export function setOperator(db: Database, operatorName: string): void {
  sql(db, 'UPDATE installation SET operator_name = ?').run(operatorName);
}

/**
 * Advances the installation's logical clock and returns the new value. Row versions come from
 * here, so they grow with every change whatever the laptop's date says. Imports (sync) raise the
 * clock past every version they bring in, Lamport style.
 */
export function tick(db: Database): number {
  const row = sql(db, 'UPDATE installation SET clock = clock + 1 RETURNING clock').get() as
    | { clock: number }
    | undefined;
  if (!row) throw new UserError('not_set_up', 'This installation has not been set up yet.', '本机尚未完成首次设置。');
  return row.clock;
}

export function observeVersion(db: Database, version: number): void {
  sql(db, 'UPDATE installation SET clock = max(clock, ?)').run(version);
}
