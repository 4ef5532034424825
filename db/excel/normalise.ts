/**
 * Values as offices type them, turned into what the fields expect. Registers kept in Excel or WPS
 * for years hold full-width digits and letters (input methods switch to them), odd spaces,
 * county names with or without the prefecture and 县/区, industries in the words of the GB/T 4754
 * section names or their short forms, and sizes in everyday words.
 */

/** Every kind of space, including the ideographic space, no-break space and zero-width ones. */
const SPACES = /[\s\u00a0\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+/g;

const ENDS = new RegExp(`^${SPACES.source}|${SPACES.source}$`, 'g');

/** Trims all kinds of spaces at both ends (inner spaces are part of the text). */
export function trimSpaces(s: string): string {
  return s.replace(ENDS, '');
}

/** Full-width ASCII (Ｆ１－０) as half-width (F1-0), the ideographic space as a space. */
export function halfWidth(s: string): string {
  return s.replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ').replace(/[－—–‐‑]/g, '-');
}

/**
 * Forms already worked out. Each cell of a list column is compared with every label of its list
 * (a hundred for industries, counties): at 10,000 rows these same few hundred labels were turned
 * into this form millions of times, a fifth of an import. Emptied when large, so a file's own
 * values cannot make it grow without end.
 */
const comparableForms = new Map<string, string>();

/** For comparing a typed value with a list's labels: half-width, no spaces or punctuation, lower case. */
export function comparable(s: string): string {
  let form = comparableForms.get(s);
  if (form === undefined) {
    form = halfWidth(s).replace(SPACES, '').replace(/[、，,·.（）()\-_/]/g, '').toLowerCase();
    if (comparableForms.size >= 10_000) comparableForms.clear();
    comparableForms.set(s, form);
  }
  return form;
}

/** A county as written: 萨迦县, 萨迦, 日喀则市萨迦县, 日喀则萨迦, 西藏自治区日喀则市萨迦县. */
export function countyStem(s: string, prefectureNames: string[]): string {
  let t = comparable(s).replace(/^西藏(自治区)?/, '');
  for (const p of prefectureNames) {
    const stem = p.replace(/(市|地区)$/, '');
    for (const form of [p, `${stem}地区`, `${stem}市`, stem]) {
      if (form && t.startsWith(form) && t.length > form.length) {
        t = t.slice(form.length);
        break;
      }
    }
  }
  return t.replace(/(县|区)$/, '');
}

/**
 * Everyday words for the GB/T 4754 sections: the section name's own words (农业, 林业, 批发,
 * 零售, 餐饮…) and common short forms. A word that fits several sections (旅游: travel agencies
 * are L, hotels H, scenic spots N) is a question for the user, never a guess.
 */
export const INDUSTRY_WORDS: Record<string, string[]> = {
  A: ['农业', '林业', '牧业', '畜牧业', '渔业', '农林牧渔', '农林牧渔业', '种植业', '养殖业', '农牧业', '种养殖'],
  B: ['采矿', '矿业', '采掘业'],
  C: ['制造', '工业', '加工', '加工业', '生产制造'],
  D: ['电力', '热力', '燃气', '供水', '能源', '水电', '电力热力燃气及水生产和供应业'],
  E: ['建筑', '建筑施工', '建筑安装'],
  F: ['批发', '零售', '批发零售', '批发零售业', '商贸', '商贸流通', '贸易', '商业'],
  G: ['交通运输', '运输', '物流', '仓储', '邮政', '快递', '交通运输业'],
  H: ['住宿', '餐饮', '住宿餐饮', '住宿餐饮业', '酒店', '宾馆', '餐饮业'],
  I: ['信息技术', '软件', '信息服务', '互联网', '信息传输', 'it', '软件和信息技术服务业', '信息技术服务'],
  J: ['金融', '保险', '银行'],
  K: ['房地产', '地产', '物业'],
  L: ['租赁', '商务服务', '租赁商务服务'],
  M: ['科研', '科学研究', '技术服务', '科技服务', '研发'],
  N: ['水利', '环境', '公共设施', '环保', '环境治理'],
  O: ['居民服务', '修理', '维修', '家政', '其他服务'],
  P: ['教育', '培训', '教育培训'],
  Q: ['卫生', '医疗', '医药卫生', '社会工作', '卫生健康'],
  R: ['文化', '体育', '娱乐', '文化体育', '文化旅游', '文旅', '文化产业'],
  S: ['公共管理', '社会组织', '社会保障'],
  T: ['国际组织'],
};

/** Words that fit several sections: the user picks. */
export const INDUSTRY_QUESTIONS: Record<string, string[]> = {
  旅游: ['H', 'L', 'R'],
  旅游业: ['H', 'L', 'R'],
  服务业: ['L', 'O'],
  农畜产品加工: ['A', 'C'],
  藏医药: ['C', 'Q'],
};

/** Sizes in everyday words (catalogue ids). 小微 and 中小 name two sizes: the user picks. */
export const SIZE_WORDS: Record<string, string[]> = {
  micro: ['微型', '微型企业', '微', '微企', 'micro'],
  small: ['小型', '小型企业', '小', '小企业', 'small'],
  medium: ['中型', '中型企业', '中', '中企业', 'medium'],
};
export const SIZE_QUESTIONS: Record<string, string[]> = {
  小微: ['small', 'micro'],
  小微企业: ['small', 'micro'],
  小微型: ['small', 'micro'],
  中小: ['medium', 'small'],
  中小型: ['medium', 'small'],
  中小企业: ['medium', 'small'],
  中小微: ['medium', 'small', 'micro'],
};

/** Rows such as 合计, 小计, 总计: totals, not records. */
export function isTotalsText(s: string): boolean {
  return /^(合计|小计|总计|共计|总数|合计数|汇总)[:：]?\d*$/.test(comparable(s));
}

/** A column of row numbers (序号): never data. */
export function isRowNumberHeader(s: string): boolean {
  return /^(序号|序|行号|no|number|#)$/.test(comparable(s));
}
