/** The dashboard's first screen and its English (issue 15, dashboard part). */
export const dashboardZh = {
  'dashboard.untargeted': '无量化目标的事项（{n} 项，按登记的活动、走访和问题跟踪）',
} as const;
