-- Habeas schema 0010: stored files (uploads, content-addressed on disk under DATA/files), replies from targets and
-- acknowledgements from the prisoner with their files, success stories with their quotes and media. From the EF model.
CREATE TABLE stored_files (
    id uuid NOT NULL,
    action_id uuid NOT NULL,
    sha256 character varying(64) NOT NULL,
    size bigint NOT NULL,
    media_type character varying(64) NOT NULL,
    original_name character varying(200) NOT NULL,
    uploaded_at timestamp with time zone NOT NULL,
    uploaded_by text,
    CONSTRAINT pk_stored_files PRIMARY KEY (id),
    CONSTRAINT fk_stored_files_actions_action_id FOREIGN KEY (action_id) REFERENCES actions (id) ON DELETE CASCADE
);

CREATE TABLE replies (
    id uuid NOT NULL,
    version integer NOT NULL,
    action_id uuid NOT NULL,
    kind character varying(40) NOT NULL,
    target_id uuid,
    received_on date NOT NULL,
    summary text NOT NULL,
    language character varying(8),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_replies PRIMARY KEY (id),
    CONSTRAINT fk_replies_actions_action_id FOREIGN KEY (action_id) REFERENCES actions (id) ON DELETE CASCADE,
    CONSTRAINT fk_replies_targets_target_id FOREIGN KEY (target_id) REFERENCES targets (id) ON DELETE SET NULL
);

CREATE TABLE reply_files (
    reply_id uuid NOT NULL,
    file_id uuid NOT NULL,
    CONSTRAINT pk_reply_files PRIMARY KEY (reply_id, file_id),
    CONSTRAINT fk_reply_files_replies_reply_id FOREIGN KEY (reply_id) REFERENCES replies (id) ON DELETE CASCADE,
    CONSTRAINT fk_reply_files_stored_files_file_id FOREIGN KEY (file_id) REFERENCES stored_files (id) ON DELETE RESTRICT
);

CREATE TABLE stories (
    id uuid NOT NULL,
    version integer NOT NULL,
    action_id uuid NOT NULL,
    title text NOT NULL,
    text text NOT NULL,
    published boolean NOT NULL,
    published_at timestamp with time zone,
    published_by text,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_stories PRIMARY KEY (id),
    CONSTRAINT fk_stories_actions_action_id FOREIGN KEY (action_id) REFERENCES actions (id) ON DELETE CASCADE
);

CREATE TABLE story_quotes (
    id uuid NOT NULL,
    story_id uuid NOT NULL,
    position integer NOT NULL,
    words text NOT NULL,
    speaker text,
    said_on character varying(32),
    published_in text,
    consent boolean NOT NULL,
    consent_by text,
    CONSTRAINT pk_story_quotes PRIMARY KEY (id),
    CONSTRAINT fk_story_quotes_stories_story_id FOREIGN KEY (story_id) REFERENCES stories (id) ON DELETE CASCADE
);

CREATE TABLE story_media (
    id uuid NOT NULL,
    story_id uuid NOT NULL,
    position integer NOT NULL,
    file_id uuid NOT NULL,
    caption text,
    credit text NOT NULL,
    consent boolean NOT NULL,
    consent_by text,
    CONSTRAINT pk_story_media PRIMARY KEY (id),
    CONSTRAINT fk_story_media_stored_files_file_id FOREIGN KEY (file_id) REFERENCES stored_files (id) ON DELETE RESTRICT,
    CONSTRAINT fk_story_media_stories_story_id FOREIGN KEY (story_id) REFERENCES stories (id) ON DELETE CASCADE
);

CREATE INDEX ix_replies_action_id_received_on ON replies (action_id, received_on);
CREATE INDEX ix_replies_target_id ON replies (target_id);
CREATE INDEX ix_reply_files_file_id ON reply_files (file_id);
CREATE INDEX ix_stored_files_action_id ON stored_files (action_id);
CREATE INDEX ix_stored_files_sha256 ON stored_files (sha256);
CREATE UNIQUE INDEX ix_stories_action_id ON stories (action_id);
CREATE INDEX ix_story_media_file_id ON story_media (file_id);
CREATE INDEX ix_story_media_story_id ON story_media (story_id);
CREATE INDEX ix_story_quotes_story_id ON story_quotes (story_id);
