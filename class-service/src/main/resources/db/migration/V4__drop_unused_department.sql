-- The département of a school is the first three characters of its UAI; the column V2 added was never used.
ALTER TABLE school DROP COLUMN department;
