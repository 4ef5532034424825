import { Segmented } from 'antd';
import type { Language } from '../../../api/contract';
import { useApp } from '../state/app';

/** Takes effect at once; after setup it is stored with the installation. */
export function LanguageSwitch({ onChanged }: { onChanged?: (language: Language) => void }) {
  const { language, setLanguage } = useApp();
  return (
    <Segmented<Language>
      data-testid="language-switch"
      value={language}
      options={[
        { label: '中文', value: 'zh' },
        { label: 'English', value: 'en' },
      ]}
      onChange={(value) => {
        void setLanguage(value).then(() => onChanged?.(value));
      }}
    />
  );
}
