-- The events' search keys in result order (their rank: start day and
-- id), beside the rank. A search of common words reads the newest keys
-- first, and checks the keys the index finds in rank order: through
-- search_index_by_rank each key was a random read of its row (about
-- 9 µs: 9 ms for the 1,000 newest keys at national size); here the newest
-- keys lie together (1.7 ms for the 1,000), and the keys of neighbouring
-- results share pages.
CREATE INDEX search_index_event_keys ON search_index (rank, key) WHERE doc = 'event';
