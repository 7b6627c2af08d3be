-- Habeas schema 0033: a word index for the search entries of cases and sources (Records/Search/SearchWordIndex.cs), so
-- that a picker or a search that few records match reads those records only instead of every entry of their kind. One
-- row per distinct word (cut at 64 characters) and record; filled here from the entries already stored.
CREATE TABLE "search_words" (
    "record_type" TEXT NOT NULL,
    "record_id" TEXT NOT NULL,
    "word" TEXT NOT NULL,
    CONSTRAINT "pk_search_words" PRIMARY KEY ("record_type", "record_id", "word")
);
CREATE INDEX "ix_search_words_record_type_word_record_id" ON "search_words" ("record_type", "word", "record_id");
WITH RECURSIVE split("record_type", "record_id", "word", "rest") AS (
    SELECT "record_type", "record_id", '', "text" || ' ' FROM "search_entries" WHERE "record_type" IN ('case', 'source')
    UNION ALL
    SELECT "record_type", "record_id", substr("rest", 1, instr("rest", ' ') - 1), substr("rest", instr("rest", ' ') + 1)
    FROM split WHERE "rest" <> ''
)
INSERT OR IGNORE INTO "search_words" ("record_type", "record_id", "word")
SELECT "record_type", "record_id", substr("word", 1, 64) FROM split WHERE "word" <> '';
