-- The events and articles search does not cover yet, so that opening the
-- database finds them without reading every row (an anti-join of events
-- and articles against search_index took 10.8 s at a million events, at
-- every open). A row is listed here while it has no key in search_index
-- (and, for an article, no passage): triggers list a new event or article,
-- and one whose key or passages are deleted while it stays, and strike it
-- off when they are stored, whoever writes (the store, which indexes in
-- the same transaction, or a person with sqlite3). The store indexes the
-- rows listed when it opens the database (internal/sqlite/search.go's
-- ensureSearchIndex). A key that no longer matches its row's text (a title
-- changed by hand) is not listed, as it was not found before.
CREATE TABLE search_pending (
    doc    TEXT NOT NULL CHECK (doc IN ('event', 'article')),
    ref_id INTEGER NOT NULL,
    PRIMARY KEY (doc, ref_id)
) WITHOUT ROWID;

-- What is not covered now: the whole database, when it comes from before
-- the index (0002) or the passages (0011).
INSERT INTO search_pending (doc, ref_id)
SELECT 'event', id FROM events WHERE id NOT IN (SELECT ref_id FROM search_index WHERE doc = 'event');

INSERT INTO search_pending (doc, ref_id)
SELECT 'article', id FROM articles WHERE id NOT IN (SELECT ref_id FROM search_index WHERE doc = 'article')
    OR id NOT IN (SELECT article_id FROM article_passages);

CREATE TRIGGER search_pending_event AFTER INSERT ON events BEGIN
    INSERT OR IGNORE INTO search_pending (doc, ref_id) VALUES ('event', new.id);
END;

CREATE TRIGGER search_pending_event_id AFTER UPDATE OF id ON events WHEN old.id IS NOT new.id BEGIN
    DELETE FROM search_pending WHERE doc = 'event' AND ref_id = old.id;
    INSERT OR IGNORE INTO search_pending (doc, ref_id) VALUES ('event', new.id);
END;

CREATE TRIGGER search_pending_event_gone AFTER DELETE ON events BEGIN
    DELETE FROM search_pending WHERE doc = 'event' AND ref_id = old.id;
END;

CREATE TRIGGER search_pending_article AFTER INSERT ON articles BEGIN
    INSERT OR IGNORE INTO search_pending (doc, ref_id) VALUES ('article', new.id);
END;

CREATE TRIGGER search_pending_article_id AFTER UPDATE OF id ON articles WHEN old.id IS NOT new.id BEGIN
    DELETE FROM search_pending WHERE doc = 'article' AND ref_id = old.id;
    INSERT OR IGNORE INTO search_pending (doc, ref_id) VALUES ('article', new.id);
END;

CREATE TRIGGER search_pending_article_gone AFTER DELETE ON articles BEGIN
    DELETE FROM search_pending WHERE doc = 'article' AND ref_id = old.id;
END;

-- A key stored: an event is covered; an article once it has a passage too.
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

-- A key deleted while its row stays.
CREATE TRIGGER search_pending_unindexed AFTER DELETE ON search_index BEGIN
    INSERT OR IGNORE INTO search_pending (doc, ref_id)
    SELECT old.doc, old.ref_id WHERE old.doc = 'event' AND EXISTS (SELECT 1 FROM events WHERE id = old.ref_id)
        OR old.doc = 'article' AND EXISTS (SELECT 1 FROM articles WHERE id = old.ref_id);
END;

CREATE TRIGGER search_pending_passage AFTER INSERT ON article_passages BEGIN
    DELETE FROM search_pending WHERE doc = 'article' AND ref_id = new.article_id
        AND EXISTS (SELECT 1 FROM search_index WHERE doc = 'article' AND ref_id = new.article_id);
END;

-- A passage deleted while its article stays (the store deletes them all
-- and writes them again when it indexes an article).
CREATE TRIGGER search_pending_passage_gone AFTER DELETE ON article_passages BEGIN
    INSERT OR IGNORE INTO search_pending (doc, ref_id)
    SELECT 'article', old.article_id WHERE EXISTS (SELECT 1 FROM articles WHERE id = old.article_id);
END;
