-- A school-year switchover of one académie (SEQ-1): scheduled, then run, then done.
CREATE TABLE switchover (
    id             UUID        PRIMARY KEY,
    academy_code   VARCHAR(8)  NOT NULL,
    from_year      VARCHAR(9)  NOT NULL,
    to_year        VARCHAR(9)  NOT NULL,
    scheduled_at   TIMESTAMPTZ NOT NULL,
    status         VARCHAR(16) NOT NULL,
    requested_by   VARCHAR(255) NOT NULL,
    version        INTEGER     NOT NULL DEFAULT 0,
    UNIQUE (academy_code, from_year)
);
