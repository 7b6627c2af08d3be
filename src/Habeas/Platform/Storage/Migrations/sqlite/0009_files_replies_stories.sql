-- Habeas schema 0010: stored files (uploads, content-addressed on disk under DATA/files), replies from targets and
-- acknowledgements from the prisoner with their files, success stories with their quotes and media. From the EF model.
CREATE TABLE "stored_files" (
    "id" TEXT NOT NULL CONSTRAINT "pk_stored_files" PRIMARY KEY,
    "action_id" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "media_type" TEXT NOT NULL,
    "original_name" TEXT NOT NULL,
    "uploaded_at" INTEGER NOT NULL,
    "uploaded_by" TEXT NULL,
    CONSTRAINT "fk_stored_files_actions_action_id" FOREIGN KEY ("action_id") REFERENCES "actions" ("id") ON DELETE CASCADE
);

CREATE TABLE "replies" (
    "id" TEXT NOT NULL CONSTRAINT "pk_replies" PRIMARY KEY,
    "version" INTEGER NOT NULL,
    "action_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "target_id" TEXT NULL,
    "received_on" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "language" TEXT NULL,
    "created_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    CONSTRAINT "fk_replies_actions_action_id" FOREIGN KEY ("action_id") REFERENCES "actions" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_replies_targets_target_id" FOREIGN KEY ("target_id") REFERENCES "targets" ("id") ON DELETE SET NULL
);

CREATE TABLE "reply_files" (
    "reply_id" TEXT NOT NULL,
    "file_id" TEXT NOT NULL,
    CONSTRAINT "pk_reply_files" PRIMARY KEY ("reply_id", "file_id"),
    CONSTRAINT "fk_reply_files_replies_reply_id" FOREIGN KEY ("reply_id") REFERENCES "replies" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_reply_files_stored_files_file_id" FOREIGN KEY ("file_id") REFERENCES "stored_files" ("id") ON DELETE RESTRICT
);

CREATE TABLE "stories" (
    "id" TEXT NOT NULL CONSTRAINT "pk_stories" PRIMARY KEY,
    "version" INTEGER NOT NULL,
    "action_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "published" INTEGER NOT NULL,
    "published_at" INTEGER NULL,
    "published_by" TEXT NULL,
    "created_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    CONSTRAINT "fk_stories_actions_action_id" FOREIGN KEY ("action_id") REFERENCES "actions" ("id") ON DELETE CASCADE
);

CREATE TABLE "story_quotes" (
    "id" TEXT NOT NULL CONSTRAINT "pk_story_quotes" PRIMARY KEY,
    "story_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "words" TEXT NOT NULL,
    "speaker" TEXT NULL,
    "said_on" TEXT NULL,
    "published_in" TEXT NULL,
    "consent" INTEGER NOT NULL,
    "consent_by" TEXT NULL,
    CONSTRAINT "fk_story_quotes_stories_story_id" FOREIGN KEY ("story_id") REFERENCES "stories" ("id") ON DELETE CASCADE
);

CREATE TABLE "story_media" (
    "id" TEXT NOT NULL CONSTRAINT "pk_story_media" PRIMARY KEY,
    "story_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "file_id" TEXT NOT NULL,
    "caption" TEXT NULL,
    "credit" TEXT NOT NULL,
    "consent" INTEGER NOT NULL,
    "consent_by" TEXT NULL,
    CONSTRAINT "fk_story_media_stored_files_file_id" FOREIGN KEY ("file_id") REFERENCES "stored_files" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_story_media_stories_story_id" FOREIGN KEY ("story_id") REFERENCES "stories" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_replies_action_id_received_on" ON "replies" ("action_id", "received_on");
CREATE INDEX "ix_replies_target_id" ON "replies" ("target_id");
CREATE INDEX "ix_reply_files_file_id" ON "reply_files" ("file_id");
CREATE INDEX "ix_stored_files_action_id" ON "stored_files" ("action_id");
CREATE INDEX "ix_stored_files_sha256" ON "stored_files" ("sha256");
CREATE UNIQUE INDEX "ix_stories_action_id" ON "stories" ("action_id");
CREATE INDEX "ix_story_media_file_id" ON "story_media" ("file_id");
CREATE INDEX "ix_story_media_story_id" ON "story_media" ("story_id");
CREATE INDEX "ix_story_quotes_story_id" ON "story_quotes" ("story_id");
