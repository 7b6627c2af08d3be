-- Habeas schema 0002: the tamper-evident audit log (RFC 9162 leaf hashes), append-only.
CREATE TABLE audit_entries (
    sequence bigint NOT NULL,
    at timestamp with time zone NOT NULL,
    actor text,
    action text NOT NULL,
    record_type text NOT NULL,
    record_id uuid NOT NULL,
    entry text NOT NULL,
    leaf_hash bytea NOT NULL,
    CONSTRAINT pk_audit_entries PRIMARY KEY (sequence)
);
CREATE INDEX ix_audit_entries_record_type_record_id ON audit_entries (record_type, record_id);
CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
    FOR EACH ROW EXECUTE FUNCTION habeas_append_only();
