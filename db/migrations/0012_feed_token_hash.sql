-- Private feed URLs: keep the SHA-256 of each user's feed token (hex, as
-- session tokens are kept), not the token, so that a copy of the database
-- (a backup, a stolen file) opens no one's calendar. token_hash() is
-- registered by internal/sqlite. The token is shown once, when made; the
-- URLs already given out keep working, since their tokens hash to what is
-- stored.
ALTER TABLE users RENAME COLUMN feed_token TO feed_token_hash;
UPDATE users SET feed_token_hash = token_hash(feed_token_hash);
