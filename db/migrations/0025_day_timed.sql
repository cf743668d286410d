-- The end times of the timed events of one day, which a day's or a week's
-- hours need to place each among the others (issue 18). Those pages read
-- every event of their days as an outline from events_month (0022), which
-- has no end time: a national day's 70 timed events were each read from
-- the table for theirs, a week's 450, half the time of reading the days.
-- This index holds them alone (a quarter of the events), in the order of
-- the days (sqlite's timedEndsQuery); end_date and repeat are there for
-- SQLite to read the index alone, as the terms of its condition that are
-- not a column's constant name columns it must then find in the index.
CREATE INDEX events_timed ON events (status, start_date, start_time, end_time, end_date, repeat)
    WHERE repeat = '' AND start_time <> '' AND end_date = start_date;
