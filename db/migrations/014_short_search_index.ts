/**
 * One- and two-character enterprise searches from an index (db/short-search.ts) instead of a
 * scan of the name index (migration 6), which read all 100,000 enterprises of HQ's register to
 * count the matches of 拉萨 (p95 35–52 ms). The index is contentless (it holds no copy of the
 * text) and keeps no positions (a search is one token), so it stays small; its tokens are made
 * by the app's `short_search_tokens` function, registered on every connection before migrations
 * run, in the triggers below for every way a row is written (form, spreadsheet, sync package,
 * restore, move), never taken from a package. Migration 5's table of character pairs was a
 * B-tree row per pair, written by SQL from four fields; this is one FTS5 document per enterprise.
 */
const tokens = (row: 'new' | 'old') => `short_search_tokens(${row}.name, ${row}.contact_person, ${row}.service_officer)`;
const add = `INSERT INTO enterprise_short_search (rowid, tokens) VALUES (new.rowid, ${tokens('new')});`;
const remove = 'DELETE FROM enterprise_short_search WHERE rowid = old.rowid;';

export const sql = `
CREATE VIRTUAL TABLE enterprise_short_search USING fts5(
  tokens, content = '', contentless_delete = 1, detail = none, tokenize = 'ascii'
);
INSERT INTO enterprise_short_search (rowid, tokens) SELECT rowid, short_search_tokens(name, contact_person, service_officer) FROM enterprises;

CREATE TRIGGER enterprise_short_search_insert AFTER INSERT ON enterprises BEGIN
  ${add}
END;
CREATE TRIGGER enterprise_short_search_delete AFTER DELETE ON enterprises BEGIN
  ${remove}
END;
-- A sync package sets every column: only a change of the searched text writes the index.
CREATE TRIGGER enterprise_short_search_update AFTER UPDATE OF name, contact_person, service_officer ON enterprises
WHEN old.name IS NOT new.name OR old.contact_person IS NOT new.contact_person OR old.service_officer IS NOT new.service_officer BEGIN
  ${remove}
  ${add}
END;
`;
