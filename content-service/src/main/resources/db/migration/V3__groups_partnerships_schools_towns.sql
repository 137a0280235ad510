-- CLS-4 in content-service: a partnership space's member classes. Whoever belongs to a linked class space that is
-- open belongs to the partnership (its teachers teach there, its pupils and their parents read it).
CREATE TABLE space_link (
    space_id       UUID NOT NULL REFERENCES space (id),
    class_space_id UUID NOT NULL REFERENCES space (id),
    PRIMARY KEY (space_id, class_space_id)
);
CREATE INDEX space_link_class ON space_link (class_space_id);

-- One school space per school and one town space per commune (INSEE code); neither has a school year, so no
-- switchover closes them. (The table's UNIQUE (kind, uai, school_year, ref) does not hold where school_year is NULL.)
CREATE UNIQUE INDEX space_school ON space (uai) WHERE kind = 'SCHOOL';
CREATE UNIQUE INDEX space_town ON space (ref) WHERE kind = 'TOWN';
