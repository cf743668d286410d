-- Occasions carry a sequence, as events do, so that a feed tells calendar
-- apps an occasion was edited (SEQUENCE with LAST-MODIFIED, RFC 5545).
ALTER TABLE occasions ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;
