-- A class's pupils in name order, for the three named in the class choice (CLS-2).
CREATE INDEX pupil_class_names ON pupil (uai, school_year, class_id, last_name, first_name, pupil_id) WHERE left_at IS NULL;
