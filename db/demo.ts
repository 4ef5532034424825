import type { Database } from 'better-sqlite3';
import { activityInput, enterpriseInput, visitInput } from '../api/entities';
import { saveEnterprise } from './enterprises';
import { saveActivity } from './activities';
import { saveVisit } from './visits';
import { setProblemStatus } from './problems';
import { requireInstallation } from './installation';
import { getChecklist, currentChecklist } from './checklists';
import { catalogues, findPrefecture, regions } from './reference/bundled';
import { makeUscc, USCC_ALPHABET } from './validation/uscc';
import { today } from './clock';
import { UserError } from './errors';

/** mulberry32: a small seeded generator, so the same seed gives the same office. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
type Rng = ReturnType<typeof rng>;

const PREFIXES = ['净土', '雪域', '高原', '珠峰', '圣湖', '雅江', '格桑', '吉祥', '藏源', '天路', '念青', '羌塘', '冈底斯', '日光', '圣城', '扎西', '康巴', '工布', '雅砻', '喜马拉雅', '纳木', '拉鲁', '甘露', '吉隆', '象雄'];
const TRADES: { trade: string; industry: string }[] = [
  { trade: '农牧科技', industry: 'A' }, { trade: '青稞食品', industry: 'C' }, { trade: '牦牛乳业', industry: 'C' }, { trade: '藏药', industry: 'C' },
  { trade: '天然饮用水', industry: 'C' }, { trade: '建材', industry: 'C' }, { trade: '商品混凝土', industry: 'C' }, { trade: '砂石骨料', industry: 'B' },
  { trade: '文化旅游', industry: 'R' }, { trade: '信息技术', industry: 'I' }, { trade: '物流', industry: 'G' }, { trade: '民族手工艺', industry: 'C' },
  { trade: '松茸贸易', industry: 'F' }, { trade: '蜂产品', industry: 'A' }, { trade: '清洁能源', industry: 'D' }, { trade: '建筑工程', industry: 'E' },
  { trade: '酒店管理', industry: 'H' }, { trade: '藏香制品', industry: 'C' }, { trade: '商贸', industry: 'F' }, { trade: '生态科技', industry: 'M' },
];
const SUFFIXES = ['有限公司', '有限责任公司', '股份有限公司', '开发有限公司', '专业合作社'];
const PEOPLE = ['扎西', '次仁', '卓玛', '格桑', '央金', '多吉', '平措', '德吉', '拉巴', '索朗', '尼玛', '达瓦', '白玛', '旺堆', '王伟', '李娜', '张强', '刘洋', '陈静', '杨帆'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];

export interface DemoOptions {
  enterprises: number;
  activities: number;
  visits: number;
  seed: number;
  year?: number;
  /** Problems raised per visit on average (default 0.6); one or two per visit that has any. */
  problemsPerVisit?: number;
  /** The most enterprises one activity lists (default 12; each activity lists 0 to this many). */
  enterprisesPerActivity?: number;
}

export interface DemoResult {
  enterprises: number;
  activities: number;
  visits: number;
  problems: number;
  year: number;
}

function dateIn(r: Rng, year: number): string {
  const last = today() < `${year}-12-31` ? today() : `${year}-12-31`;
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(Number(last.slice(0, 4)), Number(last.slice(5, 7)) - 1, Number(last.slice(8, 10)));
  if (end < start) throw new UserError('bad_arguments', `${year} has not started yet.`, `${year}年尚未开始。`);
  return new Date(start + Math.floor(r.next() * ((end - start) / 86400000 + 1)) * 86400000).toISOString().slice(0, 10);
}

/**
 * Fills an office with realistic, reproducible data through the same save functions the forms
 * use: valid credit codes, real counties of its prefecture, activities under the checklist's
 * items with plausible metrics, visits with problems. Adds to what is there.
 */
