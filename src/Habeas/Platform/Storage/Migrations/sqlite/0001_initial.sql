-- Habeas schema 0001: the record (people, cases, events, sources), history and derived custody periods.
-- Written from the EF model (habeas schema-script --provider sqlite); SchemaMatchesModel checks they agree.
CREATE TABLE "legal_provisions" (
    "id" TEXT NOT NULL CONSTRAINT "pk_legal_provisions" PRIMARY KEY,
    "version" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "article" TEXT NULL,
    "title" TEXT NOT NULL,
    "jurisdiction" TEXT NULL,
    "code_version" TEXT NULL
);


CREATE TABLE "people" (
    "id" TEXT NOT NULL CONSTRAINT "pk_people" PRIMARY KEY,
    "version" INTEGER NOT NULL,
    "sex" TEXT NULL,
    "birth_date" TEXT NULL,
    "reported_age" INTEGER NULL,
    "reported_age_on" TEXT NULL,
    "nationality" TEXT NULL,
    "ethnicity" TEXT NULL,
    "occupation" TEXT NULL,
    "biography" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL
);


CREATE TABLE "places" (
    "id" TEXT NOT NULL CONSTRAINT "pk_places" PRIMARY KEY,
    "version" INTEGER NOT NULL,
    "parent_id" TEXT NULL,
    "kind" TEXT NOT NULL,
    "names" TEXT NOT NULL,
    CONSTRAINT "fk_places_places_parent_id" FOREIGN KEY ("parent_id") REFERENCES "places" ("id") ON DELETE RESTRICT
);


CREATE TABLE "record_versions" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_record_versions" PRIMARY KEY AUTOINCREMENT,
    "record_type" TEXT NOT NULL,
    "record_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "change" TEXT NOT NULL,
    "changed_at" INTEGER NOT NULL,
    "changed_by" TEXT NULL,
    "data" TEXT NOT NULL
);


CREATE TABLE "sources" (
    "id" TEXT NOT NULL CONSTRAINT "pk_sources" PRIMARY KEY,
    "version" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "kind" TEXT NULL,
    "publisher" TEXT NULL,
    "author" TEXT NULL,
    "date" TEXT NULL,
    "url" TEXT NULL,
    "language" TEXT NULL,
    "reliability" TEXT NULL,
    "excerpt" TEXT NULL,
    "created_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL
);


CREATE TABLE "vocabulary_terms" (
    "vocabulary" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "parent_code" TEXT NULL,
    "labels" TEXT NOT NULL,
    "sort_order" INTEGER NOT NULL,
    CONSTRAINT "pk_vocabulary_terms" PRIMARY KEY ("vocabulary", "code")
);


CREATE TABLE "custody_periods" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_custody_periods" PRIMARY KEY AUTOINCREMENT,
    "person_id" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "deprived_of_liberty" INTEGER NOT NULL,
    "from_day" TEXT NOT NULL,
    "to_day" TEXT NULL,
    "from_date" TEXT NOT NULL,
    "to_date" TEXT NULL,
    "presumed" INTEGER NOT NULL,
    CONSTRAINT "fk_custody_periods_people_person_id" FOREIGN KEY ("person_id") REFERENCES "people" ("id") ON DELETE CASCADE
);


CREATE TABLE "person_names" (
    "id" TEXT NOT NULL CONSTRAINT "pk_person_names" PRIMARY KEY,
    "person_id" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "script" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "family_name" TEXT NULL,
    "given_name" TEXT NULL,
    "language" TEXT NULL,
    "sort_order" INTEGER NOT NULL,
    "search_text" TEXT NOT NULL,
    CONSTRAINT "fk_person_names_people_person_id" FOREIGN KEY ("person_id") REFERENCES "people" ("id") ON DELETE CASCADE
);


CREATE TABLE "person_tags" (
    "person_id" TEXT NOT NULL,
    "tag" TEXT NOT NULL,
    CONSTRAINT "pk_person_tags" PRIMARY KEY ("person_id", "tag"),
    CONSTRAINT "fk_person_tags_people_person_id" FOREIGN KEY ("person_id") REFERENCES "people" ("id") ON DELETE CASCADE
);


CREATE TABLE "cases" (
    "id" TEXT NOT NULL CONSTRAINT "pk_cases" PRIMARY KEY,
    "version" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "court_case_number" TEXT NULL,
    "summary" TEXT NOT NULL,
    "jurisdiction_id" TEXT NULL,
    "created_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    CONSTRAINT "fk_cases_places_jurisdiction_id" FOREIGN KEY ("jurisdiction_id") REFERENCES "places" ("id") ON DELETE SET NULL
);


