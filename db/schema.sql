CREATE VIEW article_grams (rowid, grams) AS
    SELECT rank, search_grams(key) FROM search_index WHERE doc = 'article';

CREATE VIEW event_grams (rowid, grams) AS
    SELECT rank, search_grams(key) FROM search_index WHERE doc = 'event';

CREATE TRIGGER article_occasions_delete_version AFTER DELETE ON article_occasions BEGIN
    UPDATE data_version SET n = n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;

CREATE TRIGGER article_occasions_insert_version AFTER INSERT ON article_occasions BEGIN
    UPDATE data_version SET n = n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;

CREATE TRIGGER article_occasions_update_version AFTER UPDATE ON article_occasions BEGIN
    UPDATE data_version SET n = n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;

CREATE TRIGGER articles_delete_version AFTER DELETE ON articles BEGIN
    UPDATE data_version SET n = n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;

CREATE TRIGGER articles_insert_version AFTER INSERT ON articles BEGIN
    UPDATE data_version SET n = n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;

CREATE TRIGGER articles_update_version AFTER UPDATE ON articles BEGIN
    UPDATE data_version SET n = n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;

CREATE TRIGGER event_rank_log_trim AFTER INSERT ON event_rank_log WHEN new.seq % 4096 = 0 BEGIN
    DELETE FROM event_rank_log WHERE seq <= new.seq - 65536;
END;

CREATE TRIGGER events_delete_version AFTER DELETE ON events BEGIN
    UPDATE data_version SET n = n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;

CREATE TRIGGER events_insert_version AFTER INSERT ON events BEGIN
    UPDATE data_version SET n = n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;

CREATE TRIGGER events_update_version AFTER UPDATE ON events BEGIN
    UPDATE data_version SET n = n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;

CREATE TRIGGER hijri_delete_version AFTER DELETE ON hijri_corrections BEGIN
    UPDATE data_version SET n = n + 1, calendar_n = calendar_n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;

CREATE TRIGGER hijri_insert_version AFTER INSERT ON hijri_corrections BEGIN
    UPDATE data_version SET n = n + 1, calendar_n = calendar_n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;

CREATE TRIGGER hijri_update_version AFTER UPDATE ON hijri_corrections BEGIN
    UPDATE data_version SET n = n + 1, calendar_n = calendar_n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;

CREATE TRIGGER meta_drafts_public_insert AFTER INSERT ON meta WHEN NEW.key = 'drafts_public' BEGIN
    UPDATE data_version SET n = n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;

CREATE TRIGGER meta_drafts_public_update AFTER UPDATE ON meta WHEN NEW.key = 'drafts_public' BEGIN
    UPDATE data_version SET n = n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;

CREATE TRIGGER occasion_preparation_delete_version AFTER DELETE ON occasion_preparation BEGIN
    UPDATE data_version SET n = n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;

CREATE TRIGGER occasion_preparation_insert_version AFTER INSERT ON occasion_preparation BEGIN
    UPDATE data_version SET n = n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;

CREATE TRIGGER occasion_preparation_update_version AFTER UPDATE ON occasion_preparation BEGIN
    UPDATE data_version SET n = n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;

CREATE TRIGGER occasions_delete_version AFTER DELETE ON occasions BEGIN
    UPDATE data_version SET n = n + 1, calendar_n = calendar_n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;

CREATE TRIGGER occasions_insert_version AFTER INSERT ON occasions BEGIN
    UPDATE data_version SET n = n + 1, calendar_n = calendar_n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;

CREATE TRIGGER occasions_update_version AFTER UPDATE ON occasions BEGIN
    UPDATE data_version SET n = n + 1, calendar_n = calendar_n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;

CREATE TRIGGER search_index_delete BEFORE DELETE ON search_index BEGIN
    DELETE FROM event_search WHERE old.doc = 'event' AND docid = old.rank;
    DELETE FROM article_search WHERE old.doc = 'article' AND docid = old.rank;
END;

CREATE TRIGGER search_index_insert AFTER INSERT ON search_index BEGIN
    INSERT INTO event_search (docid, grams) SELECT new.rank, search_grams(new.key) WHERE new.doc = 'event';
    INSERT INTO article_search (docid, grams) SELECT new.rank, search_grams(new.key) WHERE new.doc = 'article';
