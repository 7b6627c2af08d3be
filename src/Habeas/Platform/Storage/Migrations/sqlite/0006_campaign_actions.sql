-- Habeas schema 0006: campaign actions (Urgent Actions and the rest), their cases, concerns, targets and
-- further-information updates; the officials written to; outreach, one row per sending. From the EF model.
CREATE TABLE "actions" (
    "id" TEXT NOT NULL CONSTRAINT "pk_actions" PRIMARY KEY,
    "version" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "issued_on" TEXT NULL,
    "act_by" TEXT NULL,
    "closed_on" TEXT NULL,
    "outcome" TEXT NULL,
    "outcome_note" TEXT NULL,
    "outcome_event_id" TEXT NULL,
    "recommended_actions" TEXT NOT NULL,
    "appeal_text" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    CONSTRAINT "fk_actions_events_outcome_event_id" FOREIGN KEY ("outcome_event_id") REFERENCES "events" ("id") ON DELETE SET NULL
);

CREATE TABLE "targets" (
    "id" TEXT NOT NULL CONSTRAINT "pk_targets" PRIMARY KEY,
    "version" INTEGER NOT NULL,
    "title" TEXT NULL,
    "name" TEXT NULL,
    "organisation" TEXT NULL,
    "postal_address" TEXT NULL,
    "email" TEXT NULL,
    "fax" TEXT NULL,
    "salutation" TEXT NULL,
    "language" TEXT NULL,
    "created_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL
);

CREATE TABLE "action_cases" (
    "action_id" TEXT NOT NULL,
    "case_id" TEXT NOT NULL,
    CONSTRAINT "pk_action_cases" PRIMARY KEY ("action_id", "case_id"),
    CONSTRAINT "fk_action_cases_actions_action_id" FOREIGN KEY ("action_id") REFERENCES "actions" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_action_cases_cases_case_id" FOREIGN KEY ("case_id") REFERENCES "cases" ("id") ON DELETE CASCADE
);

CREATE TABLE "action_concerns" (
    "action_id" TEXT NOT NULL,
    "tag" TEXT NOT NULL,
    CONSTRAINT "pk_action_concerns" PRIMARY KEY ("action_id", "tag"),
    CONSTRAINT "fk_action_concerns_actions_action_id" FOREIGN KEY ("action_id") REFERENCES "actions" ("id") ON DELETE CASCADE
);

CREATE TABLE "action_targets" (
    "action_id" TEXT NOT NULL,
    "target_id" TEXT NOT NULL,
    CONSTRAINT "pk_action_targets" PRIMARY KEY ("action_id", "target_id"),
    CONSTRAINT "fk_action_targets_actions_action_id" FOREIGN KEY ("action_id") REFERENCES "actions" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_action_targets_targets_target_id" FOREIGN KEY ("target_id") REFERENCES "targets" ("id") ON DELETE RESTRICT
);

CREATE TABLE "action_updates" (
    "id" TEXT NOT NULL CONSTRAINT "pk_action_updates" PRIMARY KEY,
    "action_id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "issued_on" TEXT NOT NULL,
    "what_changed" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    CONSTRAINT "fk_action_updates_actions_action_id" FOREIGN KEY ("action_id") REFERENCES "actions" ("id") ON DELETE CASCADE
);

CREATE TABLE "outreach" (
    "id" TEXT NOT NULL CONSTRAINT "pk_outreach" PRIMARY KEY,
    "action_id" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "target_id" TEXT NULL,
    "supporter_id" TEXT NULL,
    "date" TEXT NOT NULL,
    "language" TEXT NULL,
    "country" TEXT NULL,
    "recorded_at" INTEGER NOT NULL,
    "recorded_by" TEXT NULL,
    CONSTRAINT "fk_outreach_actions_action_id" FOREIGN KEY ("action_id") REFERENCES "actions" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_outreach_targets_target_id" FOREIGN KEY ("target_id") REFERENCES "targets" ("id") ON DELETE SET NULL
);

CREATE INDEX "ix_action_cases_case_id" ON "action_cases" ("case_id");
CREATE INDEX "ix_action_targets_target_id" ON "action_targets" ("target_id");
CREATE UNIQUE INDEX "ix_action_updates_action_id_number" ON "action_updates" ("action_id", "number");
CREATE UNIQUE INDEX "ix_actions_code" ON "actions" ("code");
CREATE INDEX "ix_actions_outcome_event_id" ON "actions" ("outcome_event_id");
CREATE INDEX "ix_outreach_action_id_date" ON "outreach" ("action_id", "date");
CREATE INDEX "ix_outreach_target_id" ON "outreach" ("target_id");
