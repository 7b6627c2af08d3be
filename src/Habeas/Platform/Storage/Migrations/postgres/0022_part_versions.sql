-- Habeas schema 0022: versions of the parts of a record edited apart from it, its access list and its confidential
-- values (History/PartVersion.cs; docs/concurrency.md). The unique index lets one of two saves from the same version
-- commit. Append-only, like record_versions. From the EF model.
CREATE TABLE part_versions (
    id uuid NOT NULL,
    record_type character varying(40) NOT NULL,
    record_id uuid NOT NULL,
    part character varying(20) NOT NULL,
    version integer NOT NULL,
    changed_at timestamp with time zone NOT NULL,
    changed_by text,
    before text NOT NULL,
    data text NOT NULL,
    CONSTRAINT pk_part_versions PRIMARY KEY (id)
);

CREATE UNIQUE INDEX ix_part_versions_record_type_record_id_part_version ON part_versions (record_type, record_id, part, version);

CREATE TRIGGER part_versions_append_only BEFORE UPDATE OR DELETE ON part_versions
    FOR EACH ROW EXECUTE FUNCTION habeas_append_only();
