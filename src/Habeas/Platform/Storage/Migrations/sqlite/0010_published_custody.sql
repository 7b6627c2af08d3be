-- Habeas schema 0010: the public custody timeline (from a public person's public events only), read by the public site and
-- published figures. Filled for the people already public by Migrator's data step. From the EF model.
CREATE TABLE "published_custody_periods" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_published_custody_periods" PRIMARY KEY AUTOINCREMENT,
    "person_id" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "deprived_of_liberty" INTEGER NOT NULL,
    "from_day" TEXT NOT NULL,
    "to_day" TEXT NULL,
    "from_date" TEXT NOT NULL,
    "to_date" TEXT NULL,
    "presumed" INTEGER NOT NULL,
    CONSTRAINT "fk_published_custody_periods_people_person_id" FOREIGN KEY ("person_id") REFERENCES "people" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_published_custody_periods_from_day_to_day" ON "published_custody_periods" ("from_day", "to_day");
CREATE UNIQUE INDEX "ix_published_custody_periods_person_id_sequence" ON "published_custody_periods" ("person_id", "sequence");
