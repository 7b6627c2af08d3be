-- Habeas schema 0015: idempotent API writes (Api/Idempotency.cs): each key with the answer it got, written in the
-- same transaction as the write. From the EF model.
CREATE TABLE "idempotency_records" (
    "owner" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "status_code" INTEGER NOT NULL,
    "content_type" TEXT NULL,
    "location" TEXT NULL,
    "body" BLOB NOT NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "pk_idempotency_records" PRIMARY KEY ("owner", "key")
);

CREATE INDEX "ix_idempotency_records_created_at" ON "idempotency_records" ("created_at");
