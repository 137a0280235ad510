-- The switchover verifies its archives by the items they were copied from (its own rows among a whole académie's).
CREATE INDEX recovery_item_source ON recovery_item (source_item);
-- Deleting a class's items checks that no backup copy is one of them: by index, not by a scan per item.
CREATE INDEX backup_copy_copy_item ON backup_copy (copy_item);
