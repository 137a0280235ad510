-- School structures per school year, from onde.changes (CLS-1..4). A class is known by (uai, school_year, class_id);
-- 2017-2018 and 2018-2019 coexist around the switchover.

-- Each académie's current school year: what everyone sees until the next switchover (SEQ-2).
CREATE TABLE academy_year (
    academy_code  VARCHAR(8)  PRIMARY KEY,
    current_year  VARCHAR(9)  NOT NULL,
    switchover_id UUID,
    updated_at    TIMESTAMPTZ NOT NULL
);

CREATE TABLE school_class (
    uai          VARCHAR(8)   NOT NULL,
    school_year  VARCHAR(9)   NOT NULL,
    class_id     VARCHAR(255) NOT NULL,
    onde_name    VARCHAR(255),           -- as ONDE names it
    onde_levels  TEXT[]       NOT NULL,
    name         VARCHAR(255),           -- as its teachers or directeur configured it (CLS-3); null: ONDE's
    levels       TEXT[],                 -- null: ONDE's
    configured_by VARCHAR(255),
    removed      BOOLEAN      NOT NULL DEFAULT FALSE,  -- ONDE removed it
    closed_at    TIMESTAMPTZ,            -- the switchover closed it: read-only, kept for recovery
    PRIMARY KEY (uai, school_year, class_id)
);

CREATE TABLE pupil (
    uai         VARCHAR(8)   NOT NULL,
    school_year VARCHAR(9)   NOT NULL,
    pupil_id    VARCHAR(255) NOT NULL,
    first_name  VARCHAR(255),
    last_name   VARCHAR(255),
    class_id    VARCHAR(255) NOT NULL,
    level       VARCHAR(16),
    left_at     TIMESTAMPTZ,
    PRIMARY KEY (uai, school_year, pupil_id)
);
CREATE INDEX pupil_class ON pupil (uai, school_year, class_id) WHERE left_at IS NULL;
CREATE INDEX pupil_person ON pupil (pupil_id);

CREATE TABLE responsable (
    uai            VARCHAR(8)   NOT NULL,
    responsable_id VARCHAR(255) NOT NULL,
    kind           VARCHAR(16)  NOT NULL,
    civility       VARCHAR(32),
    last_name      VARCHAR(255),
    first_name     VARCHAR(255),
    email          VARCHAR(255),
    PRIMARY KEY (uai, responsable_id)
);

CREATE TABLE pupil_responsable (
    uai                VARCHAR(8)   NOT NULL,
    pupil_id           VARCHAR(255) NOT NULL,
    responsable_id     VARCHAR(255) NOT NULL,
    relation_code      VARCHAR(4),
    parental_authority BOOLEAN      NOT NULL,
    PRIMARY KEY (uai, pupil_id, responsable_id)
);
CREATE INDEX pupil_responsable_person ON pupil_responsable (responsable_id);

CREATE TABLE staff (
    uai        VARCHAR(8)   NOT NULL,
    staff_id   VARCHAR(255) NOT NULL,
    civility   VARCHAR(32),
    last_name  VARCHAR(255),
    first_name VARCHAR(255),
    email      VARCHAR(255),
    teacher    BOOLEAN      NOT NULL,
    director   BOOLEAN      NOT NULL,
    PRIMARY KEY (uai, staff_id)
);
CREATE INDEX staff_person ON staff (staff_id);

-- Which teacher chose which class (CLS-2); ended by the switchover (CLS-1), kept for the recovery step.
CREATE TABLE teacher_class (
    uai         VARCHAR(8)   NOT NULL,
    school_year VARCHAR(9)   NOT NULL,
    class_id    VARCHAR(255) NOT NULL,
    teacher_id  VARCHAR(255) NOT NULL,
    chosen_at   TIMESTAMPTZ  NOT NULL,
    ended_at    TIMESTAMPTZ,
    PRIMARY KEY (uai, school_year, class_id, teacher_id)
);
CREATE INDEX teacher_class_teacher ON teacher_class (teacher_id, school_year);

-- Work groups of a school (CLS-4): pupils and teachers of the school; end with the school year.
CREATE TABLE work_group (
    id          UUID         PRIMARY KEY,
    uai         VARCHAR(8)   NOT NULL,
    school_year VARCHAR(9)   NOT NULL,
    name        VARCHAR(255) NOT NULL,
    created_by  VARCHAR(255) NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL,
    ended_at    TIMESTAMPTZ
);
CREATE INDEX work_group_school ON work_group (uai, school_year);
CREATE TABLE work_group_member (
    group_id  UUID         NOT NULL REFERENCES work_group (id),
    person_id VARCHAR(255) NOT NULL,
    role      VARCHAR(16)  NOT NULL,  -- PUPIL, TEACHER
    PRIMARY KEY (group_id, person_id)
);

-- Partnerships between classes, joined by code (CLS-4). Those run by an école départementale outlive the year:
-- their member classes are released at the switchover and rejoin with the same code.
CREATE TABLE partnership (
    id           UUID         PRIMARY KEY,
    code         VARCHAR(16)  NOT NULL UNIQUE,
    name         VARCHAR(255) NOT NULL,
    owner_uai    VARCHAR(8)   NOT NULL,
    departmental BOOLEAN      NOT NULL,
    created_by   VARCHAR(255) NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    ended_at     TIMESTAMPTZ
);
CREATE TABLE partnership_class (
    partnership_id UUID         NOT NULL REFERENCES partnership (id),
    uai            VARCHAR(8)   NOT NULL,
    school_year    VARCHAR(9)   NOT NULL,
    class_id       VARCHAR(255) NOT NULL,
    joined_at      TIMESTAMPTZ  NOT NULL,
    left_at        TIMESTAMPTZ,
    PRIMARY KEY (partnership_id, uai, school_year, class_id)
);

-- Switchovers applied per school (running one twice does nothing more).
CREATE TABLE year_switch_applied (
    switchover_id UUID        NOT NULL,
    uai           VARCHAR(8)  NOT NULL,
    applied_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (switchover_id, uai)
);

ALTER TABLE school ADD COLUMN department VARCHAR(3);
