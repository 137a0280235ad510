-- Accounts for good (IDN-2, IDN-3): one per person ONDE brings, keyed by the ONDE join key, with a login that never
-- changes and is never given again (a deleted account keeps its row, without personal data, to hold its login).
DROP TABLE account;
CREATE TABLE account (
    person_id      VARCHAR(64)   PRIMARY KEY,
    login          VARCHAR(64)   NOT NULL UNIQUE,
    kind           VARCHAR(8)    NOT NULL,             -- PUPIL, PARENT, STAFF
    first_name     VARCHAR(255),
    last_name      VARCHAR(255),
    email          VARCHAR(255),
    state          VARCHAR(8)    NOT NULL,             -- ACTIVE, DISABLED, DELETED
    roles          TEXT[]        NOT NULL DEFAULT '{}', -- the ENT roles it carries in Keycloak
    uais           TEXT[]        NOT NULL DEFAULT '{}', -- the schools it belongs to
    created_at     TIMESTAMPTZ   NOT NULL,
    disabled_at    TIMESTAMPTZ,
    deleted_at     TIMESTAMPTZ,
    -- Keycloak: the user's id once made; version counts changes Keycloak must follow, synced_version what it has.
    keycloak_id    VARCHAR(64),
    keycloak_wanted BOOLEAN      NOT NULL DEFAULT FALSE, -- a pupil or parent whose class's teacher is known: made ahead
    version        BIGINT        NOT NULL DEFAULT 1,
    synced_version BIGINT        NOT NULL DEFAULT 0,
    sync_error     TEXT,
    sync_after     TIMESTAMPTZ,                         -- after a failure, not tried again before
    credential_at  TIMESTAMPTZ                          -- first connection sheet (pupils, parents)
);
-- The provisioner's work: accounts Keycloak has not caught up with.
CREATE INDEX account_to_sync ON account (person_id) WHERE version > synced_version;
CREATE INDEX account_disabled ON account (disabled_at) WHERE state = 'DISABLED';

-- How many logins each base has given (jean.martin, jean.martin2 …): a number once given is never given again.
CREATE TABLE login_counter (
    base  VARCHAR(64) PRIMARY KEY,
    taken INTEGER     NOT NULL
);

-- The schools of each académie, from onde.changes (a switchover names an académie).
CREATE TABLE identity_school (
    uai          VARCHAR(8)   PRIMARY KEY,
    academy_code VARCHAR(8)   NOT NULL,
    name         VARCHAR(255)
);
CREATE INDEX identity_school_academy ON identity_school (academy_code);

-- Who belongs where, from ONDE: a pupil in the roster of a class, a responsable linked to a pupil by the pupil's
-- latest roster, a responsable of eligible pupils of a school, staff of a school.
CREATE TABLE identity_class (
    uai         VARCHAR(8)   NOT NULL,
    school_year VARCHAR(9)   NOT NULL,
    class_id    VARCHAR(64)  NOT NULL,
    name        VARCHAR(255),
    PRIMARY KEY (uai, school_year, class_id)
);

CREATE TABLE class_pupil (
    uai         VARCHAR(8)  NOT NULL,
    school_year VARCHAR(9)  NOT NULL,
    class_id    VARCHAR(64) NOT NULL,
    pupil_id    VARCHAR(64) NOT NULL,
    PRIMARY KEY (uai, school_year, class_id, pupil_id)
);
CREATE INDEX class_pupil_pupil ON class_pupil (pupil_id);

CREATE TABLE pupil_responsable (
    pupil_id       VARCHAR(64) NOT NULL,
    responsable_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (pupil_id, responsable_id)
);
CREATE INDEX pupil_responsable_responsable ON pupil_responsable (responsable_id);

CREATE TABLE responsable_school (
    responsable_id VARCHAR(64) NOT NULL,
    uai            VARCHAR(8)  NOT NULL,
    PRIMARY KEY (responsable_id, uai)
);
CREATE INDEX responsable_school_uai ON responsable_school (uai);

CREATE TABLE staff_school (
    staff_id VARCHAR(64) NOT NULL,
    uai      VARCHAR(8)  NOT NULL,
    teacher  BOOLEAN     NOT NULL,
    director BOOLEAN     NOT NULL,
    PRIMARY KEY (staff_id, uai)
);
CREATE INDEX staff_school_uai ON staff_school (uai);

-- Teachers of classes, from class-service (CLS-2): who may make a class's connection sheets.
CREATE TABLE teacher_class (
    uai         VARCHAR(8)  NOT NULL,
    school_year VARCHAR(9)  NOT NULL,
    class_id    VARCHAR(64) NOT NULL,
    teacher_id  VARCHAR(64) NOT NULL,
    PRIMARY KEY (uai, school_year, class_id, teacher_id)
);

-- IDN-4..6: who made which connection sheets for whom, and when. Never a password.
CREATE TABLE sheet_batch (
    id          UUID         PRIMARY KEY,
    made_by     VARCHAR(64)  NOT NULL,                  -- person id of the teacher or directeur
    made_at     TIMESTAMPTZ  NOT NULL,
    uai         VARCHAR(8)   NOT NULL,
    school_year VARCHAR(9)   NOT NULL,
    class_id    VARCHAR(64)  NOT NULL,
    audience    VARCHAR(8)   NOT NULL,                  -- PUPILS, PARENTS
    persons     TEXT[]       NOT NULL,
    created     INTEGER      NOT NULL,                  -- first credentials
    renewed     INTEGER      NOT NULL                   -- new passwords for existing logins
);
CREATE INDEX sheet_batch_class ON sheet_batch (uai, school_year, class_id);

-- The switchovers taken into account per school (once each).
CREATE TABLE year_switch (
    switchover_id UUID        NOT NULL,
    uai           VARCHAR(8)  NOT NULL,
    applied_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (switchover_id, uai)
);
