import type { Database } from 'better-sqlite3';
import { getChecklist, installChecklist, type ChecklistPreview } from '../checklists';
import { requireInstallation } from '../installation';
import { UserError } from '../errors';
import { checklistWorkbook } from './write';
import { readChecklistJson, readChecklistWorkbook, type ChecklistProblem } from './read';

/** What an import of a checklist file gives: the problems (then nothing changed) or the preview of what it installs. */
export interface ChecklistImport {
  fileName: string;
  problems: ChecklistProblem[];
  preview: ChecklistPreview | null;
  installed: boolean;
}

/** One path for the app, the API and the CLI: read the file (workbook or JSON), check it, preview, install. */
export function importChecklistFile(db: Database, buffer: Buffer, fileName: string, dryRun: boolean): ChecklistImport {
  const me = requireInstallation(db);
  if (me.role !== 'hq') throw new UserError('not_hq', 'Only headquarters installs checklists; offices receive them with the reference package.', '只有自治区总部可以安装清单；各地（市）随参考包接收。');
  const json = /\.json$/i.test(fileName) || buffer.subarray(0, 1).toString() === '{';
  const { checklist, problems } = json ? readChecklistJson(buffer.toString('utf8')) : readChecklistWorkbook(buffer, fileName);
  if (!checklist) return { fileName, problems, preview: null, installed: false };
  const preview = installChecklist(db, checklist, { dryRun, origin: me.id });
  return { fileName, problems: [], preview, installed: !dryRun && !preview.unchanged };
}

export async function exportChecklistFile(db: Database, year: number, format: 'xlsx' | 'json'): Promise<{ name: string; buffer: Buffer }> {
  const c = getChecklist(db, year);
  if (!c) throw new UserError('no_checklist', `No checklist for ${year} is installed.`, `本机没有${year}年的清单。`);
  if (format === 'json') return { name: `清单-${year}.json`, buffer: Buffer.from(`${JSON.stringify(c, null, 2)}\n`) };
  return { name: `清单-${year}.xlsx`, buffer: await checklistWorkbook(c) };
}
