-- The rank of each event's key by the event's id (issue 18). A search by
-- the events' quads' sets (0030) finds events by their ids, in no order;
-- their ranks (search_index.rank: the start day, then the id) put them in
-- the order results are shown, and only the newest are then read. Read
-- from search_index's rows, a rank cost a random read of a row as wide
-- as its key (11-17 µs); this index holds the ranks in id order, a
-- hundred and more a page.
CREATE INDEX search_index_event_ranks ON search_index (ref_id, rank) WHERE doc = 'event';
