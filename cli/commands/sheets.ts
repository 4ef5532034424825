import fs from 'node:fs';
import path from 'node:path';
import { parse, required } from '../args';
import { openInstalled } from '../run';
import { exportFile, runImport, template, rejectedFile } from '../../db/excel/transfer';
import type { ExcelKind } from '../../db/excel/types';
import { UserError } from '../../db/errors';
import { backupNow } from '../../db/backup';
import { unreadableFile } from '../../db/file-errors';

export const kinds: ExcelKind[] = ['enterprises', 'activities', 'visits', 'problems'];

export const usage = `{${kinds.join('|')}} import FILE --data DIR [--dry-run] [--rejected OUT.xlsx] [--json]
  {${kinds.join('|')}} export FILE --data DIR
  {${kinds.join('|')}} template FILE --data DIR`;

/** `enterprises import FILE …` and the like: the app's Excel import and export, headless. */
export async function run(kind: ExcelKind, argv: string[]): Promise<void> {
  const { values, positionals } = parse(
    argv,
    { data: { type: 'string' }, json: { type: 'boolean', default: false }, 'dry-run': { type: 'boolean', default: false }, rejected: { type: 'string' } },
    true,
  );
  const [action, file] = positionals;
  if (!action || !['import', 'export', 'template'].includes(action)) {
    throw new UserError('bad_arguments', `usage: ${kind} import|export|template FILE --data DIR`, `用法：${kind} import|export|template 文件 --data 目录`);
  }
  const target = required(file, 'FILE');
  const { db, close } = openInstalled(values.data);
  try {
    if (action === 'import') {
      let buffer: Buffer;
      try {
        buffer = fs.readFileSync(target);
      } catch (e) {
        throw unreadableFile(target, e);
      }
      if (!values['dry-run']) await backupNow(db, path.resolve(values.data ?? process.env.SME_LEDGER_DATA ?? '.'), 'before-excel-import');
      const report = runImport(db, kind, buffer, path.basename(target), !values['dry-run']);
      if (values.rejected && report.rejected.length) {
        const out = await rejectedFile(db, kind, buffer, path.basename(target));
        fs.writeFileSync(values.rejected, Buffer.from(out.base64, 'base64'));
      }
      if (values.json) {
        console.log(JSON.stringify(report));
      } else {
        console.log(`${report.applied ? 'imported' : 'dry run'} ${report.rows} rows from sheet "${report.sheetName}": ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected.length} rejected`);
        for (const r of report.rejected) console.log(`  row ${r.rowNumber}: ${r.reasons.map((x) => `${x.column ? `[${x.column}] ` : ''}${x.message}`).join('; ')}`);
      }
    } else {
      const out = action === 'export' ? await exportFile(db, kind, {}) : await template(db, kind);
      fs.writeFileSync(target, Buffer.from(out.base64, 'base64'));
      console.log(`wrote ${target}`);
    }
  } finally {
    close();
  }
}
