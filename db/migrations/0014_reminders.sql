-- Reminders: how long before its start a calendar app reminds of an event,
-- written to iCal as VALARMs. The minutes of each, the earliest first,
-- joined by commas ("1440,60"); '' for none (domain.Reminders).
ALTER TABLE events ADD COLUMN reminders TEXT NOT NULL DEFAULT '';

-- The occasions an office works on, and how many days before each
-- occurrence it starts preparing (روز خبرنگار: 7). The agenda lists an
-- occasion whose preparation has begun; a feed asked for reminders
-- reminds of it then. Keyed by the occasion's key, which is stable across
-- installations; a row whose occasion is gone is ignored.
CREATE TABLE occasion_preparation (
    occasion_key TEXT PRIMARY KEY,
    lead_days    INTEGER NOT NULL CHECK (lead_days BETWEEN 1 AND 180),
    updated_at   TEXT NOT NULL
) WITHOUT ROWID;

-- What the agenda and the feeds show changes with it: the data version
-- moves (pages and feeds are kept per data version).
CREATE TRIGGER occasion_preparation_insert_version AFTER INSERT ON occasion_preparation BEGIN
    UPDATE data_version SET n = n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;
CREATE TRIGGER occasion_preparation_update_version AFTER UPDATE ON occasion_preparation BEGIN
    UPDATE data_version SET n = n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;
CREATE TRIGGER occasion_preparation_delete_version AFTER DELETE ON occasion_preparation BEGIN
    UPDATE data_version SET n = n + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;
