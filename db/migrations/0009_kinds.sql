-- An event's kind is checked by a lookup table instead of a CHECK: SQLite
-- cannot alter a CHECK, so a new kind would mean rebuilding the events
-- table; now it is one row in kinds (and one in domain.Kinds, which a test
-- keeps equal to this table). The events table is rebuilt once, here, to
-- drop the CHECK: same columns in the same order, same indexes and
-- triggers.
CREATE TABLE kinds (
    key TEXT PRIMARY KEY
) WITHOUT ROWID;

INSERT INTO kinds (key) VALUES ('occasion'), ('meeting'), ('ceremony'), ('conference'), ('press_conference'),
    ('media_tour'), ('training'), ('festival'), ('visit'), ('inauguration'), ('award'), ('other');

CREATE TABLE events_rebuilt (
    id             INTEGER PRIMARY KEY,
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
    yearly         INTEGER NOT NULL DEFAULT 0 CHECK (yearly IN (0, 1)),
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
    CHECK ((start_date IS NULL) = (end_date IS NULL)),
    CHECK (end_date IS NULL OR end_date >= start_date),
    CHECK (start_date IS NOT NULL OR status <> 'confirmed')
);

INSERT INTO events_rebuilt SELECT * FROM events;
DROP TABLE events;
ALTER TABLE events_rebuilt RENAME TO events;

CREATE INDEX events_by_date ON events (start_date, end_date);
CREATE INDEX events_by_status ON events (status, start_date);
CREATE INDEX events_by_article ON events (article_id);
CREATE INDEX events_yearly ON events (yearly) WHERE yearly = 1;
CREATE INDEX events_by_span ON events ((julianday(end_date) - julianday(start_date))) WHERE start_date IS NOT NULL;

CREATE TRIGGER events_insert_version AFTER INSERT ON events BEGIN
    UPDATE data_version SET n = n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;
CREATE TRIGGER events_update_version AFTER UPDATE ON events BEGIN
    UPDATE data_version SET n = n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;
CREATE TRIGGER events_delete_version AFTER DELETE ON events BEGIN
    UPDATE data_version SET n = n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;
