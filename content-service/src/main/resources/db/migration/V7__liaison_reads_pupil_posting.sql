-- Cahier de liaison: which of the families read a note, and when (a note deleted takes its receipts with it).
CREATE TABLE liaison_read (
    item_id   UUID         NOT NULL REFERENCES content_item (id) ON DELETE CASCADE,
    person_id VARCHAR(255) NOT NULL,
    read_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (item_id, person_id)
);

-- The applications of a space in which its pupils may post, as its teachers decide (none unless they say so).
ALTER TABLE space ADD COLUMN pupil_posting TEXT[] NOT NULL DEFAULT '{}';
