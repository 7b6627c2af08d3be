-- Habeas schema 0020: the Data Protection key ring in the database, shared by every server (Confidential/DataProtectionKeys.cs).
-- Each key is encrypted with the key ring of DATA/keys/field-keys.json. From the EF model.
CREATE TABLE "data_protection_keys" (
    "name" TEXT NOT NULL CONSTRAINT "pk_data_protection_keys" PRIMARY KEY,
    "xml" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL
);
