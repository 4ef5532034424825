import { create } from 'zustand';
import type { AppStatus, Language, ReferenceData, SetupInput } from '../../../api/contract';
import { ApiCallError } from '../../../api/contract';
import { api } from '../api';

export interface LoadError {
  code: string;
  message: string;
  messageZh: string;
}

interface AppState {
  status: AppStatus | null;
  reference: ReferenceData | null;
  /** The language before setup is stored: chosen on the setup screen, saved with it. */
  language: Language;
  error: LoadError | null;
  load(): Promise<void>;
  setup(input: Omit<SetupInput, 'language'>): Promise<void>;
  setLanguage(language: Language): Promise<void>;
  setOperator(operatorName: string): Promise<void>;
}

export function toLoadError(e: unknown): LoadError {
  if (e instanceof ApiCallError) return { code: e.code, message: e.message, messageZh: e.messageZh };
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'unreachable', message, messageZh: message };
}

export const useApp = create<AppState>((set, get) => ({
  status: null,
  reference: null,
  language: 'zh',
  error: null,

  async load() {
    try {
      const [status, reference] = await Promise.all([api['app.status']({}), api['reference.get']({}).catch((e: unknown) => e as Error)]);
      // A database that cannot be used: the status says why (the recovery screen), there is no reference data.
      if (status.databaseError) return set({ status, error: null });
      if (reference instanceof Error) throw reference;
      set({ status, reference, language: status.setUp ? status.language : get().language, error: null });
    } catch (e) {
      set({ error: toLoadError(e) });
    }
  },

  async setup(input) {
    const status = await api['app.setup']({ ...input, language: get().language });
    const reference = await api['reference.get']({});
    set({ status, reference, language: status.language });
  },

  async setLanguage(language) {
    set({ language });
    if (get().status?.setUp) {
      const status = await api['settings.setLanguage']({ language });
      set({ status });
    }
  },

  async setOperator(operatorName) {
    const status = await api['settings.setOperator']({ operatorName });
    set({ status });
  },
}));
