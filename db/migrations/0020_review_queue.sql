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
