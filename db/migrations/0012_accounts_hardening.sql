-- Private feed URLs: keep the SHA-256 of each user's feed token (hex, as
-- session tokens are kept), not the token, so that a copy of the database
-- (a backup, a stolen file) opens no one's calendar. token_hash() is
-- registered by internal/sqlite. The token is shown once, when made; the
-- URLs already given out keep working, since their tokens hash to what is
-- stored.
ALTER TABLE users RENAME COLUMN feed_token TO feed_token_hash;
UPDATE users SET feed_token_hash = token_hash(feed_token_hash);

-- Whether an account has ever existed. Until one has, the server offers
-- the first-run setup (/setup, with a one-time token printed on its
-- console); once one has, it never does again, even with every account
-- deleted: a new administrator then comes from 'ruydad user add' on the
-- server. A trigger records it, so that every process adding an account
-- (the server, the command line) does, in the same transaction.
INSERT INTO meta (key, value)
SELECT 'accounts_existed', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE EXISTS (SELECT 1 FROM users);

CREATE TRIGGER users_insert_existed AFTER INSERT ON users BEGIN
    INSERT OR IGNORE INTO meta (key, value) VALUES ('accounts_existed', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

-- A change of role moves the data version, as adding or deleting an
-- account does: whether an administrator exists decides what the pages
-- say about setting one up, and the server keeps that per data version.
CREATE TRIGGER users_role_version AFTER UPDATE OF role ON users BEGIN
    UPDATE data_version SET n = n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;
