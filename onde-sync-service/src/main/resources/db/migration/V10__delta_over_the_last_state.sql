-- A delta no longer copies the whole last state: onde_next holds only the entities the delta names (a deleted one
-- marked so), read over onde_entity, and merged into it once published. A pupil's links now name the responsables
-- of its ENTEleveAutoriteParentale, so that the schools a changed responsable touches are found by index.
ALTER TABLE onde_entity ADD COLUMN deleted BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE onde_next ADD COLUMN deleted BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE onde_entity SET links = ARRAY(SELECT split_part(v, '$', 1)
    FROM jsonb_array_elements_text(COALESCE(attrs -> 'ENTEleveAutoriteParentale', '[]')) v) WHERE type = 'Eleve';
