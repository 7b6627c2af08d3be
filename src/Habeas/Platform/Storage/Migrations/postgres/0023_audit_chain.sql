-- Habeas schema 0023: signed tree heads of the audit log, stored as it grows (Audit/AuditHeads.cs), append-only.
-- Entries written from now on commit to the tree before them (treeSize, treeRoot in the hashed entry); older ones
-- are checked as before, and the first chained entry commits to the root over all of them.
CREATE TABLE audit_heads (
    tree_size bigint NOT NULL,
    signed_at timestamp with time zone NOT NULL,
    head text NOT NULL,
    CONSTRAINT pk_audit_heads PRIMARY KEY (tree_size)
);
CREATE TRIGGER audit_heads_append_only BEFORE UPDATE OR DELETE ON audit_heads
    FOR EACH ROW EXECUTE FUNCTION habeas_append_only();
