import { parse } from '../args';
import { apiFor } from '../run';
import { UserError } from '../../db/errors';
import { problemStatuses } from '../../api/entities';
import { say } from '../say';

export const usage = 'problems list --data DIR [--prefecture CODE] [--status S] [--json]';

const statuses = [...problemStatuses, 'unresolved'] as const;
const statusZh: Record<string, string> = { open: '待办', in_progress: '办理中', resolved: '已办结', unresolvable: '无法解决' };

/** `problems list`: the problems this installation holds, with HQ's 督办 state (HQ's batch work, tests). */
export async function list(argv: string[]): Promise<number> {
  const { values } = parse(argv, { data: { type: 'string' }, prefecture: { type: 'string' }, status: { type: 'string' }, json: { type: 'boolean', default: false } });
  const status = values.status as (typeof statuses)[number] | undefined;
  if (status !== undefined && !statuses.includes(status)) {
    throw new UserError('bad_arguments', `--status must be one of ${statuses.join(', ')}`, `--status 应为以下之一：${statuses.join('、')}`);
  }
  const { api, ctx } = apiFor(values.data);
  try {
    const rows = [];
    for (let offset = 0; ; offset += 500) {
      const page = await api['problems.list']({ prefectureCode: values.prefecture, status, offset, limit: 500 });
      rows.push(...page.rows);
      if (rows.length >= page.total || page.rows.length === 0) break;
    }
    const out = rows.map((p) => ({
      id: p.id,
      prefectureCode: p.prefectureCode,
      enterprise: p.enterpriseName,
      description: p.description,
      status: p.status,
      deadline: p.deadline,
      overdue: p.overdue,
      supervision: p.supervision,
    }));
    if (values.json) console.log(JSON.stringify(out));
    else {
      for (const p of out) {
        const mark = p.supervision?.active ? ` 督办${p.supervision.hqDeadline ? `（总部期限 ${p.supervision.hqDeadline}${p.supervision.overdue ? '，已逾期' : ''}）` : ''}${p.supervision.answered ? ' 已回复' : ' 待回复'}` : '';
        console.log(`${p.id} ${p.prefectureCode} ${statusZh[p.status]} ${p.deadline ?? '—'}${mark} · ${p.enterprise}：${p.description.slice(0, 40)}`);
      }
      console.log(say(`共 ${out.length} 个问题`, `${out.length} problems`));
    }
    return 0;
  } finally {
    ctx.close();
  }
}
