-- Habeas schema 0012: indexes for the public site (Public/PublicList.cs): published people by level, and the list's
-- name order walked in index order and joined to them. From the EF model.
CREATE INDEX "ix_people_level" ON "people" ("level");
CREATE INDEX "ix_person_names_sort_order_search_text_person_id" ON "person_names" ("sort_order", "search_text", "person_id");
