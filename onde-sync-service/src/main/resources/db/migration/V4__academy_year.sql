-- Each académie's current school year: set at installation (configuration), advanced by each year-switched event,
-- never derived from the calendar (ONDE-2 rule 4).
CREATE TABLE onde_academy (
    academy_code  VARCHAR(8)  PRIMARY KEY,
    current_year  VARCHAR(9)  NOT NULL,
    switchover_id UUID,
    updated_at    TIMESTAMPTZ NOT NULL
);
