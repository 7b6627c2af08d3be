-- Habeas schema 0034: what needs attention (docs/deadlines.md, docs/work-list.md). Scheduled events have a state and
-- keep the dates they were postponed from; places carry an ISO country code and provisions an offence class, so a case
-- finds its legal time limits, which are data (time_limits, seeded below with their articles); the deadlines derived from
-- events are stored like custody periods; users watch records, mark work-list items, subscribe to a calendar feed and
-- choose their reminders.
ALTER TABLE "events" ADD COLUMN "state" TEXT NULL;
ALTER TABLE "events" ADD COLUMN "postponed_from" TEXT NULL;
CREATE INDEX "ix_events_state_sort_date" ON "events" ("state", "sort_date");
ALTER TABLE "places" ADD COLUMN "code" TEXT NULL;
ALTER TABLE "legal_provisions" ADD COLUMN "offence_class" TEXT NULL;

CREATE TABLE "time_limits" (
    "id" TEXT NOT NULL CONSTRAINT "pk_time_limits" PRIMARY KEY,
    "version" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "offence_class" TEXT NULL,
    "months" INTEGER NOT NULL,
    "days" INTEGER NOT NULL,
    "law" TEXT NOT NULL,
    "article" TEXT NOT NULL,
    "code_version" TEXT NOT NULL,
    "verified" INTEGER NOT NULL,
    "source_url" TEXT NULL,
    "note" TEXT NULL
);
CREATE UNIQUE INDEX "ix_time_limits_code" ON "time_limits" ("code");

CREATE TABLE "deadlines" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_deadlines" PRIMARY KEY AUTOINCREMENT,
    "person_id" TEXT NULL,
    "case_id" TEXT NULL,
    "kind" TEXT NOT NULL,
    "due" TEXT NOT NULL,
    "due_latest" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "event_type" TEXT NOT NULL,
    "from_date" TEXT NOT NULL,
    "limit_code" TEXT NULL,
    "class_assumed" INTEGER NOT NULL,
    CONSTRAINT "fk_deadlines_people_person_id" FOREIGN KEY ("person_id") REFERENCES "people" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_deadlines_cases_case_id" FOREIGN KEY ("case_id") REFERENCES "cases" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_deadlines_events_event_id" FOREIGN KEY ("event_id") REFERENCES "events" ("id") ON DELETE CASCADE
);
CREATE INDEX "ix_deadlines_due" ON "deadlines" ("due");
CREATE INDEX "ix_deadlines_person_id" ON "deadlines" ("person_id");
CREATE INDEX "ix_deadlines_case_id" ON "deadlines" ("case_id");
CREATE INDEX "ix_deadlines_event_id" ON "deadlines" ("event_id");

CREATE TABLE "watches" (
    "user_id" TEXT NOT NULL,
    "record_type" TEXT NOT NULL,
    "record_id" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "pk_watches" PRIMARY KEY ("user_id", "record_type", "record_id"),
    CONSTRAINT "fk_watches_asp_net_users_user_id" FOREIGN KEY ("user_id") REFERENCES "asp_net_users" ("id") ON DELETE CASCADE
);
CREATE INDEX "ix_watches_record_type_record_id" ON "watches" ("record_type", "record_id");

CREATE TABLE "attention_marks" (
    "key" TEXT NOT NULL CONSTRAINT "pk_attention_marks" PRIMARY KEY,
    "done" INTEGER NOT NULL,
    "snoozed_until" TEXT NULL,
    "assigned_to" TEXT NULL,
    "marked_by" TEXT NOT NULL,
    "marked_at" INTEGER NOT NULL
);

CREATE TABLE "calendar_feeds" (
    "id" TEXT NOT NULL CONSTRAINT "pk_calendar_feeds" PRIMARY KEY,
    "user_id" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "discreet" INTEGER NOT NULL,
    "created_at" INTEGER NOT NULL,
    "revoked_at" INTEGER NULL,
    CONSTRAINT "fk_calendar_feeds_asp_net_users_user_id" FOREIGN KEY ("user_id") REFERENCES "asp_net_users" ("id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "ix_calendar_feeds_hash" ON "calendar_feeds" ("hash");
CREATE INDEX "ix_calendar_feeds_user_id" ON "calendar_feeds" ("user_id");

CREATE TABLE "reminder_settings" (
    "user_id" TEXT NOT NULL CONSTRAINT "pk_reminder_settings" PRIMARY KEY,
    "language" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "hearing_days" INTEGER NOT NULL,
    "last_digest_on" TEXT NULL,
    CONSTRAINT "fk_reminder_settings_asp_net_users_user_id" FOREIGN KEY ("user_id") REFERENCES "asp_net_users" ("id") ON DELETE CASCADE
);

-- The limits themselves are seeded at start from src/Habeas/Records/Deadlines/ShippedLimits.cs (docs/deadlines.md).
