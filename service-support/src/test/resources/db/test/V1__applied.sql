-- What the test consumer applied: one row per application (an event applied twice would leave two rows).
CREATE TABLE applied (
    row_id   BIGSERIAL   PRIMARY KEY,
    event_id UUID        NOT NULL,
    value    VARCHAR(20) NOT NULL
);
