/**
 * Sync authority (issue 11): what a rotated-away key may still deliver, and the reason code of
 * each import attempt, from which 同步 lists the security events (a number reused with another
 * file, a revoked or superseded key, an acknowledgement above this office's clock).
 */
export const sql = `
ALTER TABLE sync_imports ADD COLUMN code TEXT;
CREATE INDEX sync_imports_sequence ON sync_imports (origin, kind, status, sequence);

-- Packages a key signed before it was rotated away and that HQ may still receive: named by the
-- rotation card (sequence and SHA-256 of each file), nothing else from the old key is accepted.
CREATE TABLE trusted_key_packages (
  installation_id TEXT NOT NULL REFERENCES trusted_installations (installation_id),
  signing_key TEXT NOT NULL,
  sequence INTEGER NOT NULL,
  file_sha256 TEXT NOT NULL,
  PRIMARY KEY (installation_id, sequence)
);

`;
