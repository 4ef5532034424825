import type { Database } from 'better-sqlite3';
import { regions } from '../reference/bundled';
import { evaluate, evaluateInTurns, type IndicatorValue, type Progress } from './engine';

/** Every indicator for the region and for each prefecture: HQ's matrix. */
export interface Matrix {
  year: number;
  asOf: string;
  prefectures: { code: string; name: string; nameEn: string }[];
  region: IndicatorValue[];
  byPrefecture: Record<string, IndicatorValue[]>;
}

const prefectures = () => regions().prefectures.map((p) => ({ code: p.code, name: p.name, nameEn: p.nameEn }));

function assemble(year: number, region: Progress, byPrefecture: [string, Progress][]): Matrix {
  return { year, asOf: region.asOf, prefectures: prefectures(), region: region.indicators, byPrefecture: Object.fromEntries(byPrefecture.map(([code, p]) => [code, p.indicators])) };
}

export function progressMatrix(db: Database, year: number, asOf?: string): Matrix {
  const region = evaluate(db, { year, prefectureCode: null, asOf });
  return assemble(year, region, prefectures().map((p) => [p.code, evaluate(db, { year, prefectureCode: p.code, asOf })]));
}

/** The same, giving way to other requests between indicators (each scope is cached on its own). */
export async function progressMatrixInTurns(db: Database, year: number, asOf?: string): Promise<Matrix> {
  const region = await evaluateInTurns(db, { year, prefectureCode: null, asOf });
  const byPrefecture: [string, Progress][] = [];
  for (const p of prefectures()) byPrefecture.push([p.code, await evaluateInTurns(db, { year, prefectureCode: p.code, asOf })]);
  return assemble(year, region, byPrefecture);
}
