-- SEQ-1, SEQ-3: a switchover is started once (started_at, by the instance whose update wins), can be cancelled until
-- then, and is followed school by school through every participant's acknowledgement.
ALTER TABLE switchover
    ADD COLUMN requested_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    ADD COLUMN started_at   TIMESTAMPTZ,
    ADD COLUMN completed_at TIMESTAMPTZ,
    ADD COLUMN cancelled_by VARCHAR(255),
    ADD COLUMN cancelled_at TIMESTAMPTZ,
    DROP CONSTRAINT switchover_academy_code_from_year_key;
-- One switchover of an académie per starting year, cancelled ones aside.
CREATE UNIQUE INDEX switchover_once_per_year ON switchover (academy_code, from_year) WHERE status <> 'CANCELLED';
CREATE INDEX switchover_due ON switchover (scheduled_at) WHERE status = 'SCHEDULED';

-- Each académie's current school year for rollover-service: advanced by the switchovers it starts.
CREATE TABLE rollover_academy (
    academy_code  VARCHAR(8)  PRIMARY KEY,
    current_year  VARCHAR(9)  NOT NULL,
    switchover_id UUID,
    updated_at    TIMESTAMPTZ NOT NULL
);

-- The schools of each académie, from ONDE (onde.changes: school.upserted / school.removed).
CREATE TABLE rollover_school (
    uai          VARCHAR(8)   PRIMARY KEY,
    academy_code VARCHAR(8)   NOT NULL,
    name         VARCHAR(255),
    removed      BOOLEAN      NOT NULL DEFAULT FALSE
);
CREATE INDEX rollover_school_academy ON rollover_school (academy_code) WHERE NOT removed;

-- The schools a started switchover waits for: those of the académie when it started.
CREATE TABLE switchover_school (
    switchover_id UUID       NOT NULL REFERENCES switchover (id),
    uai           VARCHAR(8) NOT NULL,
    PRIMARY KEY (switchover_id, uai)
);

-- A participant's acknowledgement that it applied the switchover to a school.
CREATE TABLE switchover_ack (
    switchover_id   UUID         NOT NULL REFERENCES switchover (id),
    participant     VARCHAR(64)  NOT NULL,
    uai             VARCHAR(8)   NOT NULL,
    acknowledged_at TIMESTAMPTZ  NOT NULL,
    detail          TEXT,
    PRIMARY KEY (switchover_id, participant, uai)
);
