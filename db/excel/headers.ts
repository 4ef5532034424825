import type { ExcelKind } from './types';
import { comparable, isRowNumberHeader } from './normalise';

/**
 * Column names as offices write them, per field of each importer, besides the template's own
 * header and its English name. Matched after `comparable` (no spaces, brackets or punctuation,
 * half-width, lower case).
 */
const ALIASES: Record<ExcelKind, Record<string, string[]>> = {
  enterprises: {
    name: ['名称', '企业名称', '单位名称', '企业（单位）名称', '企业单位名称', '公司名称', '企业全称', '单位全称', '市场主体名称', '企业', '单位'],
    uscc: ['统一社会信用代码', '信用代码', '社会信用代码', '统一代码', '统一信用代码', '组织机构代码', '营业执照号', '注册号', '统一社会信用代码注册号', 'uscc'],
    noUsccReason: ['无代码原因', '暂无代码原因', '未填代码原因'],
    prefectureCode: ['地市', '所属地市', '所在地市', '地区', '所属地区', '市地', '所属市'],
    countyCode: ['县区', '县（区）', '所在县区', '所在县（区）', '所属县区', '所属县（区）', '县', '区县', '所在区县', '所属区县', '县市区', '县（市、区）', '所在县'],
    address: ['地址', '详细地址', '住所', '经营场所', '经营地址', '注册地址', '企业地址', '办公地址', '通讯地址', '住所（经营场所）', '生产经营地址'],
    industry: ['行业', '行业门类', '行业类别', '所属行业', '行业分类', '国民经济行业', '国民经济行业分类', '所属行业门类', '行业类型'],
    size: ['规模', '企业规模', '企业类型', '规模类型', '企业规模类型', '企业划型', '划型', '规模划型'],
    specialised: ['专精特新', '专精特新类型', '专精特新级别', '专精特新企业'],
    specialisedYear: ['专精特新认定年份', '认定年份', '认定时间', '专精特新认定时间'],
    listing: ['挂牌上市', '上市情况', '上市挂牌情况', '是否上市'],
    contactPerson: ['联系人', '负责人', '法定代表人', '法人', '法人代表', '企业负责人', '联系人姓名', '法定代表人（负责人）'],
    contactPhone: ['联系电话', '电话', '手机', '手机号', '手机号码', '联系方式', '电话号码', '联系人电话', '负责人电话', '法人电话'],
    serviceOfficer: ['服务专员', '专员', '联系服务专员'],
    notes: ['备注', '说明', '其他', '备注说明'],
  },
  activities: {
    id: ['编号', 'id'],
    itemNo: ['清单事项', '事项', '事项序号', '清单序号', '对应事项', '清单项', '对应清单事项'],
    kind: ['活动类型', '类型', '活动类别', '类别', '活动形式类别'],
    title: ['活动名称', '名称', '活动', '会议名称', '活动主题', '主题'],
    date: ['日期', '时间', '活动时间', '活动日期', '举办时间', '举办日期', '开展时间', '召开时间'],
    countyCode: ['县区', '县（区）', '所在县区', '县', '区县'],
    place: ['地点', '活动地点', '举办地点', '地址', '会议地点'],
    organiser: ['主办单位', '主办', '组织单位', '承办单位', '举办单位', '牵头单位'],
    mode: ['形式', '活动形式', '方式', '举办方式'],
    'metrics.participants': ['参加人数', '参与人数', '参会人数', '人数', '参加人次', '参训人次', '培训人次', '参与人次'],
    'metrics.unregistered_enterprises': ['未登记企业数'],
    'metrics.banks': ['金融机构数', '参与金融机构数', '参会金融机构', '银行数'],
    'metrics.loan_signed_amount': ['签约金额', '签约金额（万元）', '融资金额'],
    'metrics.loans_applied': ['申请贷款企业数', '申贷企业数'],
    'metrics.loans_obtained': ['获得贷款企业数', '获贷企业数'],
    'metrics.jobs_offered': ['提供岗位数', '岗位数', '提供岗位'],
    'metrics.scenarios': ['应用场景数', '推广应用场景数', '场景数'],
    'metrics.tech_products': ['技术产品数', '推荐技术产品数'],
    enterpriseIds: ['参与企业', '参会企业', '参加企业', '企业名单', '企业'],
    departments: ['责任单位', '责任部门', '牵头部门'],
    notes: ['备注', '说明'],
  },
  visits: {
    id: ['编号', 'id'],
    enterpriseId: ['企业', '企业名称', '走访企业', '被走访企业', '单位名称', '统一社会信用代码', '信用代码'],
    date: ['走访日期', '日期', '走访时间', '时间'],
    kind: ['走访类型', '类型', '走访方式', '走访类别'],
    visitors: ['走访人员', '走访人', '服务人员', '服务专员', '参加人员', '走访领导'],
    itemNo: ['清单事项', '事项', '对应事项'],
    summary: ['走访情况', '情况', '走访内容', '内容', '服务内容', '走访记录', '备注'],
  },
  problems: {
    id: ['编号', 'id'],
    enterpriseId: ['企业', '企业名称', '提出企业', '单位名称', '统一社会信用代码', '信用代码'],
    category: ['问题类别', '类别', '问题类型', '类型', '困难类型'],
    description: ['问题描述', '问题', '困难问题', '问题内容', '困难和问题', '企业诉求', '诉求'],
    itemNo: ['清单事项', '事项'],
    responsibleUnit: ['责任单位', '责任部门', '承办单位', '办理单位', '牵头单位'],
    deadline: ['办理时限', '时限', '完成时限', '办结时限', '期限'],
    status: ['办理状态', '状态', '办理情况', '进展'],
    resolution: ['办结情况或无法解决原因', '办结情况', '办理结果', '解决情况', '处理结果'],
  },
};

