-- How many times an import was started: one interrupted again and again (a crash at each start) is not retried forever.
ALTER TABLE onde_import ADD COLUMN attempts INT NOT NULL DEFAULT 0;
-- A file name is the client's: kept whole, whatever its length.
ALTER TABLE onde_import ALTER COLUMN source TYPE TEXT;
-- The kept export's size, and when it was deleted (after the retention, or at once when discarded).
ALTER TABLE onde_import ADD COLUMN archive_bytes BIGINT NOT NULL DEFAULT 0;
ALTER TABLE onde_import ADD COLUMN archive_deleted_at TIMESTAMPTZ;
