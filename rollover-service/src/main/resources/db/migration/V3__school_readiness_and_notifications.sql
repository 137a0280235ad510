-- SEQ-3 after the switchover: a school is ready for a school year once every participant has applied an ONDE import
-- of that year for it (its import.school-completed marker, then each participant's import-applied).
CREATE TABLE import_marker (
    import_id   UUID        NOT NULL,
    uai         VARCHAR(8)  NOT NULL,
    school_year VARCHAR(9)  NOT NULL,
    marked_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (import_id, uai)
);
CREATE TABLE import_ack (
    import_id   UUID         NOT NULL,
    participant VARCHAR(64)  NOT NULL,
    uai         VARCHAR(8)   NOT NULL,
    school_year VARCHAR(9)   NOT NULL,
    applied_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (import_id, participant, uai)
);
CREATE TABLE school_ready (
    uai         VARCHAR(8)  NOT NULL,
    school_year VARCHAR(9)  NOT NULL,
    import_id   UUID        NOT NULL,
    ready_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (uai, school_year)
);

-- Notifications to the people of a school in a role (the directeur), readable in the suite.
CREATE TABLE notification (
    id          UUID          PRIMARY KEY,
    kind        VARCHAR(32)   NOT NULL,
    uai         VARCHAR(8)    NOT NULL,
    role        VARCHAR(32)   NOT NULL,
    school_year VARCHAR(9),
    title       VARCHAR(255)  NOT NULL,
    message     TEXT          NOT NULL,
    created_at  TIMESTAMPTZ   NOT NULL,
    UNIQUE (kind, uai, role, school_year)
);
CREATE INDEX notification_school ON notification (uai, role, created_at DESC);
CREATE TABLE notification_read (
    notification_id UUID         NOT NULL REFERENCES notification (id),
    person          VARCHAR(255) NOT NULL,
    read_at         TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (notification_id, person)
);
