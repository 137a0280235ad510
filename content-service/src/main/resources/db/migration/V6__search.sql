-- Moteur de recherche: every item searchable by its title (weight A) and text (B, its HTML tags left out) with
-- PostgreSQL's French configuration (stems, stop words), through a GIN index.
ALTER TABLE content_item ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('french', coalesce(title, '')), 'A')
    || setweight(to_tsvector('french', coalesce(regexp_replace(body, '<[^>]+>', ' ', 'g'), '')), 'B')) STORED;
CREATE INDEX content_item_search ON content_item USING gin (search);
