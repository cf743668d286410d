-- Events repeat by a rule (issue 15): weekly on chosen weekdays, monthly
-- on a Jalali day or the nth weekday, yearly on a Jalali or Hijri date,
-- every repeat_interval periods, until a date, a count or never, with
-- skipped occurrences. internal/domain's Repeat holds the rule, and
-- internal/calendar places the occurrences in Go: a calendar query takes
-- every repeating event through events_repeating, as it took the yearly
-- ones through events_yearly.
ALTER TABLE events ADD COLUMN repeat TEXT NOT NULL DEFAULT ''
    CHECK (repeat IN ('', 'weekly', 'monthly', 'monthly-weekday', 'yearly', 'yearly-hijri'));
ALTER TABLE events ADD COLUMN repeat_interval INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN repeat_days INTEGER NOT NULL DEFAULT 0;   -- bit w for weekday w, Saturday 0
ALTER TABLE events ADD COLUMN repeat_nth INTEGER NOT NULL DEFAULT 0;    -- 1..4, -1 for the last
ALTER TABLE events ADD COLUMN repeat_until TEXT;                        -- Gregorian YYYY-MM-DD, NULL for none
ALTER TABLE events ADD COLUMN repeat_count INTEGER NOT NULL DEFAULT 0;  -- 0 for no limit
ALTER TABLE events ADD COLUMN repeat_skipped TEXT NOT NULL DEFAULT '[]'; -- JSON array of YYYY-MM-DD
ALTER TABLE events ADD COLUMN repeat_moved TEXT NOT NULL DEFAULT '[]';   -- the same, of overridden occurrences

-- An event that stands in for one occurrence of a series (moved, or
-- changed): the series, its UID (the iCal UID the override is written
-- under), the day and time the occurrence would have started
-- (RECURRENCE-ID) and the series' kind. Deleting the series deletes its
-- overrides.
ALTER TABLE events ADD COLUMN series_id INTEGER REFERENCES events (id) ON DELETE CASCADE;
ALTER TABLE events ADD COLUMN series_uid TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN series_date TEXT;
ALTER TABLE events ADD COLUMN series_time TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN series_kind TEXT NOT NULL DEFAULT '';

-- The yearly events become yearly repeats.
UPDATE events SET repeat = 'yearly' WHERE yearly = 1;
DROP INDEX events_yearly;
ALTER TABLE events DROP COLUMN yearly;
CREATE INDEX events_repeating ON events (repeat) WHERE repeat <> '';
CREATE INDEX events_by_series ON events (series_id) WHERE series_id IS NOT NULL;
