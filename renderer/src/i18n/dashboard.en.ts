import type { dashboardZh } from './dashboard.zh';

export const dashboardEn: Record<keyof typeof dashboardZh, string> = {
  'dashboard.untargeted': 'Items without a numeric target ({n}, followed through activities, visits and problems)',
};