END;

CREATE TRIGGER search_index_rank_delete AFTER DELETE ON search_index WHEN old.doc = 'event' BEGIN
    INSERT INTO event_rank_log (event_id) VALUES (old.ref_id);
END;

CREATE TRIGGER search_index_rank_insert AFTER INSERT ON search_index WHEN new.doc = 'event' BEGIN
    INSERT INTO event_rank_log (event_id) VALUES (new.ref_id);
END;

CREATE TRIGGER search_index_rank_update AFTER UPDATE ON search_index
    WHEN (old.doc = 'event' OR new.doc = 'event')
        AND (old.rank IS NOT new.rank OR old.doc IS NOT new.doc OR old.ref_id IS NOT new.ref_id) BEGIN
    INSERT INTO event_rank_log (event_id) SELECT old.ref_id WHERE old.doc = 'event';
    INSERT INTO event_rank_log (event_id) SELECT new.ref_id WHERE new.doc = 'event' AND (old.doc IS NOT 'event' OR new.ref_id IS NOT old.ref_id);
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

CREATE TRIGGER search_pending_article AFTER INSERT ON articles BEGIN
    INSERT OR IGNORE INTO search_pending (doc, ref_id) VALUES ('article', new.id);
END;

CREATE TRIGGER search_pending_article_gone AFTER DELETE ON articles BEGIN
    DELETE FROM search_pending WHERE doc = 'article' AND ref_id = old.id;
END;

CREATE TRIGGER search_pending_article_id AFTER UPDATE OF id ON articles WHEN old.id IS NOT new.id BEGIN
    DELETE FROM search_pending WHERE doc = 'article' AND ref_id = old.id;
    INSERT OR IGNORE INTO search_pending (doc, ref_id) VALUES ('article', new.id);
END;

CREATE TRIGGER search_pending_event AFTER INSERT ON events BEGIN
    INSERT OR IGNORE INTO search_pending (doc, ref_id) VALUES ('event', new.id);
END;

CREATE TRIGGER search_pending_event_gone AFTER DELETE ON events BEGIN
    DELETE FROM search_pending WHERE doc = 'event' AND ref_id = old.id;
END;

CREATE TRIGGER search_pending_event_id AFTER UPDATE OF id ON events WHEN old.id IS NOT new.id BEGIN
    DELETE FROM search_pending WHERE doc = 'event' AND ref_id = old.id;
    INSERT OR IGNORE INTO search_pending (doc, ref_id) VALUES ('event', new.id);
END;

CREATE TRIGGER search_pending_indexed AFTER INSERT ON search_index BEGIN
    DELETE FROM search_pending WHERE doc = new.doc AND ref_id = new.ref_id
        AND (new.doc = 'event' OR EXISTS (SELECT 1 FROM article_passages WHERE article_id = new.ref_id));
END;

CREATE TRIGGER search_pending_passage AFTER INSERT ON article_passages BEGIN
    DELETE FROM search_pending WHERE doc = 'article' AND ref_id = new.article_id
        AND EXISTS (SELECT 1 FROM search_index WHERE doc = 'article' AND ref_id = new.article_id);
END;

CREATE TRIGGER search_pending_passage_gone AFTER DELETE ON article_passages BEGIN
    INSERT OR IGNORE INTO search_pending (doc, ref_id)
    SELECT 'article', old.article_id WHERE EXISTS (SELECT 1 FROM articles WHERE id = old.article_id);
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

CREATE TRIGGER users_delete_version AFTER DELETE ON users BEGIN
    UPDATE data_version SET n = n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;

