-- A person's own space (kind PERSONAL, ref = their person id), made the first time they need it: one each.
CREATE UNIQUE INDEX space_personal ON space (ref) WHERE kind = 'PERSONAL';

-- CNT-3: what a teacher copied from a class's media library into their personal space, so that the same file is not
-- copied twice into the same folder.
CREATE TABLE backup_copy (
    owner       VARCHAR(255) NOT NULL,     -- person id
    source_item UUID         NOT NULL,
    folder      VARCHAR(255) NOT NULL,
    copy_item   UUID         NOT NULL REFERENCES content_item (id),
    copied_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (owner, source_item, folder)
);
