import { parse, required } from '../args';
import { apiFor, openInstalled } from '../run';
import { UserError } from '../../db/errors';
import { currentChecklist, getChecklist } from '../../db/checklists';
import { requireInstallation } from '../../db/installation';
import { listMilestones } from '../../db/milestones';
import { regionRuleOf } from '../../db/indicators/rules';

export const usage = `milestones list --data DIR [--year Y] [--json]
  milestones set --data DIR --id ID (--done-on YYYY-MM-DD | --not-done) [--evidence TEXT] [--year Y]`;

/** Milestones (实施细则, 工作专班, the alliance…): which this installation records, and recording one. */
export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    { data: { type: 'string' }, year: { type: 'string' }, id: { type: 'string' }, 'done-on': { type: 'string' }, 'not-done': { type: 'boolean', default: false }, evidence: { type: 'string' }, json: { type: 'boolean', default: false } },
    true,
  );
  const [action] = positionals;
  const year = values.year === undefined ? undefined : Number(values.year);
  if (year !== undefined && !Number.isInteger(year)) throw new UserError('bad_arguments', '--year must be a year such as 2022', '--year 应为年份，如 2022');
  if (action === 'list') {
    const { db, close } = openInstalled(values.data);
    try {
      const c = year ? getChecklist(db, year) : currentChecklist(db);
      if (!c) throw new UserError('no_checklist', 'No checklist for that year is installed.', '本机没有该年度的清单。');
      const hq = requireInstallation(db).role === 'hq';
      const recorded = new Map(listMilestones(db, c.year).map((m) => [m.indicatorId, m]));
      const list = c.indicators
        .filter((i) => i.compute.kind === 'milestone')
        .map((i) => {
          const scope = regionRuleOf(i) === 'hq_milestone' ? 'region' : 'prefecture';
          const m = recorded.get(i.id);
          return { id: i.id, item: i.item, name: i.name, scope, recordedHere: (scope === 'region') === hq, done: m?.done ?? false, doneOn: m?.doneOn ?? null, evidence: m?.evidence ?? null };
        });
      if (values.json) console.log(JSON.stringify(list));
      else for (const m of list) console.log(`${m.id.padEnd(26)} ${m.scope === 'region' ? '自治区记录' : '各地（市）记录'} ${m.done ? `已完成 ${m.doneOn}` : '未完成'} · ${m.name}`);
      return 0;
    } finally {
      close();
    }
  }
  if (action === 'set') {
    if (!values['not-done'] && !values['done-on']) throw new UserError('bad_arguments', '--done-on YYYY-MM-DD or --not-done is required', '须指定 --done-on 日期 或 --not-done');
    const { api, ctx } = apiFor(values.data);
    try {
      const y = year ?? Number((values['done-on'] ?? '').slice(0, 4));
      if (!Number.isInteger(y) || y < 2000) throw new UserError('bad_arguments', '--year is required with --not-done', '使用 --not-done 时须指定 --year');
      const done = !values['not-done'];
      await api['milestones.save']({ year: y, indicatorId: required(values.id, '--id'), done, doneOn: done ? values['done-on']! : null, evidence: values.evidence ?? null });
      console.log(`已记录 ${values.id}：${done ? `完成于 ${values['done-on']}` : '未完成'}`);
      return 0;
    } finally {
      ctx.close();
    }
  }
  throw new UserError('bad_arguments', 'usage: milestones list|set …', '用法：milestones list|set …');
}
