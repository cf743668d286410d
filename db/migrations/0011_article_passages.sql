-- An article's text cut in passages of about 4 KB (one page each), in
-- order (seq), for search results: a result shows the words around where
-- the search found it, from the passage holding that place and its
-- neighbours, so that a search reads a few kilobytes of each article it
-- shows, not its whole text (a search used to load and fold the whole text
-- of every matching article, 2 MB for the largest). key_start is where the
-- passage's text begins in the article's key in search_index (its title,
-- source and province, then its text, folded by
-- internal/persian.SearchKey), in characters from 0: the place instr()
-- finds there is in the passage with the last key_start at or before it.
-- The store fills it for the articles stored before when it opens the
-- database.
CREATE TABLE article_passages (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL CHECK (seq >= 0),
    key_start  INTEGER NOT NULL CHECK (key_start >= 0),
    text       TEXT NOT NULL,
    PRIMARY KEY (article_id, seq)
);

CREATE INDEX article_passages_by_key ON article_passages (article_id, key_start, seq);

-- What a search result shows of an article, read without its row: the
-- columns after the body lie past its overflow pages, which reading them
-- walks (2 MB for the largest article).
CREATE INDEX articles_search_hit ON articles (id, title, published);
