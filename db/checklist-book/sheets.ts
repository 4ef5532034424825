/**
 * The checklist workbook HQ fills in: one sheet per part of the checklist, one row per entry, one
 * column per field. The same table drives the export (a workbook from an installed checklist) and
 * the import (a checklist from a workbook), so that an export reads back as the same checklist.
 */
export type CellKind = 'text' | 'int' | 'number' | 'ids' | 'nums' | 'bool' | 'json' | 'rest';

export interface BookColumn {
  header: string;
  /** Dotted path in the entry (target.value, compute.activityKinds); for 'rest', the object the leftover keys belong to. */
  path: string;
  kind: CellKind;
  width: number;
  required?: boolean;
  /** Drop-down choices written into the template. */
  options?: readonly string[];
  hint: string;
}

export interface BookSheet {
  name: string;
  /** The checklist's array this sheet holds; null for the sheet of single values (清单). */
  array: string | null;
  columns: BookColumn[];
}

const TARGET_KINDS = ['min', 'exact', 'range', 'percentage', 'milestone', 'tracked'] as const;
const PERIODS = ['yearly', 'cumulative', 'by_year_end', 'year_end'] as const;
export const COMPUTE_KINDS = ['activity_count', 'metric_sum', 'distinct_enterprises', 'ratio', 'coverage', 'enterprise_status_count', 'reported', 'milestone', 'visit_count'] as const;
const REGION = ['sum', 'union', 'weighted', 'hq_figure', 'hq_or_complete_sum', 'hq_milestone', 'each_prefecture'] as const;

/** The columns of the indicators sheet that hold computation fields; the rest go to 其他计算参数. */
export const COMPUTE_COLUMNS = ['kind', 'activityKinds', 'metric', 'status', 'figure', 'visitKinds', 'includeUnregistered', 'enterpriseFilter'];

