-- A month is a range query: events starting between (first day - longest
-- span) and the last day, ending on or after the first day. The span index
-- answers "longest span" at once (max() reads one end of it), so the range
-- on events_by_status stays about a month wide instead of every event that
-- starts before the month's end. Yearly events are read apart, through
-- events_yearly.
CREATE INDEX events_by_span ON events ((julianday(end_date) - julianday(start_date))) WHERE start_date IS NOT NULL;
