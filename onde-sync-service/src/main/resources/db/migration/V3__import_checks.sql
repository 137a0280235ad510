-- How far an import got, and what its check found.
ALTER TABLE onde_import
    ADD COLUMN requested_by     VARCHAR(255),
    ADD COLUMN phase            VARCHAR(64),
    ADD COLUMN files_total      INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN files_done       INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN bytes_total      BIGINT  NOT NULL DEFAULT 0,
    ADD COLUMN bytes_done       BIGINT  NOT NULL DEFAULT 0,
    ADD COLUMN entities_read    BIGINT  NOT NULL DEFAULT 0,
    ADD COLUMN started_at       TIMESTAMPTZ,
    ADD COLUMN finished_at      TIMESTAMPTZ,
    ADD COLUMN error            TEXT;

-- Per school: what the export holds and how many pupils the eligibility rules reject.
CREATE TABLE onde_import_school (
    import_id      UUID        NOT NULL REFERENCES onde_import (id) ON DELETE CASCADE,
    uai            VARCHAR(8)  NOT NULL,
    pupils         INTEGER     NOT NULL,
    rejected       INTEGER     NOT NULL,
    classes        INTEGER     NOT NULL,
    staff          INTEGER     NOT NULL,
    PRIMARY KEY (import_id, uai)
);

-- ONDE-3: the pupils an import rejected, with every reason, for the directeur to fix in ONDE.
CREATE TABLE onde_rejection (
    import_id   UUID         NOT NULL REFERENCES onde_import (id) ON DELETE CASCADE,
    uai         VARCHAR(8)   NOT NULL,
    pupil_id    VARCHAR(64)  NOT NULL,
    last_name   VARCHAR(255),
    first_name  VARCHAR(255),
    class_name  VARCHAR(255),
    reasons     VARCHAR(255) NOT NULL,
    PRIMARY KEY (import_id, pupil_id)
);
CREATE INDEX onde_rejection_school ON onde_rejection (uai, import_id);

-- The ONDE join key of a school (ENTStructureJointure), by which pupils and staff refer to it.
ALTER TABLE onde_school ADD COLUMN join_key VARCHAR(64) UNIQUE;
