-- The schools of each académie, from onde.changes (a switchover names an académie).
CREATE TABLE content_school (
    uai          VARCHAR(8) PRIMARY KEY,
    academy_code VARCHAR(8) NOT NULL
);
CREATE INDEX content_school_academy ON content_school (academy_code);

-- A space where content lives (SPEC §4). A class space is known by (uai, school year, class id) and closed by the
-- switchover of its year; its members follow ONDE's rosters and the teachers' class choices.
CREATE TABLE space (
    id            UUID         PRIMARY KEY,
    kind          VARCHAR(32)  NOT NULL,
    uai           VARCHAR(8),
    school_year   VARCHAR(9),
    ref           VARCHAR(255),            -- class id for a class space
    name          VARCHAR(255),
    departmental  BOOLEAN      NOT NULL DEFAULT FALSE,
    closed_at     TIMESTAMPTZ,
    closed_by     UUID,                    -- the switchover that closed it
    UNIQUE (kind, uai, school_year, ref)
);
CREATE INDEX space_school_year ON space (uai, school_year);

CREATE TABLE space_member (
    space_id  UUID         NOT NULL REFERENCES space (id),
    person_id VARCHAR(255) NOT NULL,
    role      VARCHAR(16)  NOT NULL,       -- TEACHER, PUPIL, RESPONSABLE
    PRIMARY KEY (space_id, person_id, role)
);
CREATE INDEX space_member_person ON space_member (person_id);

-- An item of an application in a space: an article, a file, a contest, a map point, a homework entry…
CREATE TABLE content_item (
    id          UUID          PRIMARY KEY,
    space_id    UUID          NOT NULL REFERENCES space (id),
    application VARCHAR(32)   NOT NULL,
    title       VARCHAR(255)  NOT NULL,
    body        TEXT,
    data        JSONB,
    creator     VARCHAR(255)  NOT NULL,    -- person id
    created_at  TIMESTAMPTZ   NOT NULL,
    updated_at  TIMESTAMPTZ   NOT NULL
);
CREATE INDEX content_item_space ON content_item (space_id, application);

-- CNT-2: what a switchover archived for a teacher, recoverable into a class of the new year.
CREATE TABLE recovery_item (
    id             UUID          PRIMARY KEY,
    switchover_id  UUID          NOT NULL,
    teacher        VARCHAR(255)  NOT NULL,  -- person id
    source_item    UUID          NOT NULL,
    uai            VARCHAR(8)    NOT NULL,
    school_year    VARCHAR(9)    NOT NULL,
    class_id       VARCHAR(255),
    class_name     VARCHAR(255),
    application    VARCHAR(32)   NOT NULL,
    title          VARCHAR(255)  NOT NULL,
    body           TEXT,
    data           JSONB,
    creator        VARCHAR(255)  NOT NULL,
    created_at     TIMESTAMPTZ   NOT NULL,
    archived_at    TIMESTAMPTZ   NOT NULL,
    UNIQUE (teacher, source_item)
);
CREATE INDEX recovery_item_teacher ON recovery_item (teacher, application);

-- A recovered item: copied once into a space.
CREATE TABLE recovery_copy (
    recovery_item UUID        NOT NULL REFERENCES recovery_item (id),
    space_id      UUID        NOT NULL REFERENCES space (id),
    item_id       UUID        NOT NULL,
    copied_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (recovery_item, space_id)
);

-- A switchover applied to a school: once (a redelivery does nothing more).
CREATE TABLE content_year_switch (
    switchover_id UUID        NOT NULL,
    uai           VARCHAR(8)  NOT NULL,
    applied_at    TIMESTAMPTZ NOT NULL,
    counts        JSONB       NOT NULL,
    PRIMARY KEY (switchover_id, uai)
);
