-- Schools known to the suite, by UAI; filled from ONDE changes.
CREATE TABLE school (
    uai          VARCHAR(8)   PRIMARY KEY,
    name         VARCHAR(255) NOT NULL,
    academy_code VARCHAR(8)   NOT NULL,
    town         VARCHAR(255),
    departmental BOOLEAN      NOT NULL DEFAULT FALSE
);
