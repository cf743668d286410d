-- The official calendar: occasions recur by a rule on the Jalali, Hijri or
-- Gregorian calendar (internal/calendar computes the days), and an
-- administrator may set the day a Hijri month began.
--
-- calendar, rule: domain.CalendarSystem and domain.RuleKind. month and day
-- count in that calendar; weekday (Saturday 0) and nth serve the weekday
-- rules, nth also «the Nth day from»; offset shifts the rule's day
-- (-1: its eve); year is the one year of a 'once' rule; from_year and
-- to_year bound the Jalali years it takes place in (0: no bound).
--
-- SQLite cannot change a column's CHECK, and day and length now hold 0 for
-- rules without them, so the table is built anew and the rows copied.
CREATE TABLE occasions_new (
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

INSERT INTO occasions_new (id, key, name, month, day, length, holiday, grp, edited, aliases, description, sequence, updated_at)
SELECT id, key, name, month, day, length, holiday,
       CASE WHEN key GLOB 'user-*' THEN 'office' ELSE 'official' END,
       sequence > 0, aliases, description, sequence, updated_at
FROM occasions;

DROP TABLE occasions;
ALTER TABLE occasions_new RENAME TO occasions;

-- The calendar version moves only with what the calendar itself is made of
-- (occasions, Hijri month starts): the server rebuilds its calendar, and the
-- miner that knows it, when it moves, not on every event or article.
ALTER TABLE data_version ADD COLUMN calendar_n INTEGER NOT NULL DEFAULT 1;

CREATE TRIGGER occasions_insert_version AFTER INSERT ON occasions BEGIN
    UPDATE data_version SET n = n + 1, calendar_n = calendar_n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;
CREATE TRIGGER occasions_update_version AFTER UPDATE ON occasions BEGIN
    UPDATE data_version SET n = n + 1, calendar_n = calendar_n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;
CREATE TRIGGER occasions_delete_version AFTER DELETE ON occasions BEGIN
    UPDATE data_version SET n = n + 1, calendar_n = calendar_n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;

-- Every built-in occasion key ever loaded into this database, so that one a
-- user deleted is not loaded again by a later catalogue. A database that
-- had the first catalogue gets its 25 keys.
CREATE TABLE occasion_seeds (
    key       TEXT PRIMARY KEY,
    seeded_at TEXT NOT NULL
) WITHOUT ROWID;

INSERT INTO occasion_seeds (key, seeded_at)
SELECT j.value, m.value FROM meta m, json_each('["nowruz", "islamic-republic-day", "nature-day", "labour-day",
    "teacher-day", "ferdowsi-day", "pr-day", "khomeini-death", "khordad-15", "journalist-day", "physician-day",
    "government-week", "employee-day", "counter-terrorism-day", "sacred-defence-week", "hafez-day",
    "student-pupil-day", "book-day", "basij-week", "student-day", "fajr-decade", "revolution-day", "engineer-day",
    "tree-planting-day", "oil-nationalization-day"]') j
WHERE m.key = 'occasions_seeded';

-- Hijri months whose first day an administrator set (start_date is
-- Gregorian YYYY-MM-DD, as every stored date).
CREATE TABLE hijri_corrections (
    year       INTEGER NOT NULL CHECK (year BETWEEN 1000 AND 3200),
    month      INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    start_date TEXT NOT NULL CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    note       TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (year, month)
) WITHOUT ROWID;

-- A correction moves lunar occasions on every page and feed.
CREATE TRIGGER hijri_insert_version AFTER INSERT ON hijri_corrections BEGIN
    UPDATE data_version SET n = n + 1, calendar_n = calendar_n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;
CREATE TRIGGER hijri_update_version AFTER UPDATE ON hijri_corrections BEGIN
    UPDATE data_version SET n = n + 1, calendar_n = calendar_n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;
CREATE TRIGGER hijri_delete_version AFTER DELETE ON hijri_corrections BEGIN
    UPDATE data_version SET n = n + 1, calendar_n = calendar_n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;
