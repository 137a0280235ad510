-- The SHA-256 of the export as received: the same file again is recognised without reading it.
ALTER TABLE onde_import ADD COLUMN archive_sha256 VARCHAR(64);
CREATE INDEX onde_import_completed ON onde_import (finished_at DESC) WHERE status = 'COMPLETED';
