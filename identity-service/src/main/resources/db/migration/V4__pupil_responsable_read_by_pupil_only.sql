-- Nothing reads pupil_responsable by responsable alone: a pupil's links are replaced by pupil (Memberships.rosters)
-- and a class's parents are found from its pupils (Memberships.responsablesOf). The index by responsable cost one
-- entry per link written — some 425,000 at an académie's first import — and served no query.
DROP INDEX IF EXISTS pupil_responsable_responsable;