CREATE TABLE "organisations" (
    "id" TEXT NOT NULL CONSTRAINT "pk_organisations" PRIMARY KEY,
    "version" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "names" TEXT NOT NULL,
    "acronym" TEXT NULL,
    "country_id" TEXT NULL,
    CONSTRAINT "fk_organisations_places_country_id" FOREIGN KEY ("country_id") REFERENCES "places" ("id") ON DELETE SET NULL
);


CREATE TABLE "citations" (
    "id" TEXT NOT NULL CONSTRAINT "pk_citations" PRIMARY KEY,
    "version" INTEGER NOT NULL,
    "source_id" TEXT NOT NULL,
    "target_type" TEXT NOT NULL,
    "target_id" TEXT NOT NULL,
    "field" TEXT NULL,
    "page" TEXT NULL,
    "quote" TEXT NULL,
    CONSTRAINT "fk_citations_sources_source_id" FOREIGN KEY ("source_id") REFERENCES "sources" ("id") ON DELETE CASCADE
);


CREATE TABLE "case_participants" (
    "id" TEXT NOT NULL CONSTRAINT "pk_case_participants" PRIMARY KEY,
    "case_id" TEXT NOT NULL,
    "person_id" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    CONSTRAINT "fk_case_participants_cases_case_id" FOREIGN KEY ("case_id") REFERENCES "cases" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_case_participants_people_person_id" FOREIGN KEY ("person_id") REFERENCES "people" ("id") ON DELETE CASCADE
);


CREATE TABLE "charges" (
    "id" TEXT NOT NULL CONSTRAINT "pk_charges" PRIMARY KEY,
    "version" INTEGER NOT NULL,
    "case_id" TEXT NOT NULL,
    "person_id" TEXT NULL,
    "provision_id" TEXT NULL,
    "description" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    CONSTRAINT "fk_charges_cases_case_id" FOREIGN KEY ("case_id") REFERENCES "cases" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_charges_legal_provisions_provision_id" FOREIGN KEY ("provision_id") REFERENCES "legal_provisions" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_charges_people_person_id" FOREIGN KEY ("person_id") REFERENCES "people" ("id") ON DELETE SET NULL
);


CREATE TABLE "events" (
    "id" TEXT NOT NULL CONSTRAINT "pk_events" PRIMARY KEY,
    "version" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "date" TEXT NULL,
    "sort_date" TEXT NULL,
    "end_date" TEXT NULL,
    "case_id" TEXT NULL,
    "place_id" TEXT NULL,
    "description" TEXT NOT NULL,
    "search_text" TEXT NOT NULL,
    "decision" TEXT NULL,
    "release_reason" TEXT NULL,
    "sentence_years" INTEGER NULL,
    "sentence_months" INTEGER NULL,
    "sentence_days" INTEGER NULL,
    "suspended_years" INTEGER NULL,
    "suspended_months" INTEGER NULL,
    "suspended_days" INTEGER NULL,
    "fine" TEXT NULL,
    "created_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    CONSTRAINT "fk_events_cases_case_id" FOREIGN KEY ("case_id") REFERENCES "cases" ("id") ON DELETE SET NULL,
    CONSTRAINT "fk_events_places_place_id" FOREIGN KEY ("place_id") REFERENCES "places" ("id") ON DELETE SET NULL
);


