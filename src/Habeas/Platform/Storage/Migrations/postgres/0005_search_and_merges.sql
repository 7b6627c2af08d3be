-- Habeas schema 0005: the search entries (folded, segmented words of each record), merged people (merged_into_id),
-- the merges with what they moved (to undo them), and pairs dismissed as not duplicates. From the EF model.
ALTER TABLE people ADD COLUMN merged_into_id uuid;
CREATE INDEX ix_people_merged_into_id ON people (merged_into_id) WHERE merged_into_id IS NOT NULL;

CREATE TABLE search_entries (
    record_type character varying(16) NOT NULL,
    record_id uuid NOT NULL,
    text text NOT NULL,
    CONSTRAINT pk_search_entries PRIMARY KEY (record_type, record_id)
);

CREATE TABLE person_merges (
    id uuid NOT NULL,
    merged_id uuid NOT NULL,
    into_id uuid NOT NULL,
    merged_at timestamp with time zone NOT NULL,
    merged_by text,
    moved text NOT NULL,
    undone_at timestamp with time zone,
    undone_by text,
    CONSTRAINT pk_person_merges PRIMARY KEY (id)
);
CREATE INDEX ix_person_merges_into_id ON person_merges (into_id);
CREATE INDEX ix_person_merges_merged_id ON person_merges (merged_id);

CREATE TABLE duplicate_dismissals (
    person_a uuid NOT NULL,
    person_b uuid NOT NULL,
    dismissed_at timestamp with time zone NOT NULL,
    dismissed_by text,
    CONSTRAINT pk_duplicate_dismissals PRIMARY KEY (person_a, person_b)
);
