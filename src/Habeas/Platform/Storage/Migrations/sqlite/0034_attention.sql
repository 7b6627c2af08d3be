-- Habeas schema 0034: what needs attention (docs/deadlines.md, docs/work-list.md). Scheduled events have a state and
-- keep the dates they were postponed from; places carry an ISO country code and provisions an offence class, so a case
-- finds its legal time limits, which are data (time_limits, seeded below with their articles); the deadlines derived from
-- events are stored like custody periods; users watch records, mark work-list items, subscribe to a calendar feed and
-- choose their reminders.
ALTER TABLE "events" ADD COLUMN "state" TEXT NULL;
ALTER TABLE "events" ADD COLUMN "postponed_from" TEXT NULL;
CREATE INDEX "ix_events_state_sort_date" ON "events" ("state", "sort_date");
ALTER TABLE "places" ADD COLUMN "code" TEXT NULL;
ALTER TABLE "legal_provisions" ADD COLUMN "offence_class" TEXT NULL;

CREATE TABLE "time_limits" (
    "id" TEXT NOT NULL CONSTRAINT "pk_time_limits" PRIMARY KEY,
    "version" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "offence_class" TEXT NULL,
    "months" INTEGER NOT NULL,
    "days" INTEGER NOT NULL,
    "law" TEXT NOT NULL,
    "article" TEXT NOT NULL,
    "code_version" TEXT NOT NULL,
    "verified" INTEGER NOT NULL,
    "source_url" TEXT NULL,
    "note" TEXT NULL
);
CREATE UNIQUE INDEX "ix_time_limits_code" ON "time_limits" ("code");

CREATE TABLE "deadlines" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_deadlines" PRIMARY KEY AUTOINCREMENT,
    "person_id" TEXT NULL,
    "case_id" TEXT NULL,
    "kind" TEXT NOT NULL,
    "due" TEXT NOT NULL,
    "due_latest" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "event_type" TEXT NOT NULL,
    "from_date" TEXT NOT NULL,
    "limit_code" TEXT NULL,
    "class_assumed" INTEGER NOT NULL,
    CONSTRAINT "fk_deadlines_people_person_id" FOREIGN KEY ("person_id") REFERENCES "people" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_deadlines_cases_case_id" FOREIGN KEY ("case_id") REFERENCES "cases" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_deadlines_events_event_id" FOREIGN KEY ("event_id") REFERENCES "events" ("id") ON DELETE CASCADE
);
CREATE INDEX "ix_deadlines_due" ON "deadlines" ("due");
CREATE INDEX "ix_deadlines_person_id" ON "deadlines" ("person_id");
CREATE INDEX "ix_deadlines_case_id" ON "deadlines" ("case_id");
CREATE INDEX "ix_deadlines_event_id" ON "deadlines" ("event_id");

CREATE TABLE "watches" (
    "user_id" TEXT NOT NULL,
    "record_type" TEXT NOT NULL,
    "record_id" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "pk_watches" PRIMARY KEY ("user_id", "record_type", "record_id"),
    CONSTRAINT "fk_watches_asp_net_users_user_id" FOREIGN KEY ("user_id") REFERENCES "asp_net_users" ("id") ON DELETE CASCADE
);
CREATE INDEX "ix_watches_record_type_record_id" ON "watches" ("record_type", "record_id");

CREATE TABLE "attention_marks" (
    "key" TEXT NOT NULL CONSTRAINT "pk_attention_marks" PRIMARY KEY,
    "done" INTEGER NOT NULL,
    "snoozed_until" TEXT NULL,
    "assigned_to" TEXT NULL,
    "marked_by" TEXT NOT NULL,
    "marked_at" INTEGER NOT NULL
);

