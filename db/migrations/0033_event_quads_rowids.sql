-- event_quads (0030) as a table with rowids, for the reason search_index
-- became one (0032): a WITHOUT ROWID table keeps whole rows in its
-- interior pages, and an event set is up to 8 KB, so an interior page held
-- seven and the table was seven pages deep. A search reads a quad's sets
-- in every chunk (a range of the primary key, now an index beside the
-- table): 0.66-0.71 ms against 0.92-1.0 for the sets of 5.4 quads on a
-- copy of the national file's. The rows are copied as they are.
CREATE TABLE event_quads_rebuilt (
    quad  INTEGER NOT NULL,
    chunk INTEGER NOT NULL,
    ids   BLOB NOT NULL,
    PRIMARY KEY (quad, chunk)
);

INSERT INTO event_quads_rebuilt (quad, chunk, ids) SELECT quad, chunk, ids FROM event_quads;
DROP TABLE event_quads;
ALTER TABLE event_quads_rebuilt RENAME TO event_quads;
