-- A backed-up copy its owner deletes takes its record with it (and may be backed up again); before, deleting it failed.
ALTER TABLE backup_copy DROP CONSTRAINT backup_copy_copy_item_fkey;
ALTER TABLE backup_copy ADD CONSTRAINT backup_copy_copy_item_fkey FOREIGN KEY (copy_item) REFERENCES content_item (id)
    ON DELETE CASCADE;
