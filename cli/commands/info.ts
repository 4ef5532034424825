import { print } from '../say';
import { parse } from '../args';
import { apiFor } from '../run';
import { UserError } from '../../db/errors';

export const usage = 'info --data DIR [--json]';

export async function run(argv: string[]): Promise<void> {
  const { values } = parse(argv, { data: { type: 'string' }, json: { type: 'boolean', default: false } });
  const { api, ctx } = apiFor(values.data);
  try {
    const s = await api['app.status']({});
    // A damaged, newer or unwritable database: say why and how out, and exit non-zero.
    const broken = s.databaseError;
    if (broken) {
      const names = s.backups?.map((b) => b.name).join(', ') ?? '';
      const restorable = broken.restorable && !!s.backups?.length;
      throw new UserError(
        broken.code,
        broken.message + (restorable ? ` Backups (npm run cli -- restore NAME --data DIR): ${names}` : ''),
        broken.messageZh + (restorable ? ` 可恢复的备份（npm run cli -- restore 名称 --data 文件夹）：${names}` : ''),
      );
    }
    const inst = s.installation;
    const info = {
      setUp: s.setUp,
      role: inst?.role ?? null,
      prefectureCode: inst?.prefectureCode ?? null,
      prefectureName: inst?.prefectureName ?? null,
      officeName: inst?.officeName ?? null,
      operatorName: inst?.operatorName ?? null,
      installationId: inst?.id ?? null,
      schemaVersion: s.schemaVersion,
      appVersion: s.appVersion,
      dataDir: s.dataDir,
      databaseFile: s.databaseFile,
    };
    if (values.json) {
      console.log(JSON.stringify(info));
    } else if (!inst) {
      print(`尚未设置：${s.dataDir}（请先运行 init）`, `Not set up yet: ${s.dataDir} (run init)`);
    } else {
      for (const [k, v] of Object.entries(info)) console.log(`${k.padEnd(16)} ${v ?? '-'}`);
    }
  } finally {
    ctx.close();
  }
}
