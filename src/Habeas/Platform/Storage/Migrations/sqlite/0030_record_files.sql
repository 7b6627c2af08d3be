-- Habeas schema 0030: files on sources, events and people (docs/files.md). A stored file now has exactly one owner: an
-- action (as before), a source, an event or a person; a caption, a credit and the consent given; and a person's file may be
-- their photo (at most one per person). SQLite cannot make action_id nullable in place, so stored_files is rebuilt; its two
-- child tables (reply_files, story_media, both ON DELETE RESTRICT) are copied aside and recreated around it, because
-- dropping a parent that still has children fails while foreign keys are enforced (they are, and cannot be switched off
-- inside the migration's transaction).
CREATE TEMP TABLE "reply_files_0030" AS SELECT * FROM "reply_files";
CREATE TEMP TABLE "story_media_0030" AS SELECT * FROM "story_media";
DROP TABLE "reply_files";
DROP TABLE "story_media";

CREATE TABLE "stored_files_0030" (
    "id" TEXT NOT NULL CONSTRAINT "pk_stored_files" PRIMARY KEY,
    "action_id" TEXT NULL,
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "media_type" TEXT NOT NULL,
    "original_name" TEXT NOT NULL,
    "uploaded_at" INTEGER NOT NULL,
    "uploaded_by" TEXT NULL,
    "retracted_at" INTEGER NULL,
    "retracted_by" TEXT NULL,
    "retraction_reason" TEXT NULL,
    "source_id" TEXT NULL,
    "event_id" TEXT NULL,
    "person_id" TEXT NULL,
    "caption" TEXT NULL,
    "credit" TEXT NULL,
    "consent" TEXT NOT NULL DEFAULT 'none',
    "is_photo" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "ck_stored_files_one_owner" CHECK (
        ("action_id" IS NOT NULL) + ("source_id" IS NOT NULL) + ("event_id" IS NOT NULL) + ("person_id" IS NOT NULL) = 1
    ),
    CONSTRAINT "ck_stored_files_photo_of_a_person" CHECK ("is_photo" = 0 OR "person_id" IS NOT NULL),
    CONSTRAINT "ck_stored_files_consent" CHECK ("consent" IN ('none', 'staff', 'public')),
    CONSTRAINT "fk_stored_files_actions_action_id" FOREIGN KEY ("action_id") REFERENCES "actions" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_stored_files_sources_source_id" FOREIGN KEY ("source_id") REFERENCES "sources" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_stored_files_events_event_id" FOREIGN KEY ("event_id") REFERENCES "events" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_stored_files_people_person_id" FOREIGN KEY ("person_id") REFERENCES "people" ("id") ON DELETE CASCADE
);
INSERT INTO "stored_files_0030" ("id", "action_id", "sha256", "size", "media_type", "original_name", "uploaded_at", "uploaded_by", "retracted_at", "retracted_by", "retraction_reason")
SELECT "id", "action_id", "sha256", "size", "media_type", "original_name", "uploaded_at", "uploaded_by", "retracted_at", "retracted_by", "retraction_reason" FROM "stored_files";
DROP TABLE "stored_files";
ALTER TABLE "stored_files_0030" RENAME TO "stored_files";

CREATE TABLE "reply_files" (
    "reply_id" TEXT NOT NULL,
    "file_id" TEXT NOT NULL,
    CONSTRAINT "pk_reply_files" PRIMARY KEY ("reply_id", "file_id"),
    CONSTRAINT "fk_reply_files_replies_reply_id" FOREIGN KEY ("reply_id") REFERENCES "replies" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_reply_files_stored_files_file_id" FOREIGN KEY ("file_id") REFERENCES "stored_files" ("id") ON DELETE RESTRICT
);
INSERT INTO "reply_files" ("reply_id", "file_id") SELECT "reply_id", "file_id" FROM "reply_files_0030";

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
INSERT INTO "story_media" ("id", "story_id", "position", "file_id", "caption", "credit", "consent", "consent_by")
SELECT "id", "story_id", "position", "file_id", "caption", "credit", "consent", "consent_by" FROM "story_media_0030";

DROP TABLE "reply_files_0030";
DROP TABLE "story_media_0030";

CREATE INDEX "ix_stored_files_action_id" ON "stored_files" ("action_id");
CREATE INDEX "ix_stored_files_sha256" ON "stored_files" ("sha256");
CREATE INDEX "ix_stored_files_source_id" ON "stored_files" ("source_id");
CREATE INDEX "ix_stored_files_event_id" ON "stored_files" ("event_id");
CREATE INDEX "ix_stored_files_person_id" ON "stored_files" ("person_id");
CREATE UNIQUE INDEX "ix_stored_files_photo" ON "stored_files" ("person_id") WHERE "is_photo" = 1;
CREATE INDEX "ix_reply_files_file_id" ON "reply_files" ("file_id");
CREATE INDEX "ix_story_media_file_id" ON "story_media" ("file_id");
CREATE INDEX "ix_story_media_story_id" ON "story_media" ("story_id");
