-- search_index as a table with rowids (issue 18: search at national size).
-- It was a WITHOUT ROWID table, whose interior pages hold whole rows: an
-- article's key is kilobytes, so an interior page held eight of them and
-- the b-tree was seven pages deep over 2 GB. Finding one article's key
-- read seven pages (27-32 µs), and a search reads the keys of the twenty
-- articles it shows and more. In a table with rowids the interior pages
-- hold rowids only (hundreds a page), the key lies in its leaf (most of
-- an article's in one page, beside nothing else), and the primary key is
-- an index of (doc, ref_id) beside it: the twenty-one keys of a page are
-- read in 0.17 ms instead of 0.68.
--
-- The table is rebuilt (SQLite cannot change it in place) with the same
-- columns and rows; what refers to it by name (the views FTS4 reads its
-- content from, the triggers on it and on article_passages) is dropped
-- first and made again as it was, and its indexes with it.
DROP VIEW article_grams;
DROP VIEW event_grams;
DROP TRIGGER search_pending_passage;

CREATE TABLE search_index_rebuilt (
    doc    TEXT NOT NULL CHECK (doc IN ('event', 'article')),
    ref_id INTEGER NOT NULL,
    key    TEXT NOT NULL,
    rank   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (doc, ref_id)
);

INSERT INTO search_index_rebuilt (doc, ref_id, key, rank) SELECT doc, ref_id, key, rank FROM search_index;
DROP TABLE search_index;
ALTER TABLE search_index_rebuilt RENAME TO search_index;

CREATE UNIQUE INDEX search_index_by_rank ON search_index (doc, rank);

-- The events' keys in rank order now carry their ids beside them: an
-- index of a table with rowids holds the rowid, where that of a WITHOUT
-- ROWID table held the primary key (doc, ref_id).
CREATE INDEX search_index_event_keys ON search_index (rank, ref_id, key) WHERE doc = 'event';

CREATE INDEX search_index_event_ranks ON search_index (ref_id, rank) WHERE doc = 'event';

CREATE VIEW article_grams (rowid, grams) AS
    SELECT rank, search_grams(key) FROM search_index WHERE doc = 'article';

CREATE VIEW event_grams (rowid, grams) AS
    SELECT rank, search_grams(key) FROM search_index WHERE doc = 'event';

CREATE TRIGGER search_index_delete BEFORE DELETE ON search_index BEGIN
    DELETE FROM event_search WHERE old.doc = 'event' AND docid = old.rank;
    DELETE FROM article_search WHERE old.doc = 'article' AND docid = old.rank;
END;

CREATE TRIGGER search_index_insert AFTER INSERT ON search_index BEGIN
    INSERT INTO event_search (docid, grams) SELECT new.rank, search_grams(new.key) WHERE new.doc = 'event';
    INSERT INTO article_search (docid, grams) SELECT new.rank, search_grams(new.key) WHERE new.doc = 'article';
END;

CREATE TRIGGER search_index_reindex AFTER UPDATE ON search_index
    WHEN old.key IS NOT new.key OR old.rank IS NOT new.rank OR old.doc IS NOT new.doc BEGIN
    INSERT INTO event_search (docid, grams) SELECT new.rank, search_grams(new.key) WHERE new.doc = 'event';
    INSERT INTO article_search (docid, grams) SELECT new.rank, search_grams(new.key) WHERE new.doc = 'article';
END;

CREATE TRIGGER search_index_unindex BEFORE UPDATE ON search_index
    WHEN old.key IS NOT new.key OR old.rank IS NOT new.rank OR old.doc IS NOT new.doc BEGIN
    DELETE FROM event_search WHERE old.doc = 'event' AND docid = old.rank;
    DELETE FROM article_search WHERE old.doc = 'article' AND docid = old.rank;
END;

CREATE TRIGGER search_pending_indexed AFTER INSERT ON search_index BEGIN
    DELETE FROM search_pending WHERE doc = new.doc AND ref_id = new.ref_id
        AND (new.doc = 'event' OR EXISTS (SELECT 1 FROM article_passages WHERE article_id = new.ref_id));
END;

CREATE TRIGGER search_pending_reindexed AFTER UPDATE OF doc, ref_id ON search_index
    WHEN old.doc IS NOT new.doc OR old.ref_id IS NOT new.ref_id BEGIN
    INSERT OR IGNORE INTO search_pending (doc, ref_id)
    SELECT old.doc, old.ref_id WHERE old.doc = 'event' AND EXISTS (SELECT 1 FROM events WHERE id = old.ref_id)
        OR old.doc = 'article' AND EXISTS (SELECT 1 FROM articles WHERE id = old.ref_id);
    DELETE FROM search_pending WHERE doc = new.doc AND ref_id = new.ref_id
        AND (new.doc = 'event' OR EXISTS (SELECT 1 FROM article_passages WHERE article_id = new.ref_id));
END;

CREATE TRIGGER search_pending_unindexed AFTER DELETE ON search_index BEGIN
    INSERT OR IGNORE INTO search_pending (doc, ref_id)
    SELECT old.doc, old.ref_id WHERE old.doc = 'event' AND EXISTS (SELECT 1 FROM events WHERE id = old.ref_id)
        OR old.doc = 'article' AND EXISTS (SELECT 1 FROM articles WHERE id = old.ref_id);
END;

CREATE TRIGGER search_pending_passage AFTER INSERT ON article_passages BEGIN
    DELETE FROM search_pending WHERE doc = 'article' AND ref_id = new.article_id
        AND EXISTS (SELECT 1 FROM search_index WHERE doc = 'article' AND ref_id = new.article_id);
END;
