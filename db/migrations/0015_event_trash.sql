-- ruydad: foreign keys off
--
-- Records people can trust (issue 15).
--
-- An event's number is never handed out again. events.id was an INTEGER
-- PRIMARY KEY without AUTOINCREMENT, so SQLite gave the next event the
-- largest id plus one: deleting the newest event and adding another reused
-- its number, and the old address (/events/N, bookmarked, printed, in a
-- calendar app) showed a different event. The table is rebuilt once, here,
-- with AUTOINCREMENT (sqlite_sequence then remembers the largest number
-- ever used): the same columns in the same order, the same rows and ids,
-- indexes and triggers. SELECT * copies by position, so a column added to
-- events by an earlier migration and missing here makes this migration
-- fail rather than drop it. The runner applies this file with foreign key
-- enforcement off (its first line) and checks the keys before committing,
-- so that dropping the old table deletes nothing that refers to events.
CREATE TABLE events_rebuilt (
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
    reminders      TEXT NOT NULL DEFAULT '',
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
CREATE INDEX events_repeating ON events (repeat) WHERE repeat <> '';
CREATE INDEX events_by_series ON events (series_id) WHERE series_id IS NOT NULL;
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

-- The trash. Deleting an event moves it here, out of every page, search,
-- count and feed (which read events only): record holds the row as it was,
-- one JSON member per column, so that restoring puts back exactly that row
-- under the same number. After 30 days the record is purged for good, but
-- the row stays: the number is never used again, and its address answers
-- that the event was deleted, and when.
CREATE TABLE event_trash (
    id         INTEGER PRIMARY KEY,
    deleted_at TEXT NOT NULL,
    purged_at  TEXT,
    record     TEXT CHECK (record IS NULL OR json_valid(record)),
    CHECK ((purged_at IS NULL) = (record IS NOT NULL))
);

CREATE INDEX event_trash_kept ON event_trash (deleted_at) WHERE purged_at IS NULL;

-- Whether visitors who are not signed in see the drafts (proposed and
-- rejected events, articles, the review queue) once accounts exist: an
-- administrator's choice, kept in meta under 'drafts_public' ('1' or '0').
-- Changing it moves the data version, since pages are kept per version.
CREATE TRIGGER meta_drafts_public_insert AFTER INSERT ON meta WHEN NEW.key = 'drafts_public' BEGIN
    UPDATE data_version SET n = n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;
CREATE TRIGGER meta_drafts_public_update AFTER UPDATE ON meta WHEN NEW.key = 'drafts_public' BEGIN
    UPDATE data_version SET n = n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;
