/**
 * Two-character search (拉萨, 藏药, a person called 扎西) without reading every enterprise: the
 * trigram index cannot serve fewer than three characters, and a LIKE scan grows with the register
 * (45 ms at 100,000). Every two-character piece of the name, address, contact person and service
 * officer is kept here, lower-cased, with the row it came from; triggers keep it current.
 * Positions come from a small table because triggers cannot use recursive queries.
 */
const texts = (row: 'new' | 'old') =>
  `SELECT ${row}.name AS v UNION ALL SELECT ${row}.address UNION ALL SELECT ${row}.contact_person UNION ALL SELECT ${row}.service_officer`;
const grams = (row: 'new' | 'old') => `SELECT DISTINCT lower(substr(t.v, p.n, 2)) FROM (${texts(row)}) t JOIN gram_positions p ON p.n < length(t.v)`;
const add = `INSERT OR IGNORE INTO enterprise_grams (gram, rid) SELECT g.*, new.rowid FROM (${grams('new')}) g;`;
const remove = `DELETE FROM enterprise_grams WHERE rid = old.rowid AND gram IN (${grams('old')});`;

export const sql = `
CREATE TABLE gram_positions (n INTEGER PRIMARY KEY);
WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 400) INSERT INTO gram_positions (n) SELECT n FROM s;

CREATE TABLE enterprise_grams (gram TEXT NOT NULL, rid INTEGER NOT NULL, PRIMARY KEY (gram, rid)) WITHOUT ROWID;
INSERT OR IGNORE INTO enterprise_grams (gram, rid)
  SELECT lower(substr(t.v, p.n, 2)), t.rid FROM (
    SELECT rowid AS rid, name AS v FROM enterprises UNION ALL SELECT rowid, address FROM enterprises
    UNION ALL SELECT rowid, contact_person FROM enterprises UNION ALL SELECT rowid, service_officer FROM enterprises
  ) t JOIN gram_positions p ON p.n < length(t.v);

CREATE TRIGGER enterprise_grams_insert AFTER INSERT ON enterprises BEGIN
  ${add}
END;
CREATE TRIGGER enterprise_grams_delete AFTER DELETE ON enterprises BEGIN
  ${remove}
END;
CREATE TRIGGER enterprise_grams_update AFTER UPDATE OF name, address, contact_person, service_officer ON enterprises BEGIN
  ${remove}
  ${add}
END;
`;
