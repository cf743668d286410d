-- The calendar's occasions an article names on a day (هفته دولت, روز
-- خبرنگار): the miner links the article to them instead of proposing them
-- again as events. occasion_key names the occasion (it may since have been
-- deleted: name keeps what it was called when the article was mined);
-- start_date and end_date are the days of the occurrence the article names,
-- Gregorian YYYY-MM-DD as every stored date; evidence_start and
-- evidence_end are byte offsets into the article's stored text.
CREATE TABLE article_occasions (
    id             INTEGER PRIMARY KEY,
    article_id     INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    occasion_key   TEXT NOT NULL CHECK (occasion_key <> ''),
    name           TEXT NOT NULL DEFAULT '',
    start_date     TEXT NOT NULL CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    end_date       TEXT NOT NULL CHECK (end_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    evidence_start INTEGER NOT NULL CHECK (evidence_start >= 0),
    evidence_end   INTEGER NOT NULL CHECK (evidence_end >= evidence_start),
    confidence     REAL NOT NULL DEFAULT 1 CHECK (confidence BETWEEN 0 AND 1),
    review_note    TEXT NOT NULL DEFAULT '',
    CHECK (end_date >= start_date)
);

CREATE INDEX article_occasions_by_article ON article_occasions (article_id, evidence_start);

-- The article page shows them, so they move the data version as articles do.
CREATE TRIGGER article_occasions_insert_version AFTER INSERT ON article_occasions BEGIN
    UPDATE data_version SET n = n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;
CREATE TRIGGER article_occasions_update_version AFTER UPDATE ON article_occasions BEGIN
    UPDATE data_version SET n = n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;
CREATE TRIGGER article_occasions_delete_version AFTER DELETE ON article_occasions BEGIN
    UPDATE data_version SET n = n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;

-- Where in its text an article's publication date was read (byte offsets
-- of the dateline), when the miner read it there rather than a person
-- giving it; NULL otherwise.
ALTER TABLE articles ADD COLUMN published_start INTEGER CHECK (published_start IS NULL OR published_start >= 0);
ALTER TABLE articles ADD COLUMN published_end INTEGER
    CHECK ((published_end IS NULL) = (published_start IS NULL) AND (published_end IS NULL OR published_end >= published_start));
