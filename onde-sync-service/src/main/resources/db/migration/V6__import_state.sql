-- ONDE-4: the last imported state of every entity, what was last published per school, and the working tables of
-- the import that is running (one at a time).

-- Every request of the running import, in export order. Rebuilt from the kept archive when an import is
-- resumed, so it need not survive a crash (UNLOGGED: cheaper to write).
CREATE UNLOGGED TABLE onde_stage (
    ord        BIGINT      NOT NULL,
    type       VARCHAR(16) NOT NULL,  -- EtabEducNat, Eleve, PersRelEleve, PersEducNat
    op         CHAR(1)     NOT NULL,  -- A(dd), M(odify), D(elete)
    id         VARCHAR(255) NOT NULL,
    attrs      JSONB       NOT NULL   -- attribute name → values
);

-- The last imported state of every entity (onde_entity) and the state the running import is building
-- (onde_next): same shape; once every school is published the two swap names. A delta is applied to onde_entity.
CREATE TABLE onde_entity (
    type        VARCHAR(16)  NOT NULL,
    id          VARCHAR(255) NOT NULL,
    school_keys TEXT[]       NOT NULL,  -- ENTStructureJointure, or the ENTPersonStructRattach values
    links       TEXT[]       NOT NULL,  -- a responsable's pupils (ENTPersRelEleveEleve)
    attrs       JSONB        NOT NULL,
    PRIMARY KEY (type, id)
);
CREATE INDEX onde_entity_school ON onde_entity USING gin (school_keys);
CREATE INDEX onde_entity_links ON onde_entity USING gin (links);
CREATE TABLE onde_next (LIKE onde_entity INCLUDING ALL);

-- What was last published per school: the payload of every pupil and class (per school year: '-' for the
-- others), responsable and staff member. The next import is compared with it; equal payloads publish nothing.
CREATE TABLE onde_published (
    uai         VARCHAR(8)   NOT NULL,
    kind        VARCHAR(16)  NOT NULL,  -- class, pupil, responsable, staff
    school_year VARCHAR(9)   NOT NULL,
    entity_id   VARCHAR(255) NOT NULL,
    payload     TEXT         NOT NULL,
    PRIMARY KEY (uai, kind, school_year, entity_id)
);

-- The changes the running import will publish, per school in order, with the state each leaves behind
-- (state NULL: the entity is no longer published). Written whole before the first is applied, so that the
-- removal brake can look at all of them.
CREATE UNLOGGED TABLE onde_change (
    seq         BIGSERIAL    PRIMARY KEY,
    uai         VARCHAR(8)   NOT NULL,
    type        VARCHAR(64)  NOT NULL,  -- the event type
    subject     VARCHAR(255) NOT NULL,
    payload     TEXT         NOT NULL,
    kind        VARCHAR(16),            -- null for school events and markers
    school_year VARCHAR(9),
    entity_id   VARCHAR(255),
    state       TEXT
);
CREATE INDEX onde_change_school ON onde_change (uai, seq);

ALTER TABLE onde_import
    ADD COLUMN complete           BOOLEAN,
    ADD COLUMN confirmed_by       VARCHAR(255),
    ADD COLUMN schools_total      INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN schools_done       INTEGER NOT NULL DEFAULT 0,  -- schools compared
    ADD COLUMN schools_to_publish INTEGER NOT NULL DEFAULT 0,  -- schools with at least one event
    ADD COLUMN schools_published  INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN events_published   BIGINT  NOT NULL DEFAULT 0;

ALTER TABLE onde_import_school
    ADD COLUMN responsables INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN changes      INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN removed_pupils INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN published_at TIMESTAMPTZ;

-- Imports checked before publishing existed were never applied: a rectorate user decides on them.
UPDATE onde_import SET status = 'HELD',
    phase = 'held: checked by an earlier version that did not publish; confirm to publish it, or discard it'
    WHERE status = 'CHECKED';
