-- The school year of the class a partnership was made for: published with the partnership, so that content-service
-- knows which year's switchover its space belongs to.
ALTER TABLE partnership ADD COLUMN school_year VARCHAR(9);
UPDATE partnership p SET school_year = (SELECT min(c.school_year) FROM partnership_class c WHERE c.partnership_id = p.id);
