-- Migration 0021's indexes of a place's series are read by no query: a
-- page reads its series from 0022's (events_series_by_province and
-- events_series_by_organization, named by INDEXED BY: they hold what a
-- month needs of each series, where 0021's held its date alone). Every
-- write of a series kept them for nothing.
DROP INDEX events_repeating_by_province;
DROP INDEX events_repeating_by_organization;
