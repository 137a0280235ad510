-- A planned change may be published state without an event of its own: a responsable's row, published inside an
-- event of fr.ent.onde.responsables.upserted.v1 that carries several of them (type and payload NULL).
ALTER TABLE onde_change ALTER COLUMN type DROP NOT NULL, ALTER COLUMN payload DROP NOT NULL;
