-- The series of a province's or an organization's month: only that
-- place's repeating events, from indexes that hold only series.
-- events_repeating holds every series, and a filtered month read each
-- one's row to compare its place: at national size 5,000 rows a page,
-- about 30 ms, most of a filtered month's time.
CREATE INDEX events_repeating_by_province ON events (province_key, start_date) WHERE repeat <> '';
CREATE INDEX events_repeating_by_organization ON events (organization_key, start_date) WHERE repeat <> '';
