-- Habeas schema 0021: the public list (Public/PublicList.cs) fast with any filter at a million people. From the EF model.
-- A selective filter's people are gathered first from the filter's own index and only they are sorted by name:
-- the people with a tag,
CREATE INDEX "ix_person_tags_tag_person_id" ON "person_tags" ("tag", "person_id");
-- the people in a custody status on a day (the periods of that status begun by the day, whose end is read from the index).
CREATE INDEX "ix_published_custody_periods_status_from_day_to_day_person_id" ON "published_custody_periods" ("status", "from_day", "to_day", "person_id");
-- The name walk probes each name's person for being published: a small covering index of published people instead of
-- the row of every person; it holds the columns of the level filter too (at one person in ten published, the walk of a page reads ten names for each it shows).
CREATE INDEX "ix_people_id_published" ON "people" ("id", "level", "merged_into_id") WHERE level = 'public' AND merged_into_id IS NULL;
