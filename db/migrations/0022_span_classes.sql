-- The events of several days that start before a month and reach into it,
-- by span class (issue 18). A month read them from events_spans back to
-- the longest span stored: at national size, proposed events of 41 days
-- made every month read 41 days of events of several days (900 rows at
-- each status, each read from the table to compare its end and its place)
-- for the few that reach the month. An event's class is the bit length of
-- its length in days beyond its first (1: one more day, 2: two or three,
-- 3: four to seven, … 9: 256 and more), so an event of class c that
-- reaches a month starts at most 2^c - 1 days before it: a month reads,
-- for each class, only the starts that close (sqlite's lookbackQuery),
-- and compares their ends in the index. A province's and an
-- organization's have their own, as their months have (0018, 0021).
--
-- The class is an expression of built-in functions (as events_by_span's
-- julianday), so that any connection (a sqlite3 shell, a backup's check)
-- can write the table; sqlite's spanClass is the same text, which a query
-- must repeat word for word for SQLite to use these indexes.
CREATE INDEX events_spans_by_class ON events (status,
    (CASE WHEN julianday(end_date) - julianday(start_date) < 2 THEN 1 WHEN julianday(end_date) - julianday(start_date) < 4 THEN 2 WHEN julianday(end_date) - julianday(start_date) < 8 THEN 3 WHEN julianday(end_date) - julianday(start_date) < 16 THEN 4 WHEN julianday(end_date) - julianday(start_date) < 32 THEN 5 WHEN julianday(end_date) - julianday(start_date) < 64 THEN 6 WHEN julianday(end_date) - julianday(start_date) < 128 THEN 7 WHEN julianday(end_date) - julianday(start_date) < 256 THEN 8 ELSE 9 END),
    start_date, end_date)
    WHERE repeat = '' AND end_date > start_date;
CREATE INDEX events_spans_by_province ON events (province_key, status,
    (CASE WHEN julianday(end_date) - julianday(start_date) < 2 THEN 1 WHEN julianday(end_date) - julianday(start_date) < 4 THEN 2 WHEN julianday(end_date) - julianday(start_date) < 8 THEN 3 WHEN julianday(end_date) - julianday(start_date) < 16 THEN 4 WHEN julianday(end_date) - julianday(start_date) < 32 THEN 5 WHEN julianday(end_date) - julianday(start_date) < 64 THEN 6 WHEN julianday(end_date) - julianday(start_date) < 128 THEN 7 WHEN julianday(end_date) - julianday(start_date) < 256 THEN 8 ELSE 9 END),
    start_date, end_date)
    WHERE repeat = '' AND end_date > start_date;
CREATE INDEX events_spans_by_organization ON events (organization_key, status,
    (CASE WHEN julianday(end_date) - julianday(start_date) < 2 THEN 1 WHEN julianday(end_date) - julianday(start_date) < 4 THEN 2 WHEN julianday(end_date) - julianday(start_date) < 8 THEN 3 WHEN julianday(end_date) - julianday(start_date) < 16 THEN 4 WHEN julianday(end_date) - julianday(start_date) < 32 THEN 5 WHEN julianday(end_date) - julianday(start_date) < 64 THEN 6 WHEN julianday(end_date) - julianday(start_date) < 128 THEN 7 WHEN julianday(end_date) - julianday(start_date) < 256 THEN 8 ELSE 9 END),
    start_date, end_date)
    WHERE repeat = '' AND end_date > start_date;

-- A month without a place's filter shows a few of a day's events and «+N»
-- for the rest: a national month holds 8,300 events, of which its grid
-- shows 200 or so, and the chosen day's list its own. Its first read
-- (sqlite's BriefsShown) takes what the layout needs of every event from
-- this index alone (the rowid is its number): its days, start time, kind,
-- status and occasion; the titles of those shown are read after, by
-- number. Read whole, the month's rows were 8,300 pages of the table
-- scattered over its gigabyte, each a read from the disk when the file is
-- not all in memory.
CREATE INDEX events_month ON events (status, start_date, end_date, start_time, kind, occasion_key)
    WHERE repeat = '';

-- A month's series: every series that starts by the month's end, each
-- placed by its rule in Go. They are few (one event in 200), but a
-- national calendar's 6,700 series were read row by row from the table on
-- every month page (events_repeating holds their kind alone), more than
-- half of a cold month's time. These indexes hold all a month needs of
-- them (sqlite's briefColumn and ruleColumn), by status and start, and by
-- place first for a place's month, superseding 0021's for those months.
CREATE INDEX events_series ON events (status, start_date, repeat_until, end_date, kind, start_time, end_time, occasion_key,
    repeat, repeat_interval, repeat_days, repeat_nth, repeat_count, repeat_skipped, repeat_moved, title)
    WHERE repeat <> '';
CREATE INDEX events_series_by_province ON events (province_key, status, start_date, repeat_until, end_date, kind, start_time, end_time,
    occasion_key, repeat, repeat_interval, repeat_days, repeat_nth, repeat_count, repeat_skipped, repeat_moved, title)
    WHERE repeat <> '';
CREATE INDEX events_series_by_organization ON events (organization_key, status, start_date, repeat_until, end_date, kind, start_time,
    end_time, occasion_key, repeat, repeat_interval, repeat_days, repeat_nth, repeat_count, repeat_skipped, repeat_moved, title)
    WHERE repeat <> '';

-- A province's month reads its few hundred events whole (they are nearly
-- all shown): through events_by_province each was a row of the table, a
-- page of its own, 80% of a cold province month's time. This index holds
-- all a month shows of them. At national size it is 160 MB (2% of the
-- file) and halves a province month's read (Tehran's 1,560 events: 18 to
-- 10 ms; Hamedan's 200: 2 to 0.9 ms). An organization's month, 9 events,
-- reads its rows from the table in a tenth of a millisecond: no such
-- index for them.
CREATE INDEX events_province_month ON events (province_key, status, start_date, end_date, start_time, end_time, kind, occasion_key, title)
    WHERE repeat = '';
