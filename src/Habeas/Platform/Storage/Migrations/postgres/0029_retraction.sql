-- Habeas schema 0029: retraction. Every record that can be retracted keeps when, by whom and why; a retracted row leaves
-- every query (the "retracted" query filter) and stays in history and the audit log (Platform/Retraction, docs/retraction.md).
ALTER TABLE people ADD COLUMN retracted_at timestamp with time zone, ADD COLUMN retracted_by varchar(256), ADD COLUMN retraction_reason varchar(500);
ALTER TABLE cases ADD COLUMN retracted_at timestamp with time zone, ADD COLUMN retracted_by varchar(256), ADD COLUMN retraction_reason varchar(500);
ALTER TABLE events ADD COLUMN retracted_at timestamp with time zone, ADD COLUMN retracted_by varchar(256), ADD COLUMN retraction_reason varchar(500);
ALTER TABLE charges ADD COLUMN retracted_at timestamp with time zone, ADD COLUMN retracted_by varchar(256), ADD COLUMN retraction_reason varchar(500);
ALTER TABLE sources ADD COLUMN retracted_at timestamp with time zone, ADD COLUMN retracted_by varchar(256), ADD COLUMN retraction_reason varchar(500);
ALTER TABLE citations ADD COLUMN retracted_at timestamp with time zone, ADD COLUMN retracted_by varchar(256), ADD COLUMN retraction_reason varchar(500);
ALTER TABLE designations ADD COLUMN retracted_at timestamp with time zone, ADD COLUMN retracted_by varchar(256), ADD COLUMN retraction_reason varchar(500);
ALTER TABLE interventions ADD COLUMN retracted_at timestamp with time zone, ADD COLUMN retracted_by varchar(256), ADD COLUMN retraction_reason varchar(500);
ALTER TABLE actions ADD COLUMN retracted_at timestamp with time zone, ADD COLUMN retracted_by varchar(256), ADD COLUMN retraction_reason varchar(500);
ALTER TABLE targets ADD COLUMN retracted_at timestamp with time zone, ADD COLUMN retracted_by varchar(256), ADD COLUMN retraction_reason varchar(500);
ALTER TABLE replies ADD COLUMN retracted_at timestamp with time zone, ADD COLUMN retracted_by varchar(256), ADD COLUMN retraction_reason varchar(500);
ALTER TABLE stored_files ADD COLUMN retracted_at timestamp with time zone, ADD COLUMN retracted_by varchar(256), ADD COLUMN retraction_reason varchar(500);
-- The public list's name walk probes each name's person for the filters: the index keeps covering them (see 0021).
DROP INDEX ix_people_id_level_merged_into_id;
CREATE INDEX ix_people_id_level_merged_into_id_retracted_at ON people (id, level, merged_into_id, retracted_at);
