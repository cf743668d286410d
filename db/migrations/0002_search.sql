-- Search: one folded key per event and article (internal/persian.SearchKey:
-- letters and digits only, Arabic forms and any digits folded), matched with
-- instr() for every query word. SQLite's full-text tokenizers split on
-- spaces, so they cannot find "روابط عمومی" in "روابطعمومي"; a folded key
-- can. The store keeps it in step with every write.
CREATE TABLE search_index (
    doc    TEXT NOT NULL CHECK (doc IN ('event', 'article')),
    ref_id INTEGER NOT NULL,
    key    TEXT NOT NULL,
    PRIMARY KEY (doc, ref_id)
) WITHOUT ROWID;
