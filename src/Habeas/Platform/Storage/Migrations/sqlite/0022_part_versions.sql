-- Habeas schema 0022: versions of the parts of a record edited apart from it, its access list and its confidential
-- values (History/PartVersion.cs; docs/concurrency.md). The unique index lets one of two saves from the same version
-- commit. Append-only, like record_versions. From the EF model.
CREATE TABLE "part_versions" (
    "id" TEXT NOT NULL CONSTRAINT "pk_part_versions" PRIMARY KEY,
    "record_type" TEXT NOT NULL,
    "record_id" TEXT NOT NULL,
    "part" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "changed_at" INTEGER NOT NULL,
    "changed_by" TEXT NULL,
    "before" TEXT NOT NULL,
    "data" TEXT NOT NULL
);

CREATE UNIQUE INDEX "ix_part_versions_record_type_record_id_part_version" ON "part_versions" ("record_type", "record_id", "part", "version");

CREATE TRIGGER part_versions_no_update BEFORE UPDATE ON part_versions
BEGIN SELECT RAISE(ABORT, 'part_versions is append-only'); END;
CREATE TRIGGER part_versions_no_delete BEFORE DELETE ON part_versions
BEGIN SELECT RAISE(ABORT, 'part_versions is append-only'); END;
