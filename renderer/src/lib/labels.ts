import type { Language, ReferenceData } from '../../../api/contract';

/** Names for the codes the API returns, in the current language. */
export function labels(ref: ReferenceData, language: Language) {
  const name = (e: { name: string; nameEn: string } | undefined, fallback: string | null | undefined) =>
    e ? (language === 'zh' ? e.name : e.nameEn) : (fallback ?? '');
  const counties = new Map(ref.prefectures.flatMap((p) => p.counties.map((c) => [c.code, c])));
  const prefectures = new Map(ref.prefectures.map((p) => [p.code, p]));
  const c = ref.catalogues;
  const list = ref.checklist;
  return {
    county: (code: string | null | undefined) => (code ? name(counties.get(code), code) : ''),
    prefecture: (code: string | null | undefined) => (code ? name(prefectures.get(code), code) : ''),
    industry: (code: string | null | undefined) => (code ? `${code} ${name(c.industries.find((i) => i.code === code), code)}` : ''),
    size: (id: string | null | undefined) => name(c.sizes.find((x) => x.id === id), id),
    specialised: (id: string | null | undefined) => name(c.specialised.find((x) => x.id === id), id),
    listing: (id: string | null | undefined) => name(c.listing.find((x) => x.id === id), id),
    visitKind: (id: string | null | undefined) => name(c.visitKinds.find((x) => x.id === id), id),
    category: (id: string | null | undefined) => name(c.problemCategories.find((x) => x.id === id), id),
    status: (id: string | null | undefined) => name(c.problemStatuses.find((x) => x.id === id), id),
    mode: (id: string | null | undefined) => name(c.activityModes.find((x) => x.id === id), id),
    activityKind: (id: string | null | undefined) => name(list?.activityKinds.find((x) => x.id === id), id),
    metric: (id: string) => list?.metrics.find((x) => x.id === id),
    enterpriseStatus: (id: string) => name(list?.enterpriseStatuses.find((x) => x.id === id), id),
    department: (id: string) => name(list?.departments.find((x) => x.id === id), id),
    figure: (id: string) => list?.reportedFigures.find((x) => x.id === id),
    item: (no: number | null | undefined) => {
      const item = list?.items.find((i) => i.no === no);
      if (!item) return no ? `${no}` : '';
      return language === 'zh' ? `（${no}）${item.text.slice(0, 24)}…` : `${no}. ${item.titleEn}`;
    },
    itemShort: (no: number | null | undefined) => (no ? (language === 'zh' ? `第${no}项` : `Item ${no}`) : ''),
  };
}
export type Labels = ReturnType<typeof labels>;
