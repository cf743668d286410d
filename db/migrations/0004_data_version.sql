-- Data version: one counter that every change to what pages and feeds show
-- moves forward, with the time of that change. Triggers move it, so a write
-- from any process counts (the server, 'ruydad import' beside it, a
-- restore). Rendered month and year pages are kept under it, feed ETags are
-- made from it, and changed_at is the feeds' Last-Modified (which a
-- deletion moves too, unlike the newest updated_at).
CREATE TABLE data_version (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    n          INTEGER NOT NULL,
    changed_at TEXT NOT NULL
);

INSERT INTO data_version (id, n, changed_at) VALUES (1, 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

CREATE TRIGGER events_insert_version AFTER INSERT ON events BEGIN
    UPDATE data_version SET n = n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;
CREATE TRIGGER events_update_version AFTER UPDATE ON events BEGIN
    UPDATE data_version SET n = n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;
CREATE TRIGGER events_delete_version AFTER DELETE ON events BEGIN
    UPDATE data_version SET n = n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;
CREATE TRIGGER occasions_insert_version AFTER INSERT ON occasions BEGIN
    UPDATE data_version SET n = n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;
CREATE TRIGGER occasions_update_version AFTER UPDATE ON occasions BEGIN
    UPDATE data_version SET n = n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;
CREATE TRIGGER occasions_delete_version AFTER DELETE ON occasions BEGIN
    UPDATE data_version SET n = n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;
CREATE TRIGGER articles_insert_version AFTER INSERT ON articles BEGIN
    UPDATE data_version SET n = n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;
CREATE TRIGGER articles_update_version AFTER UPDATE ON articles BEGIN
    UPDATE data_version SET n = n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;
CREATE TRIGGER articles_delete_version AFTER DELETE ON articles BEGIN
    UPDATE data_version SET n = n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;
-- Accounts: whether any exists decides the "anyone may edit" banner.
CREATE TRIGGER users_insert_version AFTER INSERT ON users BEGIN
    UPDATE data_version SET n = n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;
CREATE TRIGGER users_delete_version AFTER DELETE ON users BEGIN
    UPDATE data_version SET n = n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;
