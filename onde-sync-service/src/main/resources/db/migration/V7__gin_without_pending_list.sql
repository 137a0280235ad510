-- The state tables are filled in bulk and read at once by import: a GIN pending list would make every lookup scan
-- the whole list (measured: 277 ms instead of 1 ms per school). onde_entity and onde_next swap names, so their
-- indexes may carry either name.
ALTER INDEX IF EXISTS onde_entity_school SET (fastupdate = off);
ALTER INDEX IF EXISTS onde_entity_links SET (fastupdate = off);
ALTER INDEX IF EXISTS onde_next_school_keys_idx SET (fastupdate = off);
ALTER INDEX IF EXISTS onde_next_links_idx SET (fastupdate = off);
