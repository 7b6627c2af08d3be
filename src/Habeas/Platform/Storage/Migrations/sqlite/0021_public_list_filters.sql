-- Habeas schema 0021: the public list (Public/PublicList.cs) fast with any filter at a million people. From the EF model.
-- A selective filter's people are gathered first from the filter's own index and only they are sorted by name:
-- the people with a tag,
CREATE INDEX "ix_person_tags_tag_person_id" ON "person_tags" ("tag", "person_id");
-- the people in a custody status on a day (the periods of that status begun by the day, whose end is read from the index).
CREATE INDEX "ix_published_custody_periods_status_from_day_to_day_person_id" ON "published_custody_periods" ("status", "from_day", "to_day", "person_id");
-- The name walk probes each name's person for the level filter: an index holding the filter's columns answers it
-- without reading the person's row (at one person in ten published, a page's walk probes ten people for each it shows).
CREATE INDEX "ix_people_id_level_merged_into_id" ON "people" ("id", "level", "merged_into_id");
-- SQLite's planner takes the table's unique id index for that probe unless it has statistics showing this one covers it
-- (measured on a data folder never analysed: the walk kept reading people's rows). Statistics of people only: a fraction
-- of a second at a million people.
ANALYZE people;
