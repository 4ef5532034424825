/**
 * HQ's supervision (督办) and reminders (催报), issue 16. Each row is HQ's own record (origin =
 * HQ) addressed to one office installation; it travels to that office only, encrypted to it in
 * HQ's reference package (docs/sync-format.md, "Supervision"). An office holds the rows addressed
 * to it and never changes them. The sync columns are those of every synced table.
 */
export const sql = `
CREATE TABLE supervision_items (
  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
  origin TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version > 0),
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('supervise', 'lift', 'remind')),
  prefecture_code TEXT NOT NULL,
  office_id TEXT NOT NULL,
  problem_id TEXT,
  note TEXT NOT NULL,
  deadline TEXT,
  about TEXT,
  done_at TEXT,
  author TEXT NOT NULL
);
CREATE INDEX supervision_items_problem ON supervision_items (problem_id, version);
CREATE INDEX supervision_items_office ON supervision_items (office_id, kind);
`;
