import { parse, required } from '../args';
import { apiFor } from '../run';
import { UserError } from '../../db/errors';
import { reminderSubjects, type SupervisionItem } from '../../api/supervision-contract';
import { print } from '../say';
import { showUnsafe } from '../../db/validation/text';

export const usage = `supervision add --data HQ_DIR --problem ID --note TEXT [--deadline YYYY-MM-DD]
  supervision lift --data HQ_DIR --problem ID [--note TEXT]
  supervision remind --data HQ_DIR --prefecture CODE --note TEXT --by YYYY-MM-DD [--about package|report]
  supervision list --data DIR [--json]`;

const kindZh = { supervise: '督办', lift: '解除督办', remind: '催报' } as const;

/**
 * Items stored before notes were checked for control and text-direction characters (or brought
 * by an older build) could still hold them: shown as visible <U+XXXX> marks, in text and JSON
 * alike, never sent raw to the terminal. JSON.stringify escapes C0 controls itself.
 */
const json = (x: unknown) => JSON.stringify(x).replace(/[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

function line(i: SupervisionItem): string {
  return showUnsafe(rawLine(i));
}

function rawLine(i: SupervisionItem): string {
  const when = i.kind === 'remind' ? `请于 ${i.deadline} 前${i.about === 'package' ? '报送同步包' : '报送'}${i.doneAt ? `，已完成（${i.doneAt.slice(0, 10)}）` : i.overdue ? '，已逾期' : ''}` : i.deadline ? `总部期限 ${i.deadline}` : '';
  const about = i.problemId ? `问题 ${i.problemId}${i.enterpriseName ? `（${i.enterpriseName}）` : ''}` : '';
  return `${i.id} ${i.prefectureCode} ${kindZh[i.kind]} ${[about, when].filter(Boolean).join(' ')} · ${i.note || '—'}（${i.author}，${i.createdAt.slice(0, 10)}）`;
}

/** HQ's supervision (督办) and reminders (催报), and what an installation holds of them. */
export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    { data: { type: 'string' }, problem: { type: 'string' }, note: { type: 'string' }, deadline: { type: 'string' }, prefecture: { type: 'string' }, by: { type: 'string' }, about: { type: 'string' }, json: { type: 'boolean', default: false } },
    true,
  );
  const [action] = positionals;
  if (!action || !['add', 'lift', 'remind', 'list'].includes(action)) throw new UserError('bad_arguments', `usage: ${usage}`, `用法：${usage}`);
  const about = values.about ?? 'package';
  if (!(reminderSubjects as readonly string[]).includes(about)) throw new UserError('bad_arguments', '--about must be package or report', '--about 应为 package（同步包）或 report（报送事项）');
  const { api, ctx } = apiFor(values.data);
  try {
    if (action === 'list') {
      const items = await api['supervision.list']({});
      if (values.json) console.log(json(items));
      else {
        for (const i of items) console.log(line(i));
        print(`共 ${items.length} 条督办事项`, `${items.length} supervision items`);
      }
      return 0;
    }
    const item =
      action === 'add'
        ? await api['supervision.add']({ problemId: required(values.problem, '--problem'), note: required(values.note, '--note'), deadline: values.deadline ?? null })
        : action === 'lift'
          ? await api['supervision.lift']({ problemId: required(values.problem, '--problem'), note: values.note })
          : await api['supervision.remind']({ prefectureCode: required(values.prefecture, '--prefecture'), note: required(values.note, '--note'), by: required(values.by, '--by'), about: about as 'package' | 'report' });
    if (values.json) console.log(json(item));
    else {
      const [zh, en] = {
        add: ['已督办，随下一个参考包送达该地市', 'supervised; it reaches the office with the next reference package'],
        lift: ['已解除督办，随下一个参考包送达该地市', 'supervision lifted; the office learns it with the next reference package'],
        remind: ['已催报，随下一个参考包送达该地市', 'reminder written; it reaches the office with the next reference package'],
      }[action as 'add' | 'lift' | 'remind'];
      print(`${zh}：${item.id}`, `${en}: ${item.id}`);
    }
    return 0;
  } finally {
    ctx.close();
  }
}
