-- The log of the events whose rank (search_index.rank: the start day,
-- then the id) changed (issue 18). The server holds every event's rank
-- in memory, by id (internal/sqlite/eventranks.go), so that an event
-- search by the quads' sets (0030) puts the events they leave in result
-- order without reading a rank for each (2 µs a rank, which capped that
-- path at 512 events and sent the other searches to FTS4). Triggers log
-- every event whose rank a write of any process makes, removes or moves;
-- the server applies the entries after the last it applied, and reads
-- every rank again when the log no longer holds them. seq numbers the
-- entries in order, without gaps (rows are only ever removed from the
-- log's beginning), and never again (AUTOINCREMENT: not even when every
-- row was removed).
CREATE TABLE event_rank_log (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id INTEGER NOT NULL
);

CREATE TRIGGER search_index_rank_insert AFTER INSERT ON search_index WHEN new.doc = 'event' BEGIN
    INSERT INTO event_rank_log (event_id) VALUES (new.ref_id);
END;

CREATE TRIGGER search_index_rank_update AFTER UPDATE ON search_index
    WHEN (old.doc = 'event' OR new.doc = 'event')
        AND (old.rank IS NOT new.rank OR old.doc IS NOT new.doc OR old.ref_id IS NOT new.ref_id) BEGIN
    INSERT INTO event_rank_log (event_id) SELECT old.ref_id WHERE old.doc = 'event';
    INSERT INTO event_rank_log (event_id) SELECT new.ref_id WHERE new.doc = 'event' AND (old.doc IS NOT 'event' OR new.ref_id IS NOT old.ref_id);
END;

CREATE TRIGGER search_index_rank_delete AFTER DELETE ON search_index WHEN old.doc = 'event' BEGIN
    INSERT INTO event_rank_log (event_id) VALUES (old.ref_id);
END;

-- The log keeps its last 65,536 entries or so: a server further behind
-- reads every rank again.
CREATE TRIGGER event_rank_log_trim AFTER INSERT ON event_rank_log WHEN new.seq % 4096 = 0 BEGIN
    DELETE FROM event_rank_log WHERE seq <= new.seq - 65536;
END;