CREATE TABLE "calendar_feeds" (
    "id" TEXT NOT NULL CONSTRAINT "pk_calendar_feeds" PRIMARY KEY,
    "user_id" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "discreet" INTEGER NOT NULL,
    "created_at" INTEGER NOT NULL,
    "revoked_at" INTEGER NULL,
    CONSTRAINT "fk_calendar_feeds_asp_net_users_user_id" FOREIGN KEY ("user_id") REFERENCES "asp_net_users" ("id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "ix_calendar_feeds_hash" ON "calendar_feeds" ("hash");
CREATE INDEX "ix_calendar_feeds_user_id" ON "calendar_feeds" ("user_id");

CREATE TABLE "reminder_settings" (
    "user_id" TEXT NOT NULL CONSTRAINT "pk_reminder_settings" PRIMARY KEY,
    "language" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "hearing_days" INTEGER NOT NULL,
    "last_digest_on" TEXT NULL,
    CONSTRAINT "fk_reminder_settings_asp_net_users_user_id" FOREIGN KEY ("user_id") REFERENCES "asp_net_users" ("id") ON DELETE CASCADE
);

-- The legal time limits, with their sources (docs/deadlines.md). verified = 0: taken from a secondary source, to be
-- checked against the code's text; an administrator edits them at /admin/time-limits.
INSERT INTO "time_limits" ("id", "version", "code", "country", "kind", "offence_class", "months", "days", "law", "article", "code_version", "verified", "source_url", "note") VALUES ('0194F5A0-0034-7000-8000-000000000001', 1, 'kh-ccp-96-police-custody', 'KH', 'police-custody', NULL, 0, 2, 'Code of Criminal Procedure of the Kingdom of Cambodia', '96', '2007 (Royal Kram NS/RKM/0807/024)', 1, 'https://cjad.nottingham.ac.uk/en/legislation/243/keyword/252', '48 hours from arrival at the police or Royal Gendarmerie unit; for a felony the police may extend it with the prosecutor''s written approval (the extension''s length is not recorded here).');
INSERT INTO "time_limits" ("id", "version", "code", "country", "kind", "offence_class", "months", "days", "law", "article", "code_version", "verified", "source_url", "note") VALUES ('0194F5A0-0034-7000-8000-000000000002', 1, 'kh-ccp-208-order-felony', 'KH', 'detention-order', 'felony', 6, 0, 'Code of Criminal Procedure of the Kingdom of Cambodia', '208', '2007 (Royal Kram NS/RKM/0807/024)', 0, 'https://www.icj.org/south-east-asia-security-laws/cambodia-southeast-asia-security-laws/', 'Each detention order or extension for a felony: six months. From secondary sources; check against the code''s text.');
INSERT INTO "time_limits" ("id", "version", "code", "country", "kind", "offence_class", "months", "days", "law", "article", "code_version", "verified", "source_url", "note") VALUES ('0194F5A0-0034-7000-8000-000000000003', 1, 'kh-ccp-208-maximum-felony', 'KH', 'pre-trial-maximum', 'felony', 18, 0, 'Code of Criminal Procedure of the Kingdom of Cambodia', '208', '2007 (Royal Kram NS/RKM/0807/024)', 0, 'https://www.icj.org/south-east-asia-security-laws/cambodia-southeast-asia-security-laws/', 'Pre-trial detention for a felony: at most 18 months (ICJ''s summary of art. 208); longer for crimes against humanity, genocide and war crimes.');
INSERT INTO "time_limits" ("id", "version", "code", "country", "kind", "offence_class", "months", "days", "law", "article", "code_version", "verified", "source_url", "note") VALUES ('0194F5A0-0034-7000-8000-000000000004', 1, 'kh-ccp-209-order-misdemeanour', 'KH', 'detention-order', 'misdemeanour', 4, 0, 'Code of Criminal Procedure of the Kingdom of Cambodia', '209', '2007 (Royal Kram NS/RKM/0807/024)', 1, 'https://cjad.nottingham.ac.uk/en/state/25/keyword/328', '"For an adult accused of a misdemeanor, the pre-trial detention shall not exceed 4 (four) months."');
INSERT INTO "time_limits" ("id", "version", "code", "country", "kind", "offence_class", "months", "days", "law", "article", "code_version", "verified", "source_url", "note") VALUES ('0194F5A0-0034-7000-8000-000000000005', 1, 'kh-ccp-209-maximum-misdemeanour', 'KH', 'pre-trial-maximum', 'misdemeanour', 6, 0, 'Code of Criminal Procedure of the Kingdom of Cambodia', '209', '2007 (Royal Kram NS/RKM/0807/024)', 0, 'https://cjad.nottingham.ac.uk/en/state/25/keyword/328', 'Four months, extended by the investigating judge "only one time"; the two months of that extension come from secondary sources.');
INSERT INTO "time_limits" ("id", "version", "code", "country", "kind", "offence_class", "months", "days", "law", "article", "code_version", "verified", "source_url", "note") VALUES ('0194F5A0-0034-7000-8000-000000000006', 1, 'kh-ccp-382-appeal', 'KH', 'appeal', NULL, 1, 0, 'Code of Criminal Procedure of the Kingdom of Cambodia', '382', '2007 (Royal Kram NS/RKM/0807/024)', 0, NULL, 'One month from the pronouncement of the judgment to appeal to the Court of Appeal. Article number and period not yet checked against the code''s text.');
INSERT INTO "time_limits" ("id", "version", "code", "country", "kind", "offence_class", "months", "days", "law", "article", "code_version", "verified", "source_url", "note") VALUES ('0194F5A0-0034-7000-8000-000000000007', 1, 'th-cpc-87-police-custody', 'TH', 'police-custody', NULL, 0, 2, 'Criminal Procedure Code', '87', 'B.E. 2477 (1935), as amended', 1, 'https://online.flipbuilder.com/trjb/zbuk/files/basic-html/page143.html', '48 hours from arrival at the inquiry official''s office.');
INSERT INTO "time_limits" ("id", "version", "code", "country", "kind", "offence_class", "months", "days", "law", "article", "code_version", "verified", "source_url", "note") VALUES ('0194F5A0-0034-7000-8000-000000000008', 1, 'th-cpc-87-order', 'TH', 'detention-order', NULL, 0, 12, 'Criminal Procedure Code', '87', 'B.E. 2477 (1935), as amended', 1, 'https://thanaiphorn.com/boards/index.php?topic=1005.msg1565', 'Each court detention order during the inquiry: at most 12 days.');
INSERT INTO "time_limits" ("id", "version", "code", "country", "kind", "offence_class", "months", "days", "law", "article", "code_version", "verified", "source_url", "note") VALUES ('0194F5A0-0034-7000-8000-000000000009', 1, 'th-cpc-87-maximum-felony', 'TH', 'pre-trial-maximum', 'felony', 0, 84, 'Criminal Procedure Code', '87', 'B.E. 2477 (1935), as amended', 1, 'https://thanaiphorn.com/boards/index.php?topic=1005.msg1565', 'Offences punishable by ten years or more: successive orders of at most 12 days, 84 days in all.');
INSERT INTO "time_limits" ("id", "version", "code", "country", "kind", "offence_class", "months", "days", "law", "article", "code_version", "verified", "source_url", "note") VALUES ('0194F5A0-0034-7000-8000-000000000010', 1, 'th-cpc-87-maximum-misdemeanour', 'TH', 'pre-trial-maximum', 'misdemeanour', 0, 48, 'Criminal Procedure Code', '87', 'B.E. 2477 (1935), as amended', 1, 'https://thanaiphorn.com/boards/index.php?topic=1005.msg1565', 'Offences punishable by more than six months and less than ten years: 48 days in all.');
INSERT INTO "time_limits" ("id", "version", "code", "country", "kind", "offence_class", "months", "days", "law", "article", "code_version", "verified", "source_url", "note") VALUES ('0194F5A0-0034-7000-8000-000000000011', 1, 'th-cpc-198-appeal', 'TH', 'appeal', NULL, 1, 0, 'Criminal Procedure Code', '198', 'B.E. 2477 (1935), as amended', 1, 'https://deka.law3s.com/details.php?type=keyword&word=%E0%B8%82%E0%B8%A2%E0%B8%B2%E0%B8%A2%E0%B9%80%E0%B8%A7%E0%B8%A5%E0%B8%B2%E0%B8%AD%E0%B8%B8%E0%B8%97%E0%B8%98%E0%B8%A3%E0%B8%93%E0%B9%8C', 'One month from the day the judgment is read (Supreme Court 848/2549); a calendar month (806/2525).');
INSERT INTO "time_limits" ("id", "version", "code", "country", "kind", "offence_class", "months", "days", "law", "article", "code_version", "verified", "source_url", "note") VALUES ('0194F5A0-0034-7000-8000-000000000012', 1, 'th-cpc-216-dika', 'TH', 'cassation', NULL, 1, 0, 'Criminal Procedure Code', '216', 'B.E. 2477 (1935), as amended', 1, 'http://tamanoon.biz/procrime/section/section216.htm', 'One month from the day the Appeal Court''s judgment is read, to appeal to the Supreme Court (Dika).');