export const SHEETS: BookSheet[] = [
  {
    name: '清单',
    array: null,
    columns: [
      { header: '年度', path: 'year', kind: 'int', width: 10, required: true, hint: '清单年度，如 2023' },
      { header: '标题', path: 'title', kind: 'text', width: 30, required: true, hint: '如：为中小企业办实事清单' },
      { header: '英文标题', path: 'titleEn', kind: 'text', width: 40, required: true, hint: 'English title' },
      { header: '印发单位', path: 'issuer', kind: 'text', width: 36, required: true, hint: '如：西藏自治区促进中小企业发展工作领导小组' },
      { header: '来源文件', path: 'source', kind: 'text', width: 36, required: true, hint: '原文文件名或文号' },
    ],
  },
  {
    name: '部分',
    array: 'sections',
    columns: [
      { header: '序号', path: 'no', kind: 'int', width: 8, required: true, hint: '1、2、3…' },
      { header: '标题', path: 'title', kind: 'text', width: 30, required: true, hint: '如：强化政策落实' },
      { header: '英文标题', path: 'titleEn', kind: 'text', width: 40, required: true, hint: 'English title' },
    ],
  },
  {
    name: '事项',
    array: 'items',
    columns: [
      { header: '序号', path: 'no', kind: 'int', width: 8, required: true, hint: '1 起按顺序编号' },
      { header: '所属部分', path: 'section', kind: 'int', width: 10, required: true, hint: '“部分”表中的序号' },
      { header: '英文标题', path: 'titleEn', kind: 'text', width: 36, required: true, hint: 'English title' },
      { header: '事项原文', path: 'text', kind: 'text', width: 80, required: true, hint: '清单原文，逐字照录' },
      { header: '责任单位原文', path: 'departmentsText', kind: 'text', width: 40, required: true, hint: '原文中的责任单位' },
      { header: '责任单位编号', path: 'departments', kind: 'ids', width: 24, required: true, hint: '“责任单位”表中的编号，用顿号或逗号分隔' },
      { header: '活动类型编号', path: 'activityKinds', kind: 'ids', width: 30, required: true, hint: '“活动类型”表中的编号，须含 other' },
    ],
  },
  {
    name: '责任单位',
    array: 'departments',
    columns: [
      { header: '编号', path: 'id', kind: 'text', width: 12, required: true, hint: '小写字母、数字、下划线' },
      { header: '名称', path: 'name', kind: 'text', width: 24, required: true, hint: '如：区经济和信息化厅' },
      { header: '英文名称', path: 'nameEn', kind: 'text', width: 40, required: true, hint: 'English name' },
      { header: '别名', path: 'aliases', kind: 'ids', width: 24, hint: '其他写法，用顿号分隔；可空' },
    ],
  },
  {
    name: '指标项',
    array: 'metrics',
    columns: [
      { header: '编号', path: 'id', kind: 'text', width: 24, required: true, hint: '活动填报的数值项编号' },
      { header: '名称', path: 'name', kind: 'text', width: 18, required: true, hint: '如：参与人次' },
      { header: '英文名称', path: 'nameEn', kind: 'text', width: 24, required: true, hint: 'English name' },
      { header: '单位', path: 'unit', kind: 'text', width: 8, required: true, hint: '如：人次' },
      { header: '类型', path: 'type', kind: 'text', width: 10, required: true, options: ['integer', 'decimal'], hint: 'integer 整数 / decimal 小数' },
    ],
  },
  {
    name: '活动类型',
    array: 'activityKinds',
    columns: [
      { header: '编号', path: 'id', kind: 'text', width: 28, required: true, hint: '小写字母、数字、下划线' },
      { header: '名称', path: 'name', kind: 'text', width: 24, required: true, hint: '如：政银企对接会' },
      { header: '英文名称', path: 'nameEn', kind: 'text', width: 30, required: true, hint: 'English name' },
      { header: '适用事项', path: 'items', kind: 'nums', width: 14, required: true, hint: '事项序号，用顿号分隔' },
      { header: '填报指标项', path: 'metrics', kind: 'ids', width: 40, hint: '“指标项”表中的编号，用顿号分隔；可空' },
    ],
  },
  {
    name: '企业状态',
    array: 'enterpriseStatuses',
    columns: [
      { header: '编号', path: 'id', kind: 'text', width: 24, required: true, hint: '小写字母、数字、下划线' },
      { header: '名称', path: 'name', kind: 'text', width: 24, required: true, hint: '如：高新技术企业' },
      { header: '英文名称', path: 'nameEn', kind: 'text', width: 30, required: true, hint: 'English name' },
    ],
  },
  {
    name: '上报数据',
    array: 'reportedFigures',
    columns: [
      { header: '编号', path: 'id', kind: 'text', width: 24, required: true, hint: '小写字母、数字、下划线' },
      { header: '名称', path: 'name', kind: 'text', width: 28, required: true, hint: '如：中小企业贷款余额' },
      { header: '英文名称', path: 'nameEn', kind: 'text', width: 30, required: true, hint: 'English name' },
      { header: '单位', path: 'unit', kind: 'text', width: 8, required: true, hint: '如：亿元' },
      { header: '默认来源', path: 'defaultSource', kind: 'text', width: 24, required: true, hint: '如：人行拉萨中心支行' },
    ],
  },
  {
    name: '指标',
    array: 'indicators',
    columns: [
      { header: '编号', path: 'id', kind: 'text', width: 24, required: true, hint: '以事项序号开头，如 6.events；修订时保持不变' },
      { header: '事项', path: 'item', kind: 'int', width: 6, required: true, hint: '事项序号' },
      { header: '名称', path: 'name', kind: 'text', width: 30, required: true, hint: '指标名称' },
      { header: '英文名称', path: 'nameEn', kind: 'text', width: 30, required: true, hint: 'English name' },
      { header: '单位', path: 'unit', kind: 'text', width: 8, required: true, hint: '如：场次、家、%' },
      { header: '目标类型', path: 'target.kind', kind: 'text', width: 12, required: true, options: TARGET_KINDS, hint: 'min 不少于 / exact 恰为 / range 区间 / percentage 百分比 / milestone 完成与否 / tracked 定期、无量化目标' },
      { header: '目标值', path: 'target.value', kind: 'number', width: 10, hint: 'min、exact、percentage 填写' },
      { header: '区间下限', path: 'target.min', kind: 'number', width: 10, hint: 'range 填写' },
      { header: '区间上限', path: 'target.max', kind: 'number', width: 10, hint: 'range 填写' },
      { header: '统计期间', path: 'period', kind: 'text', width: 12, required: true, options: PERIODS, hint: 'yearly 当年 / cumulative 累计 / by_year_end 截至年底累计 / year_end 年末时点' },
      { header: '计算方式', path: 'compute.kind', kind: 'text', width: 22, required: true, options: COMPUTE_KINDS, hint: 'activity_count 活动场次 / metric_sum 指标项合计 / distinct_enterprises 参与企业（去重）/ ratio 比率 / coverage 覆盖率 / enterprise_status_count 取得状态的企业数 / reported 上报数据 / milestone 里程碑 / visit_count 走访次数' },
      { header: '计入的活动类型', path: 'compute.activityKinds', kind: 'ids', width: 28, hint: 'activity_count、metric_sum、distinct_enterprises 填写' },
      { header: '合计的指标项', path: 'compute.metric', kind: 'text', width: 16, hint: 'metric_sum 填写' },
      { header: '企业状态', path: 'compute.status', kind: 'text', width: 16, hint: 'enterprise_status_count 填写' },
      { header: '上报数据', path: 'compute.figure', kind: 'text', width: 18, hint: 'reported 填写' },
      { header: '计入的走访类型', path: 'compute.visitKinds', kind: 'ids', width: 18, hint: 'visit_count 填写' },
      { header: '含未登记企业', path: 'compute.includeUnregistered', kind: 'bool', width: 10, options: ['是', '否'], hint: 'distinct_enterprises 填写：是 / 否' },
      { header: '企业范围', path: 'compute.enterpriseFilter', kind: 'json', width: 24, hint: '如 {"specialised":true} 或 {"status":"little_giant"}；可空' },
      { header: '其他计算参数', path: 'compute', kind: 'rest', width: 40, hint: 'ratio、coverage 的参数（JSON），导出时原样写出' },
      { header: '全区合计方式', path: 'region', kind: 'text', width: 18, required: true, options: REGION, hint: 'sum 相加 / union 按信用代码去重 / weighted 加权 / hq_figure 仅自治区报送数 / hq_or_complete_sum 自治区数或7地市同日数之和 / hq_milestone 自治区记录 / each_prefecture 各地（市）分别完成' },
      { header: '地市评价方式', path: 'prefecture', kind: 'text', width: 12, required: true, options: ['quota', 'same'], hint: 'quota 有分解目标才计算完成率 / same 按清单目标评价' },
      { header: '累计起始日', path: 'countsFrom', kind: 'text', width: 12, hint: 'cumulative、by_year_end 可填，如 2021-01-01；可空' },
      { header: '原文', path: 'sourceText', kind: 'text', width: 50, required: true, hint: '该指标在清单原文中的表述' },
    ],
  },
  {
    name: '定性事项',
    array: 'qualitative',
    columns: [
      { header: '事项', path: 'item', kind: 'int', width: 8, required: true, hint: '事项序号' },
      { header: '内容', path: 'text', kind: 'text', width: 60, required: true, hint: '无法用数字检查的承诺' },
      { header: '英文', path: 'textEn', kind: 'text', width: 60, required: true, hint: 'English' },
    ],
  },
];
