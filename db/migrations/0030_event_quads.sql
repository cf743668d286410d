-- Which events hold each run of four (and of three) characters of their
-- search keys (issue 18: search at national size), as article_quads
-- (0027) holds the articles'. FTS4's lists of three-character pieces
-- (0017) serve a search of words that rarely meet worst: it reads each
-- asked piece's whole list, then checks every key holding one piece of
-- each word, most of which do not hold the words («کرمان همدان»: 3,048
-- keys checked for 3 events). ANDing the sets of every run of the words
-- leaves the events that hold them, or few more, whose keys a search then
-- checks (internal/sqlite/quads.go, eventsByQuads).
--
-- A row is one run (quad, packed as in article_quads) in one chunk of
-- 65,536 event ids (chunk: id >> 16): ids, the low sixteen bits of the
-- ids of the events holding it, as a sorted array of 16-bit numbers
-- (little-endian) when fewer than 4,096, else a bitmap of 8,192 bytes.
-- The sets only grow: an event rewritten or deleted leaves its old runs,
-- which a search's check of the key rules out.
CREATE TABLE event_quads (
    quad  INTEGER NOT NULL,
    chunk INTEGER NOT NULL,
    ids   BLOB NOT NULL,
    PRIMARY KEY (quad, chunk)
) WITHOUT ROWID;

-- built is 1 once every event's runs are in event_quads; until then no
-- write adds to the sets and no search reads them. The store builds them
-- when it opens the file, and at a bulk fill's or a large load's end.
CREATE TABLE event_quads_state (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    built INTEGER NOT NULL CHECK (built IN (0, 1))
);

INSERT INTO event_quads_state (id, built) VALUES (1, 0);
