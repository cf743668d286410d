-- The person responsible for an event (a PR officer asked for it): shown on
-- the event's page, edited in its form, written to iCal as CONTACT.
ALTER TABLE events ADD COLUMN owner TEXT NOT NULL DEFAULT '';
