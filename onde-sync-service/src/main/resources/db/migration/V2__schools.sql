-- The last state of every school that onde-sync-service published: what the next change is compared with.
CREATE TABLE onde_school (
    uai          VARCHAR(8)   PRIMARY KEY,
    name         VARCHAR(255) NOT NULL,
    type         VARCHAR(255),
    academy_code VARCHAR(8)   NOT NULL,
    academy      VARCHAR(255),
    town         VARCHAR(255),
    district     VARCHAR(255),
    departmental BOOLEAN      NOT NULL,
    updated_at   TIMESTAMPTZ  NOT NULL
);
