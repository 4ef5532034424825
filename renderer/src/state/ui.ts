import { create } from 'zustand';

export type PageKey = 'dashboard' | 'enterprises' | 'activities' | 'visits' | 'problems' | 'figures' | 'sync' | 'settings';

/** Which page is shown and which record drawers are open; lists reload when `revision` moves. */
interface UiState {
  page: PageKey;
  enterpriseId: string | null;
  problemId: string | null;
  revision: number;
  go(page: PageKey): void;
  openEnterprise(id: string | null): void;
  openProblem(id: string | null): void;
  /** Something was saved: every list on screen reloads. */
  changed(): void;
}

export const useUi = create<UiState>((set) => ({
  page: 'dashboard',
  enterpriseId: null,
  problemId: null,
  revision: 0,
  go: (page) => set({ page }),
  openEnterprise: (enterpriseId) => set({ enterpriseId }),
  openProblem: (problemId) => set({ problemId }),
  changed: () => set((s) => ({ revision: s.revision + 1 })),
}));
