import checklist2022 from '../../resources/checklists/2022.json';
import regionsData from '../../resources/regions.json';
import { checklistSchema, regionsSchema, type Checklist, type Regions } from './schema';

/**
 * Reference data shipped with the app. Imported as JSON so that every entry point (CLI, host,
 * Electron bundle, tests) finds it the same way; validated once on first use.
 */
let cache: { checklists: Checklist[]; regions: Regions } | null = null;

function load() {
  if (!cache) {
    cache = {
      checklists: [checklistSchema.parse(checklist2022)],
      regions: regionsSchema.parse(regionsData),
    };
  }
  return cache;
}

export function bundledChecklists(): Checklist[] {
  return load().checklists;
}

export function regions(): Regions {
  return load().regions;
}

export function findPrefecture(code: string) {
  return regions().prefectures.find((p) => p.code === code) ?? null;
}
