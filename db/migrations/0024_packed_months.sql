-- A month's rows as SQLite hands them over, kept in its indexes (issue 18).
-- A month is read as one text, each event's row written by printf
-- (internal/sqlite's briefColumn, or outlineColumn without the end time
-- and the title): for a month of 500 events printf was more than half of
-- SQLite's time. SQLite (3.41 and later) takes the value of an indexed
-- expression from the index instead of computing it again when a query
-- names the very expression: these two indexes, which 0022 made for the
-- same reads, now hold the rows written, so that a month's read only
-- walks the index and joins its texts. They keep their names and their
-- leading columns (what the year's counts and the day lists of a province
-- read from the second); the columns the texts hold are dropped but those
-- a filter or a count compares (the kind, the end, the occasion). The
-- start time comes after the day, and the texts begin with the event's
-- number written in ten digits, so that a day's rows come in the order
-- the pages list them (start, start time, number): sqlite's sortBriefs
-- then only merges the few rows read otherwise (of several days begun
-- before, series). At national size they are ~120 MB and ~240 MB,
-- against 63 and 162 MB.
--
-- The texts are built of built-in functions (printf, length, coalesce),
-- so any connection can write the table; the queries must repeat them
-- word for word (sqlite's TestPackedIndexes compares them).
DROP INDEX events_month;

CREATE INDEX events_month ON events (status, start_date, start_time,
    (printf('%010d %s %s %s %s %s  %d 0 %s', id, start_date, coalesce(end_date, start_date), kind, status, start_time,
        length(CAST(occasion_key AS BLOB)), occasion_key)), kind)
    WHERE repeat = '';

DROP INDEX events_province_month;

CREATE INDEX events_province_month ON events (province_key, status, start_date, start_time,
    (printf('%010d %s %s %s %s %s %s %d %d %s%s', id, start_date, coalesce(end_date, start_date), kind, status, start_time,
        end_time, length(CAST(occasion_key AS BLOB)), length(CAST(title AS BLOB)), occasion_key, title)), end_date, kind, occasion_key)
    WHERE repeat = '';
