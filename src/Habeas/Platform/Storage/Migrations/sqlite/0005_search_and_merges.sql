-- Habeas schema 0005: the search entries (folded, segmented words of each record), merged people (merged_into_id),
-- the merges with what they moved (to undo them), and pairs dismissed as not duplicates. From the EF model.
ALTER TABLE "people" ADD COLUMN "merged_into_id" TEXT NULL;
CREATE INDEX "ix_people_merged_into_id" ON "people" ("merged_into_id") WHERE merged_into_id IS NOT NULL;

CREATE TABLE "search_entries" (
    "record_type" TEXT NOT NULL,
    "record_id" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    CONSTRAINT "pk_search_entries" PRIMARY KEY ("record_type", "record_id")
);

CREATE TABLE "person_merges" (
    "id" TEXT NOT NULL CONSTRAINT "pk_person_merges" PRIMARY KEY,
    "merged_id" TEXT NOT NULL,
    "into_id" TEXT NOT NULL,
    "merged_at" INTEGER NOT NULL,
    "merged_by" TEXT NULL,
    "moved" TEXT NOT NULL,
    "undone_at" INTEGER NULL,
    "undone_by" TEXT NULL
);
CREATE INDEX "ix_person_merges_into_id" ON "person_merges" ("into_id");
CREATE INDEX "ix_person_merges_merged_id" ON "person_merges" ("merged_id");

CREATE TABLE "duplicate_dismissals" (
    "person_a" TEXT NOT NULL,
    "person_b" TEXT NOT NULL,
    "dismissed_at" INTEGER NOT NULL,
    "dismissed_by" TEXT NULL,
    CONSTRAINT "pk_duplicate_dismissals" PRIMARY KEY ("person_a", "person_b")
);
