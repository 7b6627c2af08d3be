-- Habeas schema 0007: supporters (the least personal data: name, email, country, group, language, consent,
-- preferences), the actions they follow, their secret links (hashes only), and the email outbox. From the EF model.
CREATE TABLE "supporters" (
    "id" TEXT NOT NULL CONSTRAINT "pk_supporters" PRIMARY KEY,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "group" TEXT NULL,
    "language" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "consented_at" INTEGER NOT NULL,
    "consent_version" TEXT NOT NULL,
    "confirmed_at" INTEGER NULL,
    "concerns" TEXT NOT NULL,
    "regions" TEXT NOT NULL,
    "max_actions_per_month" INTEGER NULL,
    "created_at" INTEGER NOT NULL
);

CREATE TABLE "supporter_actions" (
    "supporter_id" TEXT NOT NULL,
    "action_id" TEXT NOT NULL,
    "followed_at" INTEGER NOT NULL,
    CONSTRAINT "pk_supporter_actions" PRIMARY KEY ("supporter_id", "action_id"),
    CONSTRAINT "fk_supporter_actions_actions_action_id" FOREIGN KEY ("action_id") REFERENCES "actions" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_supporter_actions_supporters_supporter_id" FOREIGN KEY ("supporter_id") REFERENCES "supporters" ("id") ON DELETE CASCADE
);

CREATE TABLE "supporter_tokens" (
    "hash" TEXT NOT NULL CONSTRAINT "pk_supporter_tokens" PRIMARY KEY,
    "supporter_id" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "expires_at" INTEGER NULL,
    CONSTRAINT "fk_supporter_tokens_supporters_supporter_id" FOREIGN KEY ("supporter_id") REFERENCES "supporters" ("id") ON DELETE CASCADE
);

CREATE TABLE "outbox" (
    "id" TEXT NOT NULL CONSTRAINT "pk_outbox" PRIMARY KEY,
    "message_id" TEXT NOT NULL,
    "to_address" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "supporter_id" TEXT NULL,
    "action_id" TEXT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "next_attempt_at" INTEGER NOT NULL,
    "last_error" TEXT NULL,
    "claimed_by" TEXT NULL,
    "claimed_until" INTEGER NULL,
    "created_at" INTEGER NOT NULL,
    "sent_at" INTEGER NULL,
    CONSTRAINT "fk_outbox_supporters_supporter_id" FOREIGN KEY ("supporter_id") REFERENCES "supporters" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_outbox_claimed_by" ON "outbox" ("claimed_by");

CREATE UNIQUE INDEX "ix_outbox_message_id" ON "outbox" ("message_id");

CREATE INDEX "ix_outbox_status_next_attempt_at" ON "outbox" ("status", "next_attempt_at");

CREATE INDEX "ix_outbox_supporter_id" ON "outbox" ("supporter_id");

CREATE INDEX "ix_outreach_supporter_id" ON "outreach" ("supporter_id");

CREATE INDEX "ix_supporter_actions_action_id" ON "supporter_actions" ("action_id");

CREATE INDEX "ix_supporter_tokens_supporter_id" ON "supporter_tokens" ("supporter_id");

CREATE UNIQUE INDEX "ix_supporters_email" ON "supporters" ("email");
