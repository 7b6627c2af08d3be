-- Habeas schema 0011: the ids other systems give records, so importing the same file again updates instead of
-- duplicating (Import/). From the EF model.
CREATE TABLE "external_ids" (
    "system" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "record_type" TEXT NOT NULL,
    "record_id" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "pk_external_ids" PRIMARY KEY ("system", "value", "record_type")
);

CREATE INDEX "ix_external_ids_record_type_record_id" ON "external_ids" ("record_type", "record_id");
