-- Every ONDE export received, whatever became of it.
CREATE TABLE onde_import (
    id          UUID         PRIMARY KEY,
    received_at TIMESTAMPTZ  NOT NULL,
    source      VARCHAR(255) NOT NULL,
    status      VARCHAR(32)  NOT NULL
);
CREATE INDEX onde_import_received_at ON onde_import (received_at DESC);
