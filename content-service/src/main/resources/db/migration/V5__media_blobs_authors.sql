-- Médiathèque: the bytes of files live in a content-addressed blob store (by SHA-256), one copy however many items
-- refer to them; a blob nothing refers to any more (no item, no archive) is freed by the sweeper.
CREATE TABLE blob (
    sha256     CHAR(64)    PRIMARY KEY,
    size       BIGINT      NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
ALTER TABLE content_item ADD COLUMN blob CHAR(64) REFERENCES blob (sha256);
ALTER TABLE recovery_item ADD COLUMN blob CHAR(64) REFERENCES blob (sha256);
CREATE INDEX content_item_blob ON content_item (blob) WHERE blob IS NOT NULL;
CREATE INDEX recovery_item_blob ON recovery_item (blob) WHERE blob IS NOT NULL;

-- The author's name as the ENT showed it when they wrote (a blog's PDF names its authors; content-service keeps no
-- directory of people).
ALTER TABLE content_item ADD COLUMN creator_name VARCHAR(255);
ALTER TABLE recovery_item ADD COLUMN creator_name VARCHAR(255);

-- A blog's articles in order, for its PDF and its pages.
CREATE INDEX content_item_space_created ON content_item (space_id, application, created_at, id);
