import { print } from '../say';
import { parse, required } from '../args';
import { apiFor } from '../run';

export const usage = `backup --data DIR            (a copy now, kept in DIR/backups)
  backups --data DIR [--json]   (list them)
  restore NAME --data DIR       (replace the database by a backup; the current state is backed up first)`;

export async function backup(argv: string[]): Promise<void> {
  const { values } = parse(argv, { data: { type: 'string' } });
  const { api, ctx } = apiFor(values.data);
  try {
    const b = await api['backups.create']({});
    print(`已备份：${b.name}（${b.bytes} 字节）`, `wrote ${b.name} (${b.bytes} bytes)`);
  } finally {
    ctx.close();
  }
}

export async function list(argv: string[]): Promise<void> {
  const { values } = parse(argv, { data: { type: 'string' }, json: { type: 'boolean', default: false } });
  const { api, ctx } = apiFor(values.data);
  try {
    const all = await api['backups.list']({});
    if (values.json) console.log(JSON.stringify(all));
    else for (const b of all) console.log(`${b.name}  ${b.reason.padEnd(22)} ${b.bytes} bytes`);
  } finally {
    ctx.close();
  }
}

export async function restore(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, { data: { type: 'string' } }, true);
  const { api, ctx } = apiFor(values.data);
  try {
    const s = await api['backups.restore']({ name: required(positionals[0], 'NAME') });
    print(`已恢复；安装编号 ${s.installation?.id ?? '?'}，数据库结构版本 ${s.schemaVersion}`, `restored; installation ${s.installation?.id ?? '?'} schema ${s.schemaVersion}`);
  } finally {
    ctx.close();
  }
}
