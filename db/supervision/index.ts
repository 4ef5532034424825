import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import { UserError } from '../errors';
import type { SupervisionItem, SupervisionSummary, supervisionAddInput, supervisionLiftInput, supervisionListInput, supervisionRemindInput } from '../../api/supervision-contract';

const notYet = () => new UserError('not_implemented', 'Supervision is being built.', '督办功能尚在开发中。');

export function addSupervision(_db: Database, _input: z.output<typeof supervisionAddInput>): SupervisionItem {
  throw notYet();
}
export function liftSupervision(_db: Database, _input: z.output<typeof supervisionLiftInput>): SupervisionItem {
  throw notYet();
}
export function remindOffice(_db: Database, _input: z.output<typeof supervisionRemindInput>): SupervisionItem {
  throw notYet();
}
export function closeReminder(_db: Database, _id: string): SupervisionItem {
  throw notYet();
}
export function listSupervision(_db: Database, _q: z.output<typeof supervisionListInput>): SupervisionItem[] {
  return [];
}
export function supervisionSummary(_db: Database): SupervisionSummary {
  return { rows: [], total: { supervised: 0, overdue: 0, answered: 0, waiting: 0, openReminders: 0, overdueReminders: 0 } };
}
