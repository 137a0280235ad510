-- The rows kept by the one-event-per-pupil contract are named for it, so that "responsable" can name what
-- fr.ent.onde.responsable.upserted.v2 published for a school (class.upserted.v3 links pupils to responsables by id).
UPDATE onde_published SET kind = kind || '.v1' WHERE kind IN ('pupil', 'responsable');
-- What was published before is in class.upserted.v2 (responsables inside the rosters): the same export again must be
-- compared, not recognised, so that it publishes the rosters and responsables of the new contract.
UPDATE onde_import SET archive_sha256 = NULL;
