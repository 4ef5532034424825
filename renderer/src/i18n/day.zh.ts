/** A clerk's day at 1366×768 in both languages (issue 15): dates, units, list folding. */
export const dayZh = {
  'date.future': '日期不能晚于今天（{today}）。',
  'date.outsideChecklistYear': '该日期不在 {year} 年度内，不计入 {year} 年清单的进度。',
  'problem.open': '办理',
  'setup.hqOfficeName': '西藏自治区经济和信息化厅',
  'enterprise.yearRange': '年份应在 1990 至 {max} 年之间。',
} as const;
