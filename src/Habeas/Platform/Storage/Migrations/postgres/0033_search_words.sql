-- Habeas schema 0033: a word index for the search entries of cases and sources (Records/Search/SearchWordIndex.cs), so
-- that a picker or a search that few records match reads those records only instead of every entry of their kind. One
-- row per distinct word (cut at 64 characters) and record; filled here from the entries already stored. The words
-- compare byte by byte (COLLATE "C"), as the prefix ranges the searches ask for assume, whatever the database's locale.
CREATE TABLE search_words (
    record_type character varying(16) NOT NULL,
    record_id uuid NOT NULL,
    word text COLLATE "C" NOT NULL,
    CONSTRAINT pk_search_words PRIMARY KEY (record_type, record_id, word)
);
CREATE INDEX ix_search_words_record_type_word_record_id ON search_words (record_type, word, record_id);
INSERT INTO search_words (record_type, record_id, word)
SELECT DISTINCT e.record_type, e.record_id, left(w, 64)
FROM search_entries e, unnest(string_to_array(e.text, ' ')) AS w
WHERE e.record_type IN ('case', 'source') AND w <> ''
ON CONFLICT DO NOTHING;
