-- What a delta affects, found once per import (ImportState.scope): the pupils whose roster place may change
-- ('Eleve'), the responsables whose existence or links change ('links') and those whose published state may change
-- ('PersRelEleve'). A delta then compares, in each school it touches, only the classes and responsables these name.
CREATE UNLOGGED TABLE onde_affected (
    type VARCHAR(16)  NOT NULL,
    id   VARCHAR(255) NOT NULL,
    PRIMARY KEY (type, id)
);
