-- A reminder is claimed first (its row), then its schools are told one by one outside that transaction (each asks
-- content-service for the school's preview); completed_at is set once every school was told. A claimed reminder not
-- completed (a crash midway) is taken up again: telling a school twice records one notification.
ALTER TABLE switchover_reminder ADD COLUMN completed_at TIMESTAMPTZ;
UPDATE switchover_reminder SET completed_at = recorded_at;
