import type { Language } from '../../../api/contract';

/**
 * The checklist's units are Chinese data (人次, 家, 万元…). In English a counter that only says
 * "how many" (家, 个, 项, 户, 只) is dropped, since the figure's name says what is counted; the
 * others are translated. Money stays in the unit the checklist uses.
 */
const EN: Record<string, string> = {
  人次: 'person-times',
  万元: '×10,000 yuan',
  亿元: '×100 million yuan',
  个月: 'months',
  场: 'events',
  场次: 'events',
  次: 'times',
  '%': '%',
  家: '',
  个: '',
  项: '',
  户: '',
  只: '',
};

export function unitText(unit: string | null | undefined, language: Language): string {
  if (!unit) return '';
  return language === 'zh' ? unit : (EN[unit] ?? unit);
}

// One formatter per language: toLocaleString with options builds a new one on every call, and
// HQ's first dashboard formats several hundred figures (tens of milliseconds on a busy machine).
const FORMATTERS: Record<Language, Intl.NumberFormat> = {
  zh: new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }),
};

/** 3500.5 → 3,500.5 (zh-CN and en-GB group thousands the same way); at most two decimals. */
export function formatNumber(value: number, language: Language): string {
  return FORMATTERS[language].format(value);
}

/** A figure with its unit: 3,500.5 万元, 120 人次, 85%. */
export function formatFigure(value: number, unit: string | null | undefined, language: Language): string {
  const u = unitText(unit, language);
  if (!u) return formatNumber(value, language);
  return u === '%' ? `${formatNumber(value, language)}%` : `${formatNumber(value, language)} ${u}`;
}

/** A field label with its unit: 签约金额（万元）, Loans signed (×10,000 yuan). */
export function withUnit(label: string, unit: string | null | undefined, language: Language): string {
  const u = unitText(unit, language);
  if (!u) return label;
  return language === 'zh' ? `${label}（${u}）` : `${label} (${u})`;
}
