-- Habeas schema 0018: the starts and ends of detention periods per day, per timeline (shared: custody_periods; published:
-- published_custody_periods), read by the detained-over-time series. Derived data: kept in step with the periods in
-- the same transaction as every rebuild, filled for the periods already stored by Migrator's data step. From the EF model.
CREATE TABLE "custody_day_changes" (
    "edition" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "starts" INTEGER NOT NULL,
    "ends" INTEGER NOT NULL,
    CONSTRAINT "pk_custody_day_changes" PRIMARY KEY ("edition", "day")
);

-- The public list by first detention (Public/PublicList.cs): the public detention periods walked in day order, ties by person.
CREATE INDEX "ix_published_custody_periods_from_day_person_id" ON "published_custody_periods" ("from_day", "person_id") WHERE deprived_of_liberty;
-- Its provision filter: is this person charged under this provision (one seek; most charges name no one, so SQLite's
-- statistics of the person_id index alone make it look useless and it read all of the provision's charges per person).
CREATE INDEX "ix_charges_provision_id_person_id" ON "charges" ("provision_id", "person_id");
