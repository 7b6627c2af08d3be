-- Habeas schema 0032: a lawful erasure may overwrite (never delete) what history and the audit log hold of one person,
-- inside its own transaction only (Platform/History/ErasurePermit.cs). The append-only triggers allow an UPDATE while
-- that transaction holds a permit row; every other change is still refused.
CREATE TABLE "erasure_permits" ("id" TEXT NOT NULL CONSTRAINT "pk_erasure_permits" PRIMARY KEY);
DROP TRIGGER record_versions_no_update;
CREATE TRIGGER record_versions_no_update BEFORE UPDATE ON record_versions WHEN NOT EXISTS (SELECT 1 FROM erasure_permits)
BEGIN SELECT RAISE(ABORT, 'record_versions is append-only'); END;
DROP TRIGGER audit_entries_no_update;
CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries WHEN NOT EXISTS (SELECT 1 FROM erasure_permits)
BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END;
DROP TRIGGER part_versions_no_update;
CREATE TRIGGER part_versions_no_update BEFORE UPDATE ON part_versions WHEN NOT EXISTS (SELECT 1 FROM erasure_permits)
BEGIN SELECT RAISE(ABORT, 'part_versions is append-only'); END;
