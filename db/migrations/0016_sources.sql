-- News sources (issue 16): the feeds and site pages an office watches,
-- what each poll of them did, and the addresses articles were found at.
--
-- A source's URL is stored once. Its articles default to its province and
-- organization. interval_seconds is how often it is polled (5 minutes to
-- a day); the status columns are what the last poll did: when
-- (last_fetch, '' never), how many new links it stored, how many items'
-- pages it could not read, why it failed (problem, a domain.FetchProblem,
-- '' when it went well, with the HTTP status), the validators for the
-- next conditional GET, when it is due next ('' now) and how many polls in
-- a row failed (the backoff).
CREATE TABLE sources (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    url              TEXT NOT NULL UNIQUE,
    name             TEXT NOT NULL DEFAULT '',
    province         TEXT NOT NULL DEFAULT '',
    organization     TEXT NOT NULL DEFAULT '',
    enabled          INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    interval_seconds INTEGER NOT NULL CHECK (interval_seconds BETWEEN 300 AND 86400),
    created_at       TEXT NOT NULL,
    last_fetch       TEXT NOT NULL DEFAULT '',
    new_items        INTEGER NOT NULL DEFAULT 0,
    skipped_items    INTEGER NOT NULL DEFAULT 0,
    problem          TEXT NOT NULL DEFAULT '',
    http_status      INTEGER NOT NULL DEFAULT 0,
    etag             TEXT NOT NULL DEFAULT '',
    last_modified    TEXT NOT NULL DEFAULT '',
    next_due         TEXT NOT NULL DEFAULT '',
    failures         INTEGER NOT NULL DEFAULT 0
);

-- The addresses an article was found at: the same agency story
-- syndicated on five sites is one article with five links. url is
-- canonical (lower-case host, no fragment, no tracking parameters, no
-- trailing slash) and stored once, so an item seen again is not fetched
-- again. A link outlives its source (source_id becomes NULL) and goes with
-- its article.
CREATE TABLE article_links (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    url        TEXT NOT NULL UNIQUE,
    source_id  INTEGER REFERENCES sources (id) ON DELETE SET NULL,
    title      TEXT NOT NULL DEFAULT '',
    found_at   TEXT NOT NULL
);
CREATE INDEX article_links_by_article ON article_links (article_id);
CREATE INDEX article_links_by_source ON article_links (source_id) WHERE source_id IS NOT NULL;
