-- Habeas schema 0011: the ids other systems give records, so importing the same file again updates instead of
-- duplicating (Import/). From the EF model.
CREATE TABLE external_ids (
    system character varying(100) NOT NULL,
    value character varying(200) NOT NULL,
    record_type character varying(16) NOT NULL,
    record_id uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_external_ids PRIMARY KEY (system, value, record_type)
);

CREATE INDEX ix_external_ids_record_type_record_id ON external_ids (record_type, record_id);