export type Confidence = 'exact' | 'alias' | 'partial';

/** A field as the mapping step shows it. */
export interface FieldInfo {
  key: string;
  header: string;
  headerEn: string;
  required: boolean;
  /** Earlier template headers of the field (read as exactly as the current one). */
  aliases?: string[];
}

export interface HeaderMatch {
  key: string;
  confidence: Confidence;
}

/**
 * The field a header names, and how sure the match is: the template's header or its English name
 * (exact), a known variant (alias), or a header that contains a variant of two characters or
 * more (partial: 企业详细地址 → 地址). The longest contained variant wins. The forms are prepared
 * once per import and each distinct header is matched once (a sheet may be 16,384 columns wide).
 */
export function headerMatcher(kind: ExcelKind, fields: FieldInfo[]): (header: string) => HeaderMatch | null {
  const exact = new Map<string, string>();
  const alias = new Map<string, string>();
  const contained: { form: string; key: string }[] = [];
  for (const f of fields) {
    for (const h of [f.header, f.headerEn, ...(f.aliases ?? [])]) if (!exact.has(comparable(h))) exact.set(comparable(h), f.key);
  }
  // 参与人次 for 参与人次（人次）, 高新技术企业 for 高新技术企业（年份）.
  for (const f of fields) {
    const short = comparable(f.header.replace(/（[^）]*）$/, ''));
    if (!exact.has(short) && !alias.has(short)) alias.set(short, f.key);
  }
  const known = new Set(fields.map((f) => f.key));
  for (const [key, list] of Object.entries(ALIASES[kind])) {
    if (!known.has(key)) continue;
    for (const a of list) if (!alias.has(comparable(a))) alias.set(comparable(a), key);
  }
  for (const f of fields) {
    for (const a of [f.header, ...(ALIASES[kind][f.key] ?? [])]) {
      const form = comparable(a);
      if (form.length >= 2) contained.push({ form, key: f.key });
    }
  }
  contained.sort((a, b) => b.form.length - a.form.length);
  const seen = new Map<string, HeaderMatch | null>();
  return (header) => {
    const h = comparable(header).replace(/\*/g, '');
    if (seen.has(h)) return seen.get(h)!;
    let m: HeaderMatch | null = null;
    if (h && !isRowNumberHeader(header)) {
      if (exact.has(h)) m = { key: exact.get(h)!, confidence: 'exact' };
      else if (alias.has(h)) m = { key: alias.get(h)!, confidence: 'alias' };
      else {
        const hit = contained.find((c) => h.includes(c.form));
        if (hit) m = { key: hit.key, confidence: 'partial' };
      }
    }
    if (seen.size < 100_000) seen.set(h, m);
    return m;
  };
}
