import fs from 'node:fs';
import path from 'node:path';
import { parse, required } from '../args';
import { openInstalled } from '../run';
import { exportFile, runImport, template, rejectedFile, sheets, type ImportOptions } from '../../db/excel/transfer';
import type { ExcelKind } from '../../db/excel/types';
import { isUserError, UserError } from '../../db/errors';
import { backupNow } from '../../db/backup';
import { fieldsOf } from '../../db/excel/source';
import { fieldFor } from '../../db/excel/mapping';
import { importReportLines } from './sheets-report';
import { unreadableFile } from '../../db/file-errors';
import { say, setOutputLanguage } from '../say';

export const kinds: ExcelKind[] = ['enterprises', 'activities', 'visits', 'problems'];

export const usage = `{${kinds.join('|')}} import FILE --data DIR [--dry-run] [--sheet NAME] [--map "源列=字段"]… [--value "字段:原值=选项"]… [--skip-bad-optional] [--rejected OUT.xlsx] [--json]
  {${kinds.join('|')}} export FILE --data DIR
  {${kinds.join('|')}} template FILE --data DIR`;

/** `enterprises import FILE …` and the like: the app's Excel import and export, headless. */
export async function run(kind: ExcelKind, argv: string[]): Promise<number | void> {
  const { values, positionals } = parse(
    argv,
    {
      data: { type: 'string' },
      json: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      rejected: { type: 'string' },
      sheet: { type: 'string' },
      map: { type: 'string', multiple: true },
      value: { type: 'string', multiple: true },
      'skip-bad-optional': { type: 'boolean', default: false },
      // main.ts takes --lang out first; kept here so a direct call with it still parses.
      lang: { type: 'string' },
    },
    true,
  );
  setOutputLanguage(values.lang);
  const [action, file] = positionals;
  if (!action || !['import', 'export', 'template'].includes(action)) {
    throw new UserError('bad_arguments', `usage: ${kind} import|export|template FILE --data DIR`, `用法：${kind} import|export|template 文件 --data 目录`);
  }
  const target = required(file, 'FILE');
  const { db, close } = openInstalled(values.data);
  try {
    if (action !== 'import') {
      const out = action === 'export' ? await exportFile(db, kind, {}) : await template(db, kind);
      fs.writeFileSync(target, Buffer.from(out.base64, 'base64'));
      console.log(say(`已写入 ${target}`, `wrote ${target}`));
      return;
    }
    try {
      const buffer = readFile(target);
      const fields = fieldsOf(sheets[kind].columns(db));
      const options: ImportOptions = { sheet: values.sheet, mapping: mappingOf(values.map ?? []), answers: answersOf(values.value ?? [], fields), skipBadOptional: values['skip-bad-optional'] };
      if (!values['dry-run']) await backupNow(db, path.resolve(values.data ?? process.env.SME_LEDGER_DATA ?? '.'), 'before-excel-import');
      const report = runImport(db, kind, buffer, path.basename(target), !values['dry-run'], options);
      if (values.rejected && report.rejected.length) {
        const out = await rejectedFile(db, kind, buffer, path.basename(target), options);
        fs.writeFileSync(values.rejected, Buffer.from(out.base64, 'base64'));
      }
      if (values.json) console.log(JSON.stringify(report));
      else for (const line of importReportLines(report)) console.log(line);
    } catch (e) {
      // The importer's refusals read in Chinese first (English beside), on one line.
      if (!isUserError(e)) throw e;
      console.error(say(e.messageZh, e.message));
      return 1;
    }
  } finally {
    close();
  }
}

function readFile(target: string): Buffer {
  try {
    return fs.readFileSync(target);
  } catch (e) {
    throw unreadableFile(target, e);
  }
}

/** --map "源列=字段" (repeatable); the field may be 不导入. */
function mappingOf(list: string[]): ImportOptions['mapping'] {
  if (!list.length) return undefined;
  const out: Record<string, string | null> = {};
  for (const item of list) {
    const at = item.lastIndexOf('=');
    if (at <= 0) throw new UserError('bad_arguments', `--map needs "source column=field", got "${item}".`, `--map 的格式应为“源列=字段”，收到“${item}”。`);
    out[item.slice(0, at).trim()] = item.slice(at + 1).trim();
  }
  return out;
}

/** --value "字段:原值=选项" (repeatable): the answer to a question such as 企业规模:小微=小型. */
function answersOf(list: string[], fields: ReturnType<typeof fieldsOf>): ImportOptions['answers'] {
  if (!list.length) return undefined;
  const out: Record<string, Record<string, string>> = {};
  for (const item of list) {
    const m = /^([^:：]+)[:：](.+)=([^=]+)$/.exec(item);
    const field = m ? fieldFor(fields, m[1]!.trim()) : undefined;
    if (!m || !field) {
      throw new UserError(
        'bad_arguments',
        `--value needs "field:value as written=choice", e.g. 企业规模:小微=小型; got "${item}". Fields: ${fields.map((f) => f.header).join(', ')}.`,
        `--value 的格式应为“字段:原值=选项”，如 企业规模:小微=小型；收到“${item}”。字段：${fields.map((f) => f.header).join('、')}。`,
      );
    }
    (out[field.key] ??= {})[m[2]!.trim()] = m[3]!.trim();
  }
  return out;
}
