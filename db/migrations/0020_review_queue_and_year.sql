-- The review queue in its own order (issue 18): a national calendar holds
-- about 120,000 proposed events (456,000 with the articles' mined ones),
-- and the queue's page sorted them all in a temporary B-tree, then counted
-- them all, for the 50 it shows. This index holds the proposed events in
-- the queue's order (sqlite's queueOrder: the newest article first, its
-- dated events before its undated ones, each in text order), so a page
-- is a walk of the index from its offset, the next event after one a seek,
-- and the articles awaiting review, newest first, its first entries.
CREATE INDEX events_review_queue ON events
    (coalesce(article_id, 0) DESC, start_date IS NULL, coalesce(evidence_start, -1), id)
    WHERE status = 'proposed';

-- A year page shows a dot, and the count in its label, on each day with
-- events: a national year is 100,000 of them, nearly all of one day. Those
-- one-day one-off events without an occasion key (none of them can repeat
-- an occasion, which the pages show once, as the occasion) are counted by
-- day in this index alone (its last columns are there for the index to
-- answer without the table); the others, of several days or naming an
-- occasion, are read from the second, a tenth as large.
CREATE INDEX events_one_day ON events (status, start_date, end_date, repeat, occasion_key)
    WHERE repeat = '' AND occasion_key = '' AND end_date = start_date;
CREATE INDEX events_spans ON events (status, start_date)
    WHERE repeat = '' AND (end_date <> start_date OR occasion_key <> '');
