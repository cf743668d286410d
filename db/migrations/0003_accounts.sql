-- Accounts: viewers read (when the calendar is private), editors write,
-- admins also manage users. Passwords are bcrypt hashes. feed_token is the
-- secret, revocable part of a user's private .ics URL.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE COLLATE NOCASE,
    role          TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
    password_hash TEXT NOT NULL,
    feed_token    TEXT NOT NULL UNIQUE,
    created_at    TEXT NOT NULL
);

-- Sessions: server-side, keyed by the SHA-256 of the cookie's token (a
-- stolen database holds no usable session).
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    last_seen  TEXT NOT NULL
) WITHOUT ROWID;

CREATE INDEX sessions_by_user ON sessions (user_id);
