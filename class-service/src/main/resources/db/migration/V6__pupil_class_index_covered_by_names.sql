-- pupil_class (uai, school_year, class_id) WHERE left_at IS NULL is the first half of pupil_class_names (V3), which
-- has the same predicate: every query that used the first can use the second. Dropped, a pupil row costs one index
-- entry less to write — 250,000 at an académie's first import.
DROP INDEX IF EXISTS pupil_class;
