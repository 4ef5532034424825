/**
 * Sync: who is trusted (public keys only), what was exported, and the ledger of every package
 * received. Private keys live in keys.json, never here.
 */
export const sql = `
CREATE TABLE trusted_installations (
  installation_id TEXT PRIMARY KEY NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('office', 'hq')),
  prefecture_code TEXT,
  office_name TEXT NOT NULL,
  encryption_key TEXT,
  enrolled_at TEXT NOT NULL,
  revoked_at TEXT,
  -- Packages with a higher sequence than this are refused (set on revocation; sequences, unlike
  -- a laptop's clock, cannot be turned back).
  revoked_after_sequence INTEGER
);

CREATE TABLE trusted_keys (
  installation_id TEXT NOT NULL REFERENCES trusted_installations (installation_id),
  signing_key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  valid_from_sequence INTEGER NOT NULL DEFAULT 0,
  added_at TEXT NOT NULL,
  PRIMARY KEY (installation_id, signing_key)
);

CREATE TABLE sync_exports (
  sequence INTEGER PRIMARY KEY NOT NULL,
  from_version INTEGER NOT NULL,
  to_version INTEGER NOT NULL,
  full INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  file_sha256 TEXT NOT NULL,
  counts TEXT NOT NULL
);

CREATE TABLE sync_imports (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  file_sha256 TEXT NOT NULL,
  file_name TEXT,
  kind TEXT,
  origin TEXT,
  prefecture_code TEXT,
  office_name TEXT,
  sequence INTEGER,
  from_version INTEGER,
  to_version INTEGER,
  received_at TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('imported', 'already-imported', 'rejected')),
  reason TEXT,
  counts TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX sync_imports_origin ON sync_imports (origin, sequence);
CREATE INDEX sync_imports_file ON sync_imports (file_sha256);
`;
