-- Search by the rarest pieces. A search used to ask the index for every
-- piece of every term (a phrase of up to four pieces per term), and
-- SQLite's FTS4 reads the whole list of the keys that hold a piece when a
-- query opens it, whatever the LIMIT: «استانداری همدان» opened seven
-- lists, among them those of «است» and «تان» (a million events each).
-- Now each term is asked for by its rarest piece, the terms looked for in
-- the keys found with instr (internal/sqlite/search.go's planQuery), and
-- search_piece_docs says how many keys hold each piece. The counts are
-- taken here and after a bulk fill (internal/sqlite/search.go's
-- OptimizeSearch), not at every write: they only choose which pieces a
-- search asks for, never what it finds, and a piece counted nowhere (new
-- since) is taken as rare.
CREATE TABLE search_piece_docs (
    doc   TEXT NOT NULL CHECK (doc IN ('event', 'article')),
    piece TEXT NOT NULL,
    docs  INTEGER NOT NULL,
    PRIMARY KEY (doc, piece)
) WITHOUT ROWID;

-- What FTS4 knows of each piece: how many keys hold it (col '*': in any
-- column). Reading them walks the whole index once.
CREATE VIRTUAL TABLE event_search_pieces USING fts4aux (event_search);

CREATE VIRTUAL TABLE article_search_pieces USING fts4aux (article_search);

-- A filled index holds many segments (a bulk fill left 27 for a million
-- events, 32 for 300,000 articles), and a piece is read in each: merge
-- them into one (about two minutes for the national file), and merge
-- later writes' segments as they come (automerge is kept in the index).
INSERT INTO event_search (event_search) VALUES ('optimize');

INSERT INTO article_search (article_search) VALUES ('optimize');

INSERT INTO event_search (event_search) VALUES ('automerge=8');

INSERT INTO article_search (article_search) VALUES ('automerge=8');

-- The row of piece '' is how many keys were counted (its absence: none
-- ever were, as in a new database, and a search asks for every piece of
-- its terms, as before).
INSERT INTO search_piece_docs (doc, piece, docs)
SELECT 'event', term, documents FROM event_search_pieces WHERE col = '*'
UNION ALL SELECT 'event', '', count(*) FROM search_index WHERE doc = 'event' HAVING count(*) > 0;

INSERT INTO search_piece_docs (doc, piece, docs)
SELECT 'article', term, documents FROM article_search_pieces WHERE col = '*'
UNION ALL SELECT 'article', '', count(*) FROM search_index WHERE doc = 'article' HAVING count(*) > 0;