CREATE TRIGGER users_insert_existed AFTER INSERT ON users BEGIN
    INSERT OR IGNORE INTO meta (key, value) VALUES ('accounts_existed', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER users_insert_version AFTER INSERT ON users BEGIN
    UPDATE data_version SET n = n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;

CREATE TRIGGER users_role_version AFTER UPDATE OF role ON users BEGIN
    UPDATE data_version SET n = n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;

CREATE TABLE article_links (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    url        TEXT NOT NULL UNIQUE,
    source_id  INTEGER REFERENCES sources (id) ON DELETE SET NULL,
    title      TEXT NOT NULL DEFAULT '',
    found_at   TEXT NOT NULL
);

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

CREATE TABLE article_passages (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL CHECK (seq >= 0),
    key_start  INTEGER NOT NULL CHECK (key_start >= 0),
    text       TEXT NOT NULL,
    PRIMARY KEY (article_id, seq)
);

CREATE TABLE article_quads (
    quad  INTEGER NOT NULL,
    chunk INTEGER NOT NULL,
    ids   BLOB NOT NULL,
    PRIMARY KEY (quad, chunk)
) WITHOUT ROWID;

CREATE TABLE article_quads_state (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    built INTEGER NOT NULL CHECK (built IN (0, 1))
);

CREATE VIRTUAL TABLE article_search USING fts4 (content="article_grams", matchinfo=fts3, order=DESC, grams);

CREATE VIRTUAL TABLE article_search_pieces USING fts4aux (article_search);

CREATE TABLE 'article_search_segdir'(level INTEGER,idx INTEGER,start_block INTEGER,leaves_end_block INTEGER,end_block INTEGER,root BLOB,PRIMARY KEY(level, idx));

CREATE TABLE 'article_search_segments'(blockid INTEGER PRIMARY KEY, block BLOB);

CREATE TABLE 'article_search_stat'(id INTEGER PRIMARY KEY, value BLOB);

CREATE TABLE articles (
    id           INTEGER PRIMARY KEY,
    title        TEXT NOT NULL DEFAULT '',
    body         TEXT NOT NULL,
    source       TEXT NOT NULL DEFAULT '',
    province     TEXT NOT NULL DEFAULT '',
    published    TEXT CHECK (published IS NULL OR published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    content_hash TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL
, published_start INTEGER CHECK (published_start IS NULL OR published_start >= 0), published_end INTEGER
    CHECK ((published_end IS NULL) = (published_start IS NULL) AND (published_end IS NULL OR published_end >= published_start)));

CREATE TABLE data_version (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    n          INTEGER NOT NULL,
    changed_at TEXT NOT NULL
, calendar_n INTEGER NOT NULL DEFAULT 1);

CREATE TABLE "event_quads" (
    quad  INTEGER NOT NULL,
    chunk INTEGER NOT NULL,
    ids   BLOB NOT NULL,
    PRIMARY KEY (quad, chunk)
);

CREATE TABLE event_quads_state (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    built INTEGER NOT NULL CHECK (built IN (0, 1))
);

CREATE TABLE event_rank_log (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id INTEGER NOT NULL
);

CREATE VIRTUAL TABLE event_search USING fts4 (content="event_grams", matchinfo=fts3, order=DESC, grams);

CREATE VIRTUAL TABLE event_search_pieces USING fts4aux (event_search);

CREATE TABLE 'event_search_segdir'(level INTEGER,idx INTEGER,start_block INTEGER,leaves_end_block INTEGER,end_block INTEGER,root BLOB,PRIMARY KEY(level, idx));

CREATE TABLE 'event_search_segments'(blockid INTEGER PRIMARY KEY, block BLOB);

CREATE TABLE 'event_search_stat'(id INTEGER PRIMARY KEY, value BLOB);

CREATE TABLE event_trash (
    id         INTEGER PRIMARY KEY,
    deleted_at TEXT NOT NULL,
    purged_at  TEXT,
    record     TEXT CHECK (record IS NULL OR json_valid(record)),
    CHECK ((purged_at IS NULL) = (record IS NOT NULL))
);

CREATE TABLE "events" (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    uid            TEXT NOT NULL UNIQUE,
    title          TEXT NOT NULL,
    description    TEXT NOT NULL DEFAULT '',
    kind           TEXT NOT NULL REFERENCES kinds (key),
    start_date     TEXT,
    end_date       TEXT,
    start_time     TEXT NOT NULL DEFAULT '',
    end_time       TEXT NOT NULL DEFAULT '',
    location       TEXT NOT NULL DEFAULT '',
    province       TEXT NOT NULL DEFAULT '',
    organization   TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL CHECK (status IN ('proposed', 'confirmed', 'rejected')),
    article_id     INTEGER REFERENCES articles (id) ON DELETE SET NULL,
    evidence_start INTEGER,
    evidence_end   INTEGER,
    precision      TEXT NOT NULL DEFAULT 'day' CHECK (precision IN ('day', 'week', 'month')),
    confidence     REAL NOT NULL DEFAULT 1 CHECK (confidence BETWEEN 0 AND 1),
    review_note    TEXT NOT NULL DEFAULT '',
    occasion_key   TEXT NOT NULL DEFAULT '',
    sequence       INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    owner          TEXT NOT NULL DEFAULT '',
    repeat         TEXT NOT NULL DEFAULT ''
        CHECK (repeat IN ('', 'weekly', 'monthly', 'monthly-weekday', 'yearly', 'yearly-hijri')),
    repeat_interval INTEGER NOT NULL DEFAULT 0,
    repeat_days    INTEGER NOT NULL DEFAULT 0,
    repeat_nth     INTEGER NOT NULL DEFAULT 0,
    repeat_until   TEXT,
    repeat_count   INTEGER NOT NULL DEFAULT 0,
    repeat_skipped TEXT NOT NULL DEFAULT '[]',
    repeat_moved   TEXT NOT NULL DEFAULT '[]',
    series_id      INTEGER REFERENCES events (id) ON DELETE CASCADE,
    series_uid     TEXT NOT NULL DEFAULT '',
    series_date    TEXT,
    series_time    TEXT NOT NULL DEFAULT '',
    series_kind    TEXT NOT NULL DEFAULT '',
    reminders      TEXT NOT NULL DEFAULT '', province_key TEXT NOT NULL DEFAULT '', organization_key TEXT NOT NULL DEFAULT '',
    CHECK ((start_date IS NULL) = (end_date IS NULL)),
    CHECK (end_date IS NULL OR end_date >= start_date),
    CHECK (start_date IS NOT NULL OR status <> 'confirmed')
);

CREATE TABLE hijri_corrections (
    year       INTEGER NOT NULL CHECK (year BETWEEN 1000 AND 3200),
    month      INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    start_date TEXT NOT NULL CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    note       TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (year, month)
) WITHOUT ROWID;

CREATE TABLE kinds (
    key TEXT PRIMARY KEY
) WITHOUT ROWID;

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE occasion_preparation (
    occasion_key TEXT PRIMARY KEY,
    lead_days    INTEGER NOT NULL CHECK (lead_days BETWEEN 1 AND 180),
    updated_at   TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE occasion_seeds (
    key       TEXT PRIMARY KEY,
    seeded_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE "occasions" (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    calendar    TEXT NOT NULL DEFAULT 'jalali' CHECK (calendar IN ('jalali', 'hijri', 'gregorian')),
    rule        TEXT NOT NULL DEFAULT 'date'
        CHECK (rule IN ('date', 'nth-weekday', 'last-weekday', 'month-end', 'month', 'nth-day', 'once')),
    month       INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    day         INTEGER NOT NULL DEFAULT 0 CHECK (day BETWEEN 0 AND 31),
    weekday     INTEGER NOT NULL DEFAULT 0 CHECK (weekday BETWEEN 0 AND 6),
    nth         INTEGER NOT NULL DEFAULT 0 CHECK (nth BETWEEN 0 AND 366),
    offset_days INTEGER NOT NULL DEFAULT 0 CHECK (offset_days BETWEEN -7 AND 7),
    length      INTEGER NOT NULL DEFAULT 1 CHECK (length BETWEEN 0 AND 31),
    year        INTEGER NOT NULL DEFAULT 0,
    from_year   INTEGER NOT NULL DEFAULT 0,
    to_year     INTEGER NOT NULL DEFAULT 0,
    holiday     INTEGER NOT NULL DEFAULT 0 CHECK (holiday IN (0, 1)),
    -- A provincial day (روز همدان) names its province; '' is national.
    province    TEXT NOT NULL DEFAULT '',
    -- 'official' (Iran's calendar, built in), 'international' (built in,
    -- hidden until an office shows them) or 'office' (the office's own).
    grp         TEXT NOT NULL DEFAULT 'official' CHECK (grp IN ('official', 'international', 'office')),
    hidden      INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
    -- A person changed this built-in occasion: catalogue upgrades leave it
    -- as the person left it.
    edited      INTEGER NOT NULL DEFAULT 0 CHECK (edited IN (0, 1)),
    aliases     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(aliases)),
    description TEXT NOT NULL DEFAULT '',
    sequence    INTEGER NOT NULL DEFAULT 0,
    updated_at  TEXT NOT NULL
);

CREATE TABLE schema_migrations (
    name       TEXT PRIMARY KEY,
    applied_at TEXT NOT NULL
);

CREATE TABLE "search_index" (
    doc    TEXT NOT NULL CHECK (doc IN ('event', 'article')),
    ref_id INTEGER NOT NULL,
    key    TEXT NOT NULL,
    rank   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (doc, ref_id)
);

CREATE TABLE search_pending (
    doc    TEXT NOT NULL CHECK (doc IN ('event', 'article')),
    ref_id INTEGER NOT NULL,
    PRIMARY KEY (doc, ref_id)
) WITHOUT ROWID;

CREATE TABLE search_piece_docs (
    doc   TEXT NOT NULL CHECK (doc IN ('event', 'article')),
    piece TEXT NOT NULL,
    docs  INTEGER NOT NULL,
    PRIMARY KEY (doc, piece)
) WITHOUT ROWID;

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    last_seen  TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE sources (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    url              TEXT NOT NULL UNIQUE,
    name             TEXT NOT NULL DEFAULT '',
    province         TEXT NOT NULL DEFAULT '',
    organization     TEXT NOT NULL DEFAULT '',
    enabled          INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    interval_seconds INTEGER NOT NULL CHECK (interval_seconds BETWEEN 300 AND 86400),
    created_at       TEXT NOT NULL,
    last_fetch       TEXT NOT NULL DEFAULT '',
    new_items        INTEGER NOT NULL DEFAULT 0,
    skipped_items    INTEGER NOT NULL DEFAULT 0,
    problem          TEXT NOT NULL DEFAULT '',
    http_status      INTEGER NOT NULL DEFAULT 0,
    etag             TEXT NOT NULL DEFAULT '',
    last_modified    TEXT NOT NULL DEFAULT '',
    next_due         TEXT NOT NULL DEFAULT '',
    failures         INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE COLLATE NOCASE,
    role          TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
    password_hash TEXT NOT NULL,
    feed_token_hash    TEXT NOT NULL UNIQUE,
    created_at    TEXT NOT NULL
);

CREATE INDEX article_links_by_article ON article_links (article_id);

CREATE INDEX article_links_by_source ON article_links (source_id) WHERE source_id IS NOT NULL;

CREATE INDEX article_occasions_by_article ON article_occasions (article_id, evidence_start);

CREATE INDEX article_passages_by_key ON article_passages (article_id, key_start, seq);

CREATE INDEX articles_search_hit ON articles (id, title, published);

CREATE INDEX event_trash_kept ON event_trash (deleted_at) WHERE purged_at IS NULL;

CREATE INDEX events_by_article ON events (article_id);

CREATE INDEX events_by_date ON events (start_date, end_date);

CREATE INDEX events_by_kind ON events (kind, status, start_date);

CREATE INDEX events_by_organization ON events (organization_key, status, start_date);

CREATE INDEX events_by_province ON events (province_key, status, start_date);

CREATE INDEX events_by_series ON events (series_id) WHERE series_id IS NOT NULL;

CREATE INDEX events_by_span ON events ((julianday(end_date) - julianday(start_date))) WHERE start_date IS NOT NULL;

CREATE INDEX events_by_status ON events (status, start_date);

CREATE INDEX events_month ON events (status, start_date, start_time,
    (printf('%010d %s %s %s %s %s  %d 0 %s', id, start_date, coalesce(end_date, start_date), kind, status, start_time,
        length(CAST(occasion_key AS BLOB)), occasion_key)), kind)
    WHERE repeat = '';

CREATE INDEX events_one_day ON events (status, start_date, end_date, repeat, occasion_key)
    WHERE repeat = '' AND occasion_key = '' AND end_date = start_date;

CREATE INDEX events_province_month ON events (province_key, status, start_date, start_time,
    (printf('%010d %s %s %s %s %s %s %d %d %s%s', id, start_date, coalesce(end_date, start_date), kind, status, start_time,
        end_time, length(CAST(occasion_key AS BLOB)), length(CAST(title AS BLOB)), occasion_key, title)), end_date, kind, occasion_key)
    WHERE repeat = '';

CREATE INDEX events_repeating ON events (repeat) WHERE repeat <> '';

CREATE INDEX events_review_queue ON events
    (coalesce(article_id, 0) DESC, start_date IS NULL, coalesce(evidence_start, -1), id)
    WHERE status = 'proposed';

CREATE INDEX events_series ON events (status, start_date, repeat_until, end_date, kind, start_time, end_time, occasion_key,
    repeat, repeat_interval, repeat_days, repeat_nth, repeat_count, repeat_skipped, repeat_moved, title)
    WHERE repeat <> '';

CREATE INDEX events_series_by_organization ON events (organization_key, status, start_date, repeat_until, end_date, kind, start_time,
    end_time, occasion_key, repeat, repeat_interval, repeat_days, repeat_nth, repeat_count, repeat_skipped, repeat_moved, title)
    WHERE repeat <> '';

CREATE INDEX events_series_by_province ON events (province_key, status, start_date, repeat_until, end_date, kind, start_time, end_time,
    occasion_key, repeat, repeat_interval, repeat_days, repeat_nth, repeat_count, repeat_skipped, repeat_moved, title)
    WHERE repeat <> '';

CREATE INDEX events_spans ON events (status, start_date)
    WHERE repeat = '' AND (end_date <> start_date OR occasion_key <> '');

CREATE INDEX events_spans_by_class ON events (status,
    (CASE WHEN julianday(end_date) - julianday(start_date) < 2 THEN 1 WHEN julianday(end_date) - julianday(start_date) < 4 THEN 2 WHEN julianday(end_date) - julianday(start_date) < 8 THEN 3 WHEN julianday(end_date) - julianday(start_date) < 16 THEN 4 WHEN julianday(end_date) - julianday(start_date) < 32 THEN 5 WHEN julianday(end_date) - julianday(start_date) < 64 THEN 6 WHEN julianday(end_date) - julianday(start_date) < 128 THEN 7 WHEN julianday(end_date) - julianday(start_date) < 256 THEN 8 ELSE 9 END),
    start_date, end_date)
    WHERE repeat = '' AND end_date > start_date;

CREATE INDEX events_spans_by_organization ON events (organization_key, status,
    (CASE WHEN julianday(end_date) - julianday(start_date) < 2 THEN 1 WHEN julianday(end_date) - julianday(start_date) < 4 THEN 2 WHEN julianday(end_date) - julianday(start_date) < 8 THEN 3 WHEN julianday(end_date) - julianday(start_date) < 16 THEN 4 WHEN julianday(end_date) - julianday(start_date) < 32 THEN 5 WHEN julianday(end_date) - julianday(start_date) < 64 THEN 6 WHEN julianday(end_date) - julianday(start_date) < 128 THEN 7 WHEN julianday(end_date) - julianday(start_date) < 256 THEN 8 ELSE 9 END),
    start_date, end_date)
    WHERE repeat = '' AND end_date > start_date;

CREATE INDEX events_spans_by_province ON events (province_key, status,
    (CASE WHEN julianday(end_date) - julianday(start_date) < 2 THEN 1 WHEN julianday(end_date) - julianday(start_date) < 4 THEN 2 WHEN julianday(end_date) - julianday(start_date) < 8 THEN 3 WHEN julianday(end_date) - julianday(start_date) < 16 THEN 4 WHEN julianday(end_date) - julianday(start_date) < 32 THEN 5 WHEN julianday(end_date) - julianday(start_date) < 64 THEN 6 WHEN julianday(end_date) - julianday(start_date) < 128 THEN 7 WHEN julianday(end_date) - julianday(start_date) < 256 THEN 8 ELSE 9 END),
    start_date, end_date)
    WHERE repeat = '' AND end_date > start_date;

CREATE INDEX events_timed ON events (status, start_date, start_time, end_time, end_date, repeat)
    WHERE repeat = '' AND start_time <> '' AND end_date = start_date;

CREATE UNIQUE INDEX search_index_by_rank ON search_index (doc, rank);

CREATE INDEX search_index_event_keys ON search_index (rank, ref_id, key) WHERE doc = 'event';

CREATE INDEX search_index_event_ranks ON search_index (ref_id, rank) WHERE doc = 'event';

CREATE INDEX sessions_by_user ON sessions (user_id);