CREATE TABLE "affiliations" (
    "id" TEXT NOT NULL CONSTRAINT "pk_affiliations" PRIMARY KEY,
    "person_id" TEXT NOT NULL,
    "organisation_id" TEXT NOT NULL,
    "role" TEXT NULL,
    "from" TEXT NULL,
    "to" TEXT NULL,
    CONSTRAINT "fk_affiliations_organisations_organisation_id" FOREIGN KEY ("organisation_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_affiliations_people_person_id" FOREIGN KEY ("person_id") REFERENCES "people" ("id") ON DELETE CASCADE
);


CREATE TABLE "designations" (
    "id" TEXT NOT NULL CONSTRAINT "pk_designations" PRIMARY KEY,
    "version" INTEGER NOT NULL,
    "person_id" TEXT NOT NULL,
    "organisation_id" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "date" TEXT NULL,
    "criteria" TEXT NULL,
    "rationale" TEXT NULL,
    "withdrawn_on" TEXT NULL,
    "withdrawal_reason" TEXT NULL,
    CONSTRAINT "fk_designations_organisations_organisation_id" FOREIGN KEY ("organisation_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_designations_people_person_id" FOREIGN KEY ("person_id") REFERENCES "people" ("id") ON DELETE CASCADE
);


CREATE TABLE "interventions" (
    "id" TEXT NOT NULL CONSTRAINT "pk_interventions" PRIMARY KEY,
    "version" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "person_id" TEXT NULL,
    "case_id" TEXT NULL,
    "organisation_id" TEXT NULL,
    "status" TEXT NOT NULL,
    "from" TEXT NULL,
    "to" TEXT NULL,
    "description" TEXT NOT NULL,
    "outcome" TEXT NULL,
    CONSTRAINT "fk_interventions_cases_case_id" FOREIGN KEY ("case_id") REFERENCES "cases" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_interventions_organisations_organisation_id" FOREIGN KEY ("organisation_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_interventions_people_person_id" FOREIGN KEY ("person_id") REFERENCES "people" ("id") ON DELETE CASCADE
);


CREATE TABLE "event_actors" (
    "id" TEXT NOT NULL CONSTRAINT "pk_event_actors" PRIMARY KEY,
    "event_id" TEXT NOT NULL,
    "organisation_id" TEXT NULL,
    "person_id" TEXT NULL,
    "name" TEXT NULL,
    "role" TEXT NOT NULL,
    CONSTRAINT "fk_event_actors_events_event_id" FOREIGN KEY ("event_id") REFERENCES "events" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_event_actors_organisations_organisation_id" FOREIGN KEY ("organisation_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_event_actors_people_person_id" FOREIGN KEY ("person_id") REFERENCES "people" ("id") ON DELETE SET NULL
);


CREATE TABLE "event_people" (
    "event_id" TEXT NOT NULL,
    "person_id" TEXT NOT NULL,
    CONSTRAINT "pk_event_people" PRIMARY KEY ("event_id", "person_id"),
    CONSTRAINT "fk_event_people_events_event_id" FOREIGN KEY ("event_id") REFERENCES "events" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_event_people_people_person_id" FOREIGN KEY ("person_id") REFERENCES "people" ("id") ON DELETE CASCADE
);


CREATE INDEX "ix_affiliations_organisation_id" ON "affiliations" ("organisation_id");


CREATE INDEX "ix_affiliations_person_id" ON "affiliations" ("person_id");


CREATE UNIQUE INDEX "ix_case_participants_case_id_person_id_role" ON "case_participants" ("case_id", "person_id", "role");


CREATE INDEX "ix_case_participants_person_id" ON "case_participants" ("person_id");


CREATE INDEX "ix_cases_jurisdiction_id" ON "cases" ("jurisdiction_id");


CREATE INDEX "ix_charges_case_id" ON "charges" ("case_id");


CREATE INDEX "ix_charges_person_id" ON "charges" ("person_id");


CREATE INDEX "ix_charges_provision_id" ON "charges" ("provision_id");


CREATE INDEX "ix_citations_source_id" ON "citations" ("source_id");


CREATE INDEX "ix_citations_target_type_target_id" ON "citations" ("target_type", "target_id");


CREATE INDEX "ix_custody_periods_from_day_to_day" ON "custody_periods" ("from_day", "to_day");


CREATE UNIQUE INDEX "ix_custody_periods_person_id_sequence" ON "custody_periods" ("person_id", "sequence");


CREATE INDEX "ix_designations_organisation_id" ON "designations" ("organisation_id");


CREATE INDEX "ix_designations_person_id" ON "designations" ("person_id");


CREATE INDEX "ix_event_actors_event_id" ON "event_actors" ("event_id");


CREATE INDEX "ix_event_actors_organisation_id" ON "event_actors" ("organisation_id");


CREATE INDEX "ix_event_actors_person_id" ON "event_actors" ("person_id");


CREATE INDEX "ix_event_people_person_id" ON "event_people" ("person_id");


CREATE INDEX "ix_events_case_id" ON "events" ("case_id");


CREATE INDEX "ix_events_place_id" ON "events" ("place_id");


CREATE INDEX "ix_events_sort_date" ON "events" ("sort_date");


CREATE INDEX "ix_interventions_case_id" ON "interventions" ("case_id");


CREATE INDEX "ix_interventions_organisation_id" ON "interventions" ("organisation_id");


CREATE INDEX "ix_interventions_person_id" ON "interventions" ("person_id");


CREATE INDEX "ix_organisations_country_id" ON "organisations" ("country_id");


CREATE INDEX "ix_person_names_person_id" ON "person_names" ("person_id");


CREATE INDEX "ix_person_names_search_text" ON "person_names" ("search_text");


CREATE INDEX "ix_places_parent_id" ON "places" ("parent_id");


CREATE INDEX "ix_record_versions_record_id" ON "record_versions" ("record_id");


CREATE UNIQUE INDEX "ix_record_versions_record_type_record_id_version" ON "record_versions" ("record_type", "record_id", "version");




-- Record history is append-only: the database itself refuses to change or remove a version.
CREATE TRIGGER record_versions_no_update BEFORE UPDATE ON record_versions
BEGIN SELECT RAISE(ABORT, 'record_versions is append-only'); END;
CREATE TRIGGER record_versions_no_delete BEFORE DELETE ON record_versions
BEGIN SELECT RAISE(ABORT, 'record_versions is append-only'); END;
