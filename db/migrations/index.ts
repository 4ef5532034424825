import { sql as initial } from './001_initial';
import { sql as search } from './002_search';
import { sql as sync } from './003_sync';
import { sql as problemVisit } from './004_problem_visit_index';
import { sql as twoCharacterSearch } from './005_two_character_search';
import { sql as shortSearch } from './006_short_search';
import { sql as indicatorIndexes } from './007_indicator_indexes';
import { sql as dashboardIndexes } from './008_dashboard_indexes';
import { sql as syncAuthority } from './009_sync_authority';
import { sql as datedStatuses } from './010_dated_statuses';
import { sql as supervision } from './011_supervision';
import { sql as nameKeys } from './012_name_keys';
import { sql as indicatorCoveringIndexes } from './013_indicator_covering_indexes';
import { sql as shortSearchIndex } from './014_short_search_index';
import { sql as specialisedIndex } from './015_specialised_index';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Append only: a released migration is never edited, a new one is added with the next number. */
export const migrations: readonly Migration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'enterprise search', sql: search },
  { version: 3, name: 'sync', sql: sync },
  { version: 4, name: 'index of problems by visit', sql: problemVisit },
  { version: 5, name: 'two-character enterprise search', sql: twoCharacterSearch },
  { version: 6, name: 'short enterprise searches from the name index', sql: shortSearch },
  { version: 7, name: 'covering indexes for indicators', sql: indicatorIndexes },
  { version: 8, name: 'covering indexes for the dashboard', sql: dashboardIndexes },
  { version: 9, name: 'sync authority: superseded keys, security events', sql: syncAuthority },
  { version: 10, name: 'statuses and service officers carry their date', sql: datedStatuses },
  { version: 11, name: 'supervision and reminders from headquarters', sql: supervision },
  { version: 12, name: 'enterprise names in pinyin order', sql: nameKeys },
  { version: 13, name: 'indicator queries read only indexes', sql: indicatorCoveringIndexes },
  { version: 14, name: 'one- and two-character enterprise search from an index', sql: shortSearchIndex },
  { version: 15, name: 'index of the specialised enterprises for coverage figures', sql: specialisedIndex },
];

export const latestSchemaVersion = migrations[migrations.length - 1]!.version;

/**
 * Tables whose rows carry the sync columns and travel between installations. `targets` and
 * `supervision_items` are HQ's (reference packages); the others are the offices' registers.
 */
export const syncedTables = [
  'targets',
  'enterprises',
  'activities',
  'activity_enterprises',
  'visits',
  'problems',
  'problem_notes',
  'reported_figures',
  'milestones',
  'supervision_items',
] as const;
export type SyncedTable = (typeof syncedTables)[number];
