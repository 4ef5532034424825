import type { Language, TargetView } from '../../../../api/contract';
import type { IndicatorValueView } from '../../../../api/progress-contract';
import type { Translate } from '../../i18n';
import { formatFigure, formatNumber, unitText } from '../../lib/units';

/** A target with its unit in the UI language: ≥ 30 场次, ≥ 30 events, ≥ 14 (家 is left out in English). */
export function formatTarget(t: Translate, target: TargetView, unit: string, language: Language): string {
  const n = (v: number | undefined) => formatNumber(v ?? 0, language);
  const u = unitText(unit, language);
  const withUnit = (text: string) => (u ? `${text} ${u}` : text);
  switch (target.kind) {
    case 'min':
      return withUnit(t('target.min', { value: n(target.value) }));
    case 'exact':
      return withUnit(t('target.exact', { value: n(target.value) }));
    case 'range':
      return withUnit(t('target.range', { min: n(target.min), max: n(target.max) }));
    case 'percentage':
      return t('target.percentage', { value: n(target.value) });
    case 'milestone':
      return t('target.milestone');
    case 'tracked':
      return t('target.tracked');
  }
}

/** A figure with its unit; a per-prefecture commitment at the region as "5/7 个地（市）". */
export function valueText(t: Translate, v: IndicatorValueView, language: Language): string {
  if (v.value === null) return '—';
  if (v.region === 'each_prefecture' && v.parts) return t('progress.prefecturesDone', { n: v.parts.numerator, d: v.parts.denominator });
  if (v.computation === 'milestone') return v.value ? t('target.milestone') : t('progress.notDone');
  return formatFigure(v.value, v.unit, language);
}

/**
 * A percentage as the table and the matrix both show it: the engine's one decimal (3.3%), so the
 * two never disagree (the matrix once rounded to 3% beside the table's 3.3%).
 */
export function percentText(percent: number, language: Language): string {
  return `${formatNumber(percent, language)}%`;
}

/** Why a figure has no percentage. */
export function unjudged(t: Translate, status: IndicatorValueView['status']): string {
  switch (status) {
    case 'no_quota':
      return t('progress.noQuota');
    case 'over':
      return t('progress.over');
    case 'regional':
      return t('progress.regional');
    case 'tracked':
      return t('progress.tracked');
    default:
      return t('progress.noData');
  }
}

/** The indicator's note (why a figure is missing or partial) in the UI language. */
export function noteText(v: IndicatorValueView, language: Language): string {
  if (!v.note) return '';
  return language === 'zh' ? v.note.zh : v.note.en;
}

export function firstSentence(text: string): string {
  const end = text.indexOf('。');
  return end > 0 && end < 80 ? text.slice(0, end + 1) : `${text.slice(0, 60)}…`;
}
