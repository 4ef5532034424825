/**
 * First schema. Every table whose rows travel to headquarters carries the same sync columns:
 * a UUID, the installation that owns the row (origin), a version taken from the installation's
 * logical clock (never the wall clock, which laptops get wrong), and soft deletion.
 */
const syncColumns = `
  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
  origin TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version > 0),
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL`;

export const sql = `
CREATE TABLE installation (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  id TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('office', 'hq')),
  prefecture_code TEXT,
  office_name TEXT NOT NULL,
  operator_name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  clock INTEGER NOT NULL DEFAULT 0,
  CHECK ((role = 'office') = (prefecture_code IS NOT NULL))
);

CREATE TABLE settings (
  key TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
);

CREATE TABLE checklists (
  year INTEGER PRIMARY KEY NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1,
  data TEXT NOT NULL,
  origin TEXT NOT NULL,
  installed_at TEXT NOT NULL
);

CREATE TABLE targets (${syncColumns},
  year INTEGER NOT NULL,
  indicator_id TEXT NOT NULL,
  prefecture_code TEXT NOT NULL DEFAULT '',
  target TEXT NOT NULL,
  UNIQUE (year, indicator_id, prefecture_code)
);

CREATE TABLE enterprises (${syncColumns},
  uscc TEXT,
  no_uscc_reason TEXT,
  name TEXT NOT NULL,
  prefecture_code TEXT NOT NULL,
  county_code TEXT,
  address TEXT,
  industry TEXT,
  size TEXT CHECK (size IN ('micro', 'small', 'medium')),
  specialised TEXT NOT NULL DEFAULT 'none' CHECK (specialised IN ('none', 'region', 'national')),
  specialised_year INTEGER,
  above_scale INTEGER NOT NULL DEFAULT 0,
  high_tech INTEGER NOT NULL DEFAULT 0,
  listing TEXT NOT NULL DEFAULT 'none' CHECK (listing IN ('none', 'in_progress', 'listed')),
  contact_person TEXT,
  contact_phone TEXT,
  service_officer TEXT,
  statuses TEXT NOT NULL DEFAULT '{}',
  notes TEXT,
  CHECK (uscc IS NOT NULL OR no_uscc_reason IS NOT NULL)
);
CREATE UNIQUE INDEX enterprises_uscc ON enterprises (origin, uscc) WHERE uscc IS NOT NULL AND deleted = 0;
CREATE INDEX enterprises_prefecture ON enterprises (prefecture_code, county_code);

CREATE TABLE activities (${syncColumns},
  prefecture_code TEXT NOT NULL,
  checklist_year INTEGER NOT NULL,
  item_no INTEGER NOT NULL CHECK (item_no BETWEEN 1 AND 99),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  date TEXT NOT NULL,
  county_code TEXT,
  place TEXT,
  organiser TEXT,
  mode TEXT NOT NULL DEFAULT 'offline' CHECK (mode IN ('online', 'offline', 'hybrid')),
  metrics TEXT NOT NULL DEFAULT '{}',
  departments TEXT NOT NULL DEFAULT '[]',
  notes TEXT
);
CREATE INDEX activities_year_kind ON activities (checklist_year, kind, date);

CREATE TABLE activity_enterprises (${syncColumns},
  activity_id TEXT NOT NULL REFERENCES activities (id),
  enterprise_id TEXT NOT NULL REFERENCES enterprises (id)
);
CREATE UNIQUE INDEX activity_enterprises_pair ON activity_enterprises (activity_id, enterprise_id);
CREATE INDEX activity_enterprises_enterprise ON activity_enterprises (enterprise_id);

CREATE TABLE visits (${syncColumns},
  prefecture_code TEXT NOT NULL,
  enterprise_id TEXT NOT NULL REFERENCES enterprises (id),
  date TEXT NOT NULL,
  kind TEXT NOT NULL,
  visitors TEXT NOT NULL,
  item_no INTEGER,
  summary TEXT
);
CREATE INDEX visits_enterprise ON visits (enterprise_id, date);

CREATE TABLE problems (${syncColumns},
  prefecture_code TEXT NOT NULL,
  enterprise_id TEXT NOT NULL REFERENCES enterprises (id),
  visit_id TEXT REFERENCES visits (id),
  category TEXT NOT NULL,
  description TEXT NOT NULL,
  item_no INTEGER,
  responsible_unit TEXT NOT NULL,
  deadline TEXT,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'resolved', 'unresolvable')),
  resolution TEXT,
  closed_on TEXT
);
CREATE INDEX problems_status ON problems (status, deadline);
CREATE INDEX problems_enterprise ON problems (enterprise_id);

CREATE TABLE problem_notes (${syncColumns},
  problem_id TEXT NOT NULL REFERENCES problems (id),
  date TEXT NOT NULL,
  note TEXT NOT NULL
);
CREATE INDEX problem_notes_problem ON problem_notes (problem_id, date);

CREATE TABLE reported_figures (${syncColumns},
  prefecture_code TEXT NOT NULL DEFAULT '',
  figure_id TEXT NOT NULL,
  checklist_year INTEGER NOT NULL,
  as_of TEXT NOT NULL,
  value REAL NOT NULL,
  source TEXT NOT NULL,
  notes TEXT
);
CREATE INDEX reported_figures_lookup ON reported_figures (checklist_year, figure_id, as_of);

CREATE TABLE milestones (${syncColumns},
  prefecture_code TEXT NOT NULL DEFAULT '',
  indicator_id TEXT NOT NULL,
  checklist_year INTEGER NOT NULL,
  done INTEGER NOT NULL DEFAULT 0,
  done_on TEXT,
  evidence TEXT
);

CREATE TABLE change_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  table_name TEXT NOT NULL,
  row_id TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('create', 'update', 'delete', 'restore', 'import')),
  version INTEGER NOT NULL,
  operator TEXT NOT NULL,
  at TEXT NOT NULL,
  changes TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX change_log_row ON change_log (table_name, row_id, seq);
`;
