import { createContext, useContext } from 'react';
import type { Language } from '../../../api/contract';
import { translator, type Translate } from './index';

export const I18nContext = createContext<{ t: Translate; language: Language }>({ t: translator('zh'), language: 'zh' });

export function useI18n() {
  return useContext(I18nContext);
}
