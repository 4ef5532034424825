import type { Basis } from './combine';

export interface Note {
  zh: string;
  en: string;
}

/** What a region's figure rests on, or why it has none: written once, in Chinese and English. */
export function basisNote(b: Basis): Note {
  switch (b.kind) {
    case 'hq_figure':
      return { zh: `自治区报送数（截至${b.date}）`, en: `HQ's reported figure (as of ${b.date})` };
    case 'complete_sum':
      return { zh: `${b.of}个地（市）同日（${b.date}）报送数之和`, en: `Sum of all ${b.of} prefectures' figures of the same date (${b.date})` };
    case 'not_reported':
      return { zh: '未报送', en: 'Not reported' };
    case 'partly_reported':
      return { zh: `部分地市未报送（${b.reported}/${b.of}已报送），且无自治区报送数`, en: `Partly reported (${b.reported} of ${b.of} prefectures), and no HQ figure` };
    case 'hq_missing':
      return { zh: `自治区未报送；比率、时长不能由地（市）数相加（${b.reported}/${b.of}个地（市）已报送）`, en: `HQ has not reported it; rates and durations do not add (${b.reported} of ${b.of} prefectures reported)` };
    case 'weighted':
      return { zh: '按各地（市）分子、分母合计加权', en: 'Weighted: the prefectures\u2019 numerators and denominators summed' };
    case 'union':
      return { zh: '按统一社会信用代码去重', en: 'Distinct by credit code across offices' };
    case 'prefectures_done':
      return { zh: `${b.done}/${b.of}个地（市）已完成`, en: `${b.done} of ${b.of} prefectures done` };
    case 'hq_records':
      return { zh: '自治区层面事项，由自治区记录', en: 'A regional commitment, recorded by HQ' };
  }
}

/** Distinct enterprises: registered ones once each, unregistered attendees as the events counted them. */
export function enterprisesNote(registered: number, unregistered: number | null): Note | null {
  if (unregistered === null) return null;
  return {
    zh: `已登记企业${registered}家（按信用代码去重）＋未登记企业${unregistered}家（按场次累计，可能重复）`,
    en: `${registered} registered enterprises (distinct by credit code) + ${unregistered} unregistered ones (counted per event, may repeat)`,
  };
}
