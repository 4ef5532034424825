import { print } from '../say';
import { parse } from '../args';
import { openInstalled } from '../run';
import { generateDemo } from '../../db/demo';
import { UserError } from '../../db/errors';

export const usage = 'demo --data DIR [--enterprises N] [--activities N] [--visits N] [--seed S] [--year Y] [--problems-per-visit X] [--enterprises-per-activity N] [--json]';

function count(v: string | undefined, flag: string, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 1_000_000) throw new UserError('bad_arguments', `${flag} must be a whole number from 0 to 1000000`, `${flag} 应为 0 到 1000000 的整数`);
  return n;
}

function rate(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n > 1.5) throw new UserError('bad_arguments', '--problems-per-visit must be a number from 0 to 1.5', '--problems-per-visit 应为 0 到 1.5 之间的数');
  return n;
}

export async function run(argv: string[]): Promise<void> {
  const { values } = parse(argv, {
    data: { type: 'string' },
    enterprises: { type: 'string' },
    activities: { type: 'string' },
    visits: { type: 'string' },
    seed: { type: 'string' },
    year: { type: 'string' },
    'problems-per-visit': { type: 'string' },
    'enterprises-per-activity': { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  const { db, close } = openInstalled(values.data);
  try {
    const started = performance.now();
    const result = generateDemo(db, {
      enterprises: count(values.enterprises, '--enterprises', 200),
      activities: count(values.activities, '--activities', 300),
      visits: count(values.visits, '--visits', 300),
      seed: count(values.seed, '--seed', 1),
      year: values.year === undefined ? undefined : count(values.year, '--year', 0),
      problemsPerVisit: rate(values['problems-per-visit']),
      enterprisesPerActivity: values['enterprises-per-activity'] === undefined ? undefined : count(values['enterprises-per-activity'], '--enterprises-per-activity', 12),
    });
    const seconds = (performance.now() - started) / 1000;
    if (values.json) console.log(JSON.stringify({ ...result, seconds }));
    else {
      print(
        `已添加 ${result.year} 年演示数据：企业 ${result.enterprises} 家，活动 ${result.activities} 项，走访 ${result.visits} 次（问题 ${result.problems} 个），用时 ${seconds.toFixed(1)} 秒`,
        `added ${result.enterprises} enterprises, ${result.activities} activities, ${result.visits} visits with ${result.problems} problems for ${result.year} in ${seconds.toFixed(1)} s`,
      );
    }
  } finally {
    close();
  }
}
