-- Habeas schema 0002: the tamper-evident audit log (RFC 9162 leaf hashes), append-only.
CREATE TABLE "audit_entries" (
    "sequence" INTEGER NOT NULL CONSTRAINT "pk_audit_entries" PRIMARY KEY,
    "at" INTEGER NOT NULL,
    "actor" TEXT NULL,
    "action" TEXT NOT NULL,
    "record_type" TEXT NOT NULL,
    "record_id" TEXT NOT NULL,
    "entry" TEXT NOT NULL,
    "leaf_hash" BLOB NOT NULL
);
CREATE INDEX "ix_audit_entries_record_type_record_id" ON "audit_entries" ("record_type", "record_id");
CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END;
CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END;
