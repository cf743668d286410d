-- Which articles hold each run of four (and of three) characters of their search keys
-- (issue 18: search at national size). FTS4's index of three-character
-- pieces (0017) keeps every place each piece is in: a search of common
-- words walked lists of hundreds of thousands of articles with their
-- places (23 ms of a search's 25 at national size), and the pieces of
-- three characters, common in most articles, find thousands that a word
-- is not in. A four-character run is rarer, and the articles that hold
-- all of a word's runs are most often those that hold the word: a search
-- ANDs the sets of its words' runs, newest articles first, and checks the
-- few keys it finds (internal/sqlite/quads.go).
--
-- A row is one run (quad: its four characters packed in an integer, see
-- quads.go) in one chunk of 4,096 article ids (chunk: id >> 12): ids, the
-- low twelve bits of the ids of the articles holding it, as a sorted array
-- of 16-bit numbers (little-endian) when fewer than 256, else a bitmap of
-- 512 bytes. The sets only grow: an article rewritten or deleted leaves
-- its old runs, which a search's check of the key then rules out.
CREATE TABLE article_quads (
    quad  INTEGER NOT NULL,
    chunk INTEGER NOT NULL,
    ids   BLOB NOT NULL,
    PRIMARY KEY (quad, chunk)
) WITHOUT ROWID;

-- built is 1 once every article's runs are in article_quads; until then
-- (a database that had articles before this migration, or one a bulk fill
-- is filling) no write adds to the sets and no search reads them. The
-- store builds them when it opens the file, and at a bulk fill's end.
CREATE TABLE article_quads_state (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    built INTEGER NOT NULL CHECK (built IN (0, 1))
);

INSERT INTO article_quads_state (id, built) VALUES (1, 0);
