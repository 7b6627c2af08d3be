-- Habeas schema 0024: accounts a rights group can trust (docs/accounts.md). The invited person's name,
-- a forced change when someone else chose the password, one-time invitation and reset links (SHA-256 of the
-- secret only), and passkeys as a second factor (public keys only). From the EF model.
ALTER TABLE "asp_net_users" ADD "display_name" TEXT NULL;
ALTER TABLE "asp_net_users" ADD "must_change_password" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "password_links" (
    "id" TEXT NOT NULL CONSTRAINT "pk_password_links" PRIMARY KEY,
    "user_id" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "expires_at" INTEGER NOT NULL,
    "used_at" INTEGER NULL,
    "created_by" TEXT NULL,
    CONSTRAINT "fk_password_links_asp_net_users_user_id" FOREIGN KEY ("user_id") REFERENCES "asp_net_users" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_password_links_hash" ON "password_links" ("hash");
CREATE INDEX "ix_password_links_user_id" ON "password_links" ("user_id");

CREATE TABLE "passkeys" (
    "id" TEXT NOT NULL CONSTRAINT "pk_passkeys" PRIMARY KEY,
    "user_id" TEXT NOT NULL,
    "credential_id" TEXT NOT NULL,
    "public_key" BLOB NOT NULL,
    "sign_count" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "last_used_at" INTEGER NULL,
    CONSTRAINT "fk_passkeys_asp_net_users_user_id" FOREIGN KEY ("user_id") REFERENCES "asp_net_users" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_passkeys_credential_id" ON "passkeys" ("credential_id");
CREATE INDEX "ix_passkeys_user_id" ON "passkeys" ("user_id");
