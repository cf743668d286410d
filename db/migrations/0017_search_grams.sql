-- Search by index, not by scan. search_index's folded keys stay (they are
-- what excerpts and short words are matched in), and two FTS4 tables index
-- them: each key cut into its overlapping three-character pieces
-- (search_grams(key), internal/sqlite/grams.go: "روابط" → "روا وبا ابط بط ط",
-- the last two cut short so that every character begins a piece). A word
-- of three characters or more is found as the phrase of its pieces, which
-- holds exactly where the key holds the word; a shorter one as a prefix of
-- a piece. FTS4 is in every build of the driver (FTS5 needs a build tag).
--
-- A row's FTS docid is its rank: the order results are shown in, so that
-- the index hands the newest first and a search stops at its limit instead
-- of sorting every match. An article's is its id; an event's its start day
-- (days from 0001-01-01, plus one) times 2^32 plus its id, and its id alone
-- when it has no date (those come last). The store writes it with the key
-- (internal/sqlite/search.go's eventRank).
ALTER TABLE search_index ADD COLUMN rank INTEGER NOT NULL DEFAULT 0;

UPDATE search_index SET rank = ref_id WHERE doc = 'article';

UPDATE search_index SET rank = coalesce((SELECT CASE WHEN e.start_date IS NULL THEN e.id
        ELSE ((CAST(julianday(e.start_date) AS INTEGER) - 1721424) << 32) | e.id END
    FROM events e WHERE e.id = search_index.ref_id), ref_id)
WHERE doc = 'event';

CREATE UNIQUE INDEX search_index_by_rank ON search_index (doc, rank);

-- The FTS tables keep no copy of the pieces: their content is a view that
-- cuts the keys again (read when a key is replaced or deleted, and by
-- integrity checks), and triggers keep them in step with search_index in
-- the writing transaction. search_grams is the store's own SQL function.
CREATE VIEW event_grams (rowid, grams) AS
    SELECT rank, search_grams(key) FROM search_index WHERE doc = 'event';

CREATE VIEW article_grams (rowid, grams) AS
    SELECT rank, search_grams(key) FROM search_index WHERE doc = 'article';

CREATE VIRTUAL TABLE event_search USING fts4 (content="event_grams", matchinfo=fts3, order=DESC, grams);

CREATE VIRTUAL TABLE article_search USING fts4 (content="article_grams", matchinfo=fts3, order=DESC, grams);

INSERT INTO event_search (docid, grams) SELECT rank, search_grams(key) FROM search_index WHERE doc = 'event';

INSERT INTO article_search (docid, grams) SELECT rank, search_grams(key) FROM search_index WHERE doc = 'article';

CREATE TRIGGER search_index_insert AFTER INSERT ON search_index BEGIN
    INSERT INTO event_search (docid, grams) SELECT new.rank, search_grams(new.key) WHERE new.doc = 'event';
    INSERT INTO article_search (docid, grams) SELECT new.rank, search_grams(new.key) WHERE new.doc = 'article';
END;

-- Before a key or rank changes: the FTS tables read the old key through
-- the views.
CREATE TRIGGER search_index_unindex BEFORE UPDATE ON search_index
    WHEN old.key IS NOT new.key OR old.rank IS NOT new.rank OR old.doc IS NOT new.doc BEGIN
    DELETE FROM event_search WHERE old.doc = 'event' AND docid = old.rank;
    DELETE FROM article_search WHERE old.doc = 'article' AND docid = old.rank;
END;

CREATE TRIGGER search_index_reindex AFTER UPDATE ON search_index
    WHEN old.key IS NOT new.key OR old.rank IS NOT new.rank OR old.doc IS NOT new.doc BEGIN
    INSERT INTO event_search (docid, grams) SELECT new.rank, search_grams(new.key) WHERE new.doc = 'event';
    INSERT INTO article_search (docid, grams) SELECT new.rank, search_grams(new.key) WHERE new.doc = 'article';
END;

CREATE TRIGGER search_index_delete BEFORE DELETE ON search_index BEGIN
    DELETE FROM event_search WHERE old.doc = 'event' AND docid = old.rank;
    DELETE FROM article_search WHERE old.doc = 'article' AND docid = old.rank;
END;
