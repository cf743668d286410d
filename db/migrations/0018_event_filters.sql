-- A calendar narrowed to a province, an organization or a kind (issue 18)
-- reads that place's or kind's events of the month through an index of its
-- own, instead of every event of the month (events_by_status) filtered one
-- by one: in a national calendar of a million events over ten years, 31
-- provinces and 1,500 organizations, a province's month read about 10,000
-- rows for 300, an organization's for 9, each computing its place's
-- search key.
--
-- Places are compared by search key (persian.SearchKey), so each event
-- keeps its province's and organization's keys, written with the event
-- (sqlite's events column list) and indexed. An index on the expression
-- search_key(province) would hold the same without the columns, but would
-- make every connection without the function (a backup's integrity check,
-- a sqlite3 shell) fail on the table.
ALTER TABLE events ADD COLUMN province_key TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN organization_key TEXT NOT NULL DEFAULT '';
UPDATE events SET province_key = search_key(province), organization_key = search_key(organization);
CREATE INDEX events_by_province ON events (province_key, status, start_date);
CREATE INDEX events_by_organization ON events (organization_key, status, start_date);
CREATE INDEX events_by_kind ON events (kind, status, start_date);
