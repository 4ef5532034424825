import fs from 'node:fs';
import path from 'node:path';
import { parse, required } from '../args';
import { apiFor } from '../run';
import { UserError } from '../../db/errors';
import { problemLine } from '../../db/checklist-book/read';
import { say } from '../say';

export const usage = `checklist list --data DIR [--json]
  checklist export --data DIR --year Y --out FILE.xlsx|FILE.json
  checklist import FILE.xlsx|FILE.json --data DIR [--dry-run] [--json]     # exit 1 if the file has problems`;

function readFile(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new UserError('file_unreadable', `Cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, `无法读取 ${file}`);
  }
}

/** HQ authors the checklist: what is installed, a year as a workbook or JSON, and installing one. */
export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { data: { type: 'string' }, year: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean', default: false }, 'dry-run': { type: 'boolean', default: false } }, true);
  const [action, file] = positionals;
  if (!action || !['list', 'export', 'import'].includes(action)) throw new UserError('bad_arguments', `usage: ${usage.split('\n')[0]}`, '用法：checklist list|export|import …');
  const { api, ctx } = apiFor(values.data);
  try {
    if (action === 'list') {
      const list = await api['checklists.list']({});
      if (values.json) console.log(JSON.stringify(list));
      else for (const c of list) console.log(`${c.year} 修订版 ${c.revision} · ${c.title} · ${c.items} 项事项、${c.indicators} 个指标 · 安装于 ${c.installedAt}（${c.origin}）`);
      return 0;
    }
    if (action === 'export') {
      const out = required(values.out, '--out');
      const year = Number(required(values.year, '--year'));
      if (!Number.isInteger(year)) throw new UserError('bad_arguments', '--year must be a year such as 2023', '--year 应为年份，如 2023');
      const f = await api['checklists.export']({ year, format: /\.json$/i.test(out) ? 'json' : 'xlsx' });
      fs.writeFileSync(out, Buffer.from(f.base64, 'base64'));
      console.log(`已写入 ${out} (wrote ${out})`);
      return 0;
    }
    const target = required(file, 'FILE');
    const r = await api['checklists.import']({ name: path.basename(target), base64: readFile(target).toString('base64'), dryRun: values['dry-run'] });
    if (values.json) console.log(JSON.stringify(r));
    else if (r.problems.length) for (const p of r.problems) console.log(say(problemLine(p).zh, problemLine(p).en));
    else {
      const p = r.preview!;
      console.log(`${p.year}年清单：${p.from === null ? '新年度' : `修订版 ${p.from} → ${p.to}`}，${p.items} 项事项、${p.indicators} 个指标；新增 ${p.added.length}、删除 ${p.removed.length}、修改 ${p.changed.length}${p.unchanged ? '（与已安装的相同，未改变）' : r.installed ? '，已安装' : '（预览，未安装）'}`);
      for (const c of p.changed) console.log(`  修改 ${c.id}：${c.fields.join('、')}`);
      for (const id of p.added) console.log(`  新增 ${id}`);
      for (const id of p.removed) console.log(`  删除 ${id}`);
    }
    return r.problems.length ? 1 : 0;
  } finally {
    ctx.close();
  }
}
