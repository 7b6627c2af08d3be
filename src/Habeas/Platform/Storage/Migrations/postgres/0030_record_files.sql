-- Habeas schema 0030: files on sources, events and people (docs/files.md). A stored file now has exactly one owner: an
-- action (as before), a source, an event or a person; a caption, a credit and the consent given; and a person's file may be
-- their photo (at most one per person).
ALTER TABLE stored_files ALTER COLUMN action_id DROP NOT NULL;
ALTER TABLE stored_files ADD COLUMN source_id uuid;
ALTER TABLE stored_files ADD COLUMN event_id uuid;
ALTER TABLE stored_files ADD COLUMN person_id uuid;
ALTER TABLE stored_files ADD COLUMN caption character varying(1000);
ALTER TABLE stored_files ADD COLUMN credit character varying(200);
ALTER TABLE stored_files ADD COLUMN consent character varying(16) NOT NULL DEFAULT 'none';
ALTER TABLE stored_files ADD COLUMN is_photo boolean NOT NULL DEFAULT false;
ALTER TABLE stored_files ADD CONSTRAINT ck_stored_files_one_owner CHECK (num_nonnulls(action_id, source_id, event_id, person_id) = 1);
ALTER TABLE stored_files ADD CONSTRAINT ck_stored_files_photo_of_a_person CHECK (NOT is_photo OR person_id IS NOT NULL);
ALTER TABLE stored_files ADD CONSTRAINT ck_stored_files_consent CHECK (consent IN ('none', 'staff', 'public'));
ALTER TABLE stored_files ADD CONSTRAINT fk_stored_files_sources_source_id FOREIGN KEY (source_id) REFERENCES sources (id) ON DELETE CASCADE;
ALTER TABLE stored_files ADD CONSTRAINT fk_stored_files_events_event_id FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE;
ALTER TABLE stored_files ADD CONSTRAINT fk_stored_files_people_person_id FOREIGN KEY (person_id) REFERENCES people (id) ON DELETE CASCADE;
CREATE INDEX ix_stored_files_source_id ON stored_files (source_id);
CREATE INDEX ix_stored_files_event_id ON stored_files (event_id);
CREATE INDEX ix_stored_files_person_id ON stored_files (person_id);
CREATE UNIQUE INDEX ix_stored_files_photo ON stored_files (person_id) WHERE is_photo;
