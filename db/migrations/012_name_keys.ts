/**
 * Enterprise names in pinyin order at any size (issue 15). Each enterprise's name gets a sort key
 * made by the app's `pinyin_key` function (db/collate.ts, registered on every connection before
 * migrations run), kept by triggers so that every way a row is written, form, spreadsheet, sync
 * package or restore, gets the key computed here, never one it brings.
 *
 * The keys live in a table of their own, not a column of `enterprises`: a column would travel in
 * sync packages (an older headquarters refuses a package with a column it does not know) and
 * would be trusted from them. The index on (key, rid) serves a page in name order by walking it,
 * as the name index did, at 100,000 names.
 */
export const sql = `
CREATE TABLE enterprise_name_keys (rid INTEGER PRIMARY KEY, key TEXT NOT NULL);
CREATE INDEX enterprise_name_keys_order ON enterprise_name_keys (key);
INSERT INTO enterprise_name_keys (rid, key) SELECT rowid, pinyin_key(name) FROM enterprises;
CREATE TRIGGER enterprise_name_key_insert AFTER INSERT ON enterprises BEGIN
  INSERT OR REPLACE INTO enterprise_name_keys (rid, key) VALUES (new.rowid, pinyin_key(new.name));
END;
CREATE TRIGGER enterprise_name_key_update AFTER UPDATE OF name ON enterprises BEGIN
  UPDATE enterprise_name_keys SET key = pinyin_key(new.name) WHERE rid = new.rowid;
END;
CREATE TRIGGER enterprise_name_key_delete AFTER DELETE ON enterprises BEGIN
  DELETE FROM enterprise_name_keys WHERE rid = old.rowid;
END;
`;
