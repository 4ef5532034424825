import checklist2022 from '../../resources/checklists/2022.json';
import regionsData from '../../resources/regions.json';
import cataloguesData from '../../resources/catalogues.json';
import { cataloguesSchema, checklistSchema, regionsSchema, type Catalogues, type Checklist, type Regions } from './schema';

/**
 * Reference data shipped with the app. Imported as JSON so that every entry point (CLI, host,
 * Electron bundle, tests) finds it the same way; validated once on first use.
 */
let cache: { checklists: Checklist[]; regions: Regions; catalogues: Catalogues } | null = null;

function load() {
  if (!cache) {
    cache = {
      checklists: [checklistSchema.parse(checklist2022)],
      regions: regionsSchema.parse(regionsData),
      catalogues: cataloguesSchema.parse(cataloguesData),
    };
  }
  return cache;
}

export function bundledChecklists(): Checklist[] {
  return load().checklists;
}

/**
 * The revision of each bundled year. 2022 revision 2 declares how every indicator combines into
 * the region, dates its yearly designations, and adds the commitments that had no figure (items
 * 3, 6, 18, 21); an installation holding revision 1 from an older build takes it on start.
 */
export const BUNDLED_REVISIONS: Readonly<Record<number, number>> = { 2022: 2 };

export function regions(): Regions {
  return load().regions;
}

export function findPrefecture(code: string) {
  return regions().prefectures.find((p) => p.code === code) ?? null;
}

export function catalogues(): Catalogues {
  return load().catalogues;
}

export function findCounty(code: string) {
  for (const p of regions().prefectures) {
    const c = p.counties.find((x) => x.code === code);
    if (c) return { ...c, prefectureCode: p.code };
  }
  return null;
}
