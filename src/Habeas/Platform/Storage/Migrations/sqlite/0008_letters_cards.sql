-- Habeas schema 0008: letters and cards. An action may be published on the public site (public) with guidance for
-- the card form (card_guidance); letter templates per language; receipts of letters recorded as sent from the public
-- page (one per one-time token); greeting cards to the prisoner and the batches they are printed in. From the EF model.
ALTER TABLE "actions" ADD COLUMN "public" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "actions" ADD COLUMN "card_guidance" TEXT NOT NULL DEFAULT '{}';

CREATE TABLE "card_batches" (
    "id" TEXT NOT NULL CONSTRAINT "pk_card_batches" PRIMARY KEY,
    "action_id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "created_at" INTEGER NOT NULL,
    "created_by" TEXT NULL,
    CONSTRAINT "fk_card_batches_actions_action_id" FOREIGN KEY ("action_id") REFERENCES "actions" ("id") ON DELETE CASCADE
);

CREATE TABLE "letter_templates" (
    "id" TEXT NOT NULL CONSTRAINT "pk_letter_templates" PRIMARY KEY,
    "version" INTEGER NOT NULL,
    "action_id" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    CONSTRAINT "fk_letter_templates_actions_action_id" FOREIGN KEY ("action_id") REFERENCES "actions" ("id") ON DELETE CASCADE
);

CREATE TABLE "cards" (
    "id" TEXT NOT NULL CONSTRAINT "pk_cards" PRIMARY KEY,
    "action_id" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "signed_as" TEXT NOT NULL,
    "country" TEXT NULL,
    "language" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT NULL,
    "moderated_by" TEXT NULL,
    "moderated_at" INTEGER NULL,
    "batch_id" TEXT NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "fk_cards_actions_action_id" FOREIGN KEY ("action_id") REFERENCES "actions" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_cards_card_batches_batch_id" FOREIGN KEY ("batch_id") REFERENCES "card_batches" ("id") ON DELETE SET NULL
);

CREATE TABLE "sent_receipts" (
    "id" TEXT NOT NULL CONSTRAINT "pk_sent_receipts" PRIMARY KEY,
    "outreach_id" TEXT NOT NULL,
    "recorded_at" INTEGER NOT NULL,
    CONSTRAINT "fk_sent_receipts_outreach_outreach_id" FOREIGN KEY ("outreach_id") REFERENCES "outreach" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_card_batches_action_id_number" ON "card_batches" ("action_id", "number");
CREATE INDEX "ix_cards_action_id_status" ON "cards" ("action_id", "status");
CREATE INDEX "ix_cards_batch_id" ON "cards" ("batch_id");
CREATE UNIQUE INDEX "ix_letter_templates_action_id_language" ON "letter_templates" ("action_id", "language");
CREATE INDEX "ix_sent_receipts_outreach_id" ON "sent_receipts" ("outreach_id");
