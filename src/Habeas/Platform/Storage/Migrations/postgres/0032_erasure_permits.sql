-- Habeas schema 0032: a lawful erasure may overwrite (never delete) what history and the audit log hold of one person,
-- inside its own transaction only (Platform/History/ErasurePermit.cs). The append-only triggers allow an UPDATE while
-- that transaction holds a permit row; every other change is still refused.
CREATE TABLE erasure_permits (id uuid NOT NULL CONSTRAINT pk_erasure_permits PRIMARY KEY);
CREATE OR REPLACE FUNCTION habeas_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND TG_TABLE_NAME <> 'audit_heads' AND EXISTS (SELECT 1 FROM erasure_permits) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END
$$;
