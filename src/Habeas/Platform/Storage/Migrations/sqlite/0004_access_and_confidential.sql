-- Habeas schema 0004: record levels (public/internal/restricted), who may see restricted records (users, teams),
-- and the encrypted confidential values. Written from the EF model (habeas schema-script).
ALTER TABLE "people" ADD COLUMN "level" TEXT NOT NULL DEFAULT 'internal';
ALTER TABLE "cases" ADD COLUMN "level" TEXT NOT NULL DEFAULT 'internal';
ALTER TABLE "events" ADD COLUMN "level" TEXT NOT NULL DEFAULT 'internal';
ALTER TABLE "sources" ADD COLUMN "level" TEXT NOT NULL DEFAULT 'internal';

CREATE TABLE "confidential_values" (
    "id" TEXT NOT NULL CONSTRAINT "pk_confidential_values" PRIMARY KEY,
    "record_type" TEXT NOT NULL,
    "record_id" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "ciphertext" TEXT NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "updated_by" TEXT NULL
);

CREATE TABLE "teams" (
    "id" TEXT NOT NULL CONSTRAINT "pk_teams" PRIMARY KEY,
    "name" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL
);

CREATE TABLE "record_grants" (
    "id" TEXT NOT NULL CONSTRAINT "pk_record_grants" PRIMARY KEY,
    "record_type" TEXT NOT NULL,
    "record_id" TEXT NOT NULL,
    "user_id" TEXT NULL,
    "team_id" TEXT NULL,
    "created_at" INTEGER NOT NULL,
    "created_by" TEXT NULL,
    CONSTRAINT "fk_record_grants_asp_net_users_user_id" FOREIGN KEY ("user_id") REFERENCES "asp_net_users" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_record_grants_teams_team_id" FOREIGN KEY ("team_id") REFERENCES "teams" ("id") ON DELETE CASCADE
);

CREATE TABLE "team_members" (
    "team_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    CONSTRAINT "pk_team_members" PRIMARY KEY ("team_id", "user_id"),
    CONSTRAINT "fk_team_members_asp_net_users_user_id" FOREIGN KEY ("user_id") REFERENCES "asp_net_users" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_team_members_teams_team_id" FOREIGN KEY ("team_id") REFERENCES "teams" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_confidential_values_record_type_record_id_field" ON "confidential_values" ("record_type", "record_id", "field");

CREATE INDEX "ix_record_grants_record_id_team_id" ON "record_grants" ("record_id", "team_id");

CREATE INDEX "ix_record_grants_record_id_user_id" ON "record_grants" ("record_id", "user_id");

CREATE INDEX "ix_record_grants_team_id" ON "record_grants" ("team_id");

CREATE INDEX "ix_record_grants_user_id" ON "record_grants" ("user_id");

CREATE INDEX "ix_team_members_user_id" ON "team_members" ("user_id");

CREATE UNIQUE INDEX "ix_teams_name" ON "teams" ("name");
