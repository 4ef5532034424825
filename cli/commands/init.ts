import { print } from '../say';
import { parse, required } from '../args';
import { apiFor } from '../run';
import { UserError } from '../../db/errors';

export const usage = 'init --data DIR --role office|hq [--prefecture CODE] --name NAME --operator NAME [--lang zh|en] [--json]';

export async function run(argv: string[]): Promise<void> {
  const { values } = parse(argv, {
    data: { type: 'string' },
    role: { type: 'string' },
    prefecture: { type: 'string' },
    name: { type: 'string' },
    operator: { type: 'string' },
    lang: { type: 'string', default: 'zh' },
    json: { type: 'boolean', default: false },
  });
  const role = required(values.role, '--role');
  if (role !== 'office' && role !== 'hq') throw new UserError('bad_arguments', '--role must be office or hq', '--role 只能是 office 或 hq');
  if (role === 'office' && !values.prefecture) {
    throw new UserError('bad_arguments', '--prefecture CODE is required for an office (e.g. 540100 for Lhasa)', '地市办公室需要 --prefecture 代码（如拉萨市 540100）');
  }
  if (role === 'hq' && values.prefecture) {
    throw new UserError('bad_arguments', '--prefecture is for offices only; headquarters has none', '--prefecture 仅用于地市办公室');
  }
  const { api, ctx } = apiFor(values.data);
  try {
    const status = await api['app.setup']({
      role,
      prefectureCode: role === 'office' ? values.prefecture! : null,
      officeName: required(values.name, '--name'),
      operatorName: required(values.operator, '--operator'),
      language: values.lang === 'en' ? 'en' : 'zh',
    });
    const inst = status.installation!;
    if (values.json) console.log(JSON.stringify({ installationId: inst.id, role: inst.role, prefectureCode: inst.prefectureCode, dataDir: status.dataDir }));
    else {
      print(
        `已完成设置：${inst.role === 'hq' ? '自治区总部' : `${inst.prefectureName}（${inst.prefectureCode}）地市办公室`} ${inst.officeName}，安装编号 ${inst.id}，数据位于 ${status.dataDir}`,
        `Set up ${inst.role === 'hq' ? 'headquarters' : `office of ${inst.prefectureNameEn ?? inst.prefectureName} (${inst.prefectureCode})`}: ${inst.officeName}, installation ${inst.id}, data in ${status.dataDir}`,
      );
    }
  } finally {
    ctx.close();
  }
}
