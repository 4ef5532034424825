import type { Database } from 'better-sqlite3';
import { regions } from '../reference/bundled';
import { evaluate, type IndicatorValue } from './engine';

/** Every indicator for the region and for each prefecture: HQ's matrix. */
export interface Matrix {
  year: number;
  asOf: string;
  prefectures: { code: string; name: string; nameEn: string }[];
  region: IndicatorValue[];
  byPrefecture: Record<string, IndicatorValue[]>;
}

export function progressMatrix(db: Database, year: number, asOf?: string): Matrix {
  const region = evaluate(db, { year, prefectureCode: null, asOf });
  const prefectures = regions().prefectures.map((p) => ({ code: p.code, name: p.name, nameEn: p.nameEn }));
  const byPrefecture = Object.fromEntries(prefectures.map((p) => [p.code, evaluate(db, { year, prefectureCode: p.code, asOf }).indicators]));
  return { year, asOf: region.asOf, prefectures, region: region.indicators, byPrefecture };
}
