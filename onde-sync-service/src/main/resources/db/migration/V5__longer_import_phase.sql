-- A phase says why an import is held or who decided on it: longer than the 64 characters first allowed.
ALTER TABLE onde_import ALTER COLUMN phase TYPE TEXT;
