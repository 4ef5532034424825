import { create } from 'zustand';
import type { SupervisionFilter } from './SupervisionMatrix';

/**
 * A number clicked in the dashboard's 督办 matrix opens the problem list narrowed to those
 * problems: the dashboard leaves the filter here, the list takes it when it opens.
 */
export interface ProblemFocus {
  prefectureCode?: string;
  supervision: SupervisionFilter;
}

export const useProblemFocus = create<{ focus: ProblemFocus | null; set(f: ProblemFocus | null): void }>((set) => ({
  focus: null,
  set: (focus) => set({ focus }),
}));
