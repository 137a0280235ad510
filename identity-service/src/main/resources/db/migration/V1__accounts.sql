-- One ENT account per person, with a login kept across school years (IDN-2, IDN-3).
CREATE TABLE account (
    person_id  VARCHAR(64)  PRIMARY KEY,
    login      VARCHAR(64)  NOT NULL UNIQUE,
    kind       VARCHAR(16)  NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL
);
