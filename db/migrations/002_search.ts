/**
 * Full-text search over enterprises with FTS5's trigram tokenizer, which finds any substring of
 * three characters or more — right for Chinese names, which have no spaces between words.
 * Shorter queries (拉萨, 农牧) cannot use it; db/enterprises.ts falls back to LIKE for them.
 * The index holds no copy of the text (external content) and triggers keep it current.
 */
export const sql = `
CREATE VIRTUAL TABLE enterprises_fts USING fts5(
  name, uscc, address, contact_person, service_officer,
  content = 'enterprises', content_rowid = 'rowid', tokenize = 'trigram'
);
INSERT INTO enterprises_fts (rowid, name, uscc, address, contact_person, service_officer)
  SELECT rowid, name, coalesce(uscc, ''), coalesce(address, ''), coalesce(contact_person, ''), coalesce(service_officer, '') FROM enterprises;

CREATE TRIGGER enterprises_fts_insert AFTER INSERT ON enterprises BEGIN
  INSERT INTO enterprises_fts (rowid, name, uscc, address, contact_person, service_officer)
  VALUES (new.rowid, new.name, coalesce(new.uscc, ''), coalesce(new.address, ''), coalesce(new.contact_person, ''), coalesce(new.service_officer, ''));
END;
CREATE TRIGGER enterprises_fts_delete AFTER DELETE ON enterprises BEGIN
  INSERT INTO enterprises_fts (enterprises_fts, rowid, name, uscc, address, contact_person, service_officer)
  VALUES ('delete', old.rowid, old.name, coalesce(old.uscc, ''), coalesce(old.address, ''), coalesce(old.contact_person, ''), coalesce(old.service_officer, ''));
END;
CREATE TRIGGER enterprises_fts_update AFTER UPDATE OF name, uscc, address, contact_person, service_officer ON enterprises BEGIN
  INSERT INTO enterprises_fts (enterprises_fts, rowid, name, uscc, address, contact_person, service_officer)
  VALUES ('delete', old.rowid, old.name, coalesce(old.uscc, ''), coalesce(old.address, ''), coalesce(old.contact_person, ''), coalesce(old.service_officer, ''));
  INSERT INTO enterprises_fts (rowid, name, uscc, address, contact_person, service_officer)
  VALUES (new.rowid, new.name, coalesce(new.uscc, ''), coalesce(new.address, ''), coalesce(new.contact_person, ''), coalesce(new.service_officer, ''));
END;

-- Serves the register's default order, and counting the live register without reading every wide row.
CREATE INDEX enterprises_name ON enterprises (deleted, name);
CREATE INDEX enterprises_county ON enterprises (deleted, county_code, name);
CREATE INDEX enterprises_updated ON enterprises (deleted, updated_at);
CREATE INDEX problems_open ON problems (status, enterprise_id) WHERE deleted = 0;
CREATE INDEX enterprises_uscc_lookup ON enterprises (uscc) WHERE uscc IS NOT NULL;
CREATE INDEX enterprises_officer ON enterprises (service_officer);
CREATE INDEX activities_date ON activities (date);
CREATE INDEX visits_date ON visits (date);
CREATE INDEX problems_deadline ON problems (deadline);
`;
