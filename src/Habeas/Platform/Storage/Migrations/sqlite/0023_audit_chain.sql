-- Habeas schema 0023: signed tree heads of the audit log, stored as it grows (Audit/AuditHeads.cs), append-only.
-- Entries written from now on commit to the tree before them (treeSize, treeRoot in the hashed entry); older ones
-- are checked as before, and the first chained entry commits to the root over all of them.
CREATE TABLE "audit_heads" (
    "tree_size" INTEGER NOT NULL CONSTRAINT "pk_audit_heads" PRIMARY KEY,
    "signed_at" INTEGER NOT NULL,
    "head" TEXT NOT NULL
);
CREATE TRIGGER audit_heads_no_update BEFORE UPDATE ON audit_heads
BEGIN SELECT RAISE(ABORT, 'audit_heads is append-only'); END;
CREATE TRIGGER audit_heads_no_delete BEFORE DELETE ON audit_heads
BEGIN SELECT RAISE(ABORT, 'audit_heads is append-only'); END;