export function generateDemo(db: Database, options: DemoOptions): DemoResult {
  const inst = requireInstallation(db);
  const checklist = options.year ? getChecklist(db, options.year) : currentChecklist(db);
  if (!checklist) throw new UserError('bad_arguments', `No checklist for ${options.year}.`, `没有${options.year}年的清单。`);
  const year = checklist.year;
  const r = rng(options.seed);
  const prefectures = inst.prefectureCode ? [findPrefecture(inst.prefectureCode)!] : regions().prefectures;
  const cat = catalogues();
  const statuses = checklist.enterpriseStatuses.map((s) => s.id).filter((s) => s !== 'listing');
  const result: DemoResult = { enterprises: 0, activities: 0, visits: 0, problems: 0, year };
  const existingCount = (db.prepare('SELECT count(*) AS n FROM enterprises').get() as { n: number }).n;

  db.transaction(() => {
    const names = new Set((db.prepare('SELECT name FROM enterprises').all() as { name: string }[]).map((x) => x.name));
    // Exactly the number asked for: an enterprise whose drawn code clashes is drawn again whole.
    let clashes = 0;
    for (let i = 0; result.enterprises < options.enterprises; i++) {
      const p = r.pick(prefectures);
      const county = r.pick(p.counties);
      const t = r.pick(TRADES);
      const place = r.chance(0.5) ? county.name.replace(/[区县市]$/, '') : p.name.replace(/[市地区]+$/, '');
      let name = `${place}${r.pick(PREFIXES)}${t.trade}${r.pick(SUFFIXES)}`;
      if (names.has(name)) name = name.replace(/(有限|股份|开发|专业)/, `${existingCount + i + 1}号$1`);
      names.add(name);
      const specialised = r.chance(0.08) ? (r.chance(0.2) ? 'national' : 'region') : 'none';
      const st: Record<string, number> = {};
      for (const s of statuses) if (r.chance(0.03)) st[s] = r.int(year - 2, year);
      const body = `MA${r.pick(['6T', '6R', '7B', '6U'])}${Array.from({ length: 4 }, () => r.pick([...USCC_ALPHABET])).join('')}`;
      const input = enterpriseInput.parse({
        uscc: r.chance(0.98) ? makeUscc(r.pick(['91', '92', '93']), county.code, body) : null,
        noUsccReason: '尚未办理营业执照',
        name,
        prefectureCode: p.code,
        countyCode: county.code,
        address: `${p.name}${county.name}${r.pick(['金珠', '北京', '江苏', '林廓', '色拉', '八一', '扎西'])}路${r.int(1, 300)}号`,
        industry: t.industry,
        size: r.pick(['micro', 'micro', 'small', 'small', 'medium']),
        specialised,
        specialisedYear: specialised === 'none' ? null : r.int(year - 3, year),
        listing: st.listing ? 'in_progress' : 'none',
        contactPerson: `${r.pick(SURNAMES)}${r.pick(['先生', '女士', '经理'])}`,
        contactPhone: `1${r.pick(['38', '39', '58', '89', '91'])}${String(r.int(0, 99999999)).padStart(8, '0')}`,
        serviceOfficer: specialised !== 'none' || r.chance(0.2) ? r.pick(PEOPLE) : null,
        // Officers counted from the start of the demo's year (ignored where none is drawn).
        serviceOfficerSince: `${year}-01-01`,
        statuses: st,
      });
      try {
        saveEnterprise(db, input);
        result.enterprises++;
      } catch (e) {
        // A code drawn twice clashes with the register: draw this enterprise again.
        if (!(e instanceof UserError && e.code === 'duplicate_uscc')) throw e;
        // 4 random characters in 20 counties' worth of codes: only a register near full clashes this often.
        if (++clashes > 10_000) throw new UserError('demo_full', 'Too many generated credit codes clash with the register; use fewer enterprises.', '生成的信用代码与已登记企业重复过多，请减少 --enterprises 数量。');
      }
    }

    // In the order they were made: with no ORDER BY the planner may read an index sorted by the
    // random ids, and the same seed would no longer give the same office.
    const ids = (db.prepare('SELECT id, specialised FROM enterprises WHERE deleted = 0 ORDER BY rowid').all() as { id: string; specialised: string }[]);
    if (ids.length === 0 && (options.activities > 0 || options.visits > 0)) {
      throw new UserError('bad_arguments', 'Activities and visits need enterprises: add --enterprises N.', '活动和走访需要企业：请加上 --enterprises N。');
    }
    const kinds = checklist.activityKinds.filter((k) => k.id !== 'other');
    for (let i = 0; i < options.activities; i++) {
      const kind = r.pick(kinds);
      const itemNo = r.pick(kind.items);
      const p = r.pick(prefectures);
      const county = r.pick(p.counties);
      const metrics: Record<string, number> = {};
      for (const m of kind.metrics) {
        if (m === 'loans_obtained') continue;
        metrics[m] = m === 'loan_signed_amount' ? r.int(50, 5000) * 10 : m === 'participants' ? r.int(15, 400) : r.int(1, 30);
      }
      if (kind.metrics.includes('loans_obtained')) metrics.loans_obtained = r.int(0, metrics.loans_applied ?? 0);
      const linked = new Set<string>();
      const n = r.int(0, Math.min(options.enterprisesPerActivity ?? 12, ids.length));
      for (let j = 0; j < n; j++) linked.add(r.pick(ids).id);
      const input = activityInput.parse({
        itemNo,
        kind: kind.id,
        title: `${county.name}${kind.name}${r.pick(['（第一期）', '（第二期）', '专场', '座谈会', '', '活动'])}`,
        date: dateIn(r, year),
        countyCode: inst.prefectureCode ? county.code : null,
        place: `${county.name}${r.pick(['政务服务中心', '工业园区', '经信局会议室', '创业孵化基地', '线上平台'])}`,
        organiser: `${p.name}经济和信息化局`,
        mode: r.pick(['offline', 'offline', 'online', 'hybrid']),
        metrics,
        departments: checklist.items.find((x) => x.no === itemNo)!.departments.slice(0, r.int(1, 2)),
        enterpriseIds: [...linked],
      });
      if (inst.role === 'hq') continue; // HQ receives activities from offices, it does not record them.
      saveActivity(db, input);
      result.activities++;
    }

    const problemText = [
      ['financing', '流动资金紧张，申请贷款缺少抵押物'], ['land', '扩建厂房用地审批进度慢'], ['electricity', '冬季用电负荷不足，影响生产'],
      ['labour', '缺少熟练技术工人，招工困难'], ['logistics', '产品运往区外物流成本高'], ['raw_materials', '包装材料需从区外采购，价格上涨'],
      ['market', '产品销路窄，希望对接区外商超渠道'], ['policy', '不了解专精特新申报政策'], ['other', '希望协调办理食品生产许可延续'],
    ] as const;
    const departments = checklist.departments;
    const problemChance = Math.min(1, (options.problemsPerVisit ?? 0.6) / 1.5);
    for (let i = 0; i < options.visits; i++) {
      if (inst.role === 'hq') break;
      const e = r.pick(ids);
      const date = dateIn(r, year);
      const problems = Array.from({ length: r.chance(problemChance) ? r.int(1, 2) : 0 }, () => {
        const [category, description] = r.pick(problemText);
        const deadline = new Date(Date.parse(date) + r.int(15, 120) * 86400000).toISOString().slice(0, 10);
        return { category, description, itemNo: r.chance(0.7) ? 21 : r.int(1, 22), responsibleUnit: r.pick(departments).name, deadline };
      });
      const { record } = saveVisit(
        db,
        visitInput.parse({
          enterpriseId: e.id,
          date,
          kind: e.specialised !== 'none' && r.chance(0.3) ? 'energy_diagnosis' : r.pick(cat.visitKinds).id,
          visitors: `${r.pick(PEOPLE)}、${r.pick(PEOPLE)}`,
          itemNo: r.chance(0.6) ? 21 : null,
          summary: r.pick(['了解企业生产经营情况', '宣讲惠企政策', '开展一对一服务', '调研企业发展困难']),
          problems,
        }),
      );
      result.visits++;
      for (const p of record.problems) {
        result.problems++;
        const roll = r.next();
        const when = p.deadline && p.deadline < today() ? p.deadline : today();
        const on = when < date ? date : when;
        if (roll < 0.45) setProblemStatus(db, { id: p.id, status: 'resolved', resolution: '已协调相关部门解决', note: null, date: on });
        else if (roll < 0.7) setProblemStatus(db, { id: p.id, status: 'in_progress', resolution: null, note: '已转责任单位办理', date });
        else if (roll < 0.75) setProblemStatus(db, { id: p.id, status: 'unresolvable', resolution: '超出地方政策权限', note: null, date: on });
      }
    }
  })();
  db.pragma('optimize');
  return result;
}
