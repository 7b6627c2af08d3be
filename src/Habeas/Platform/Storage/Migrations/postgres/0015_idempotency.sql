-- Habeas schema 0015: idempotent API writes (Api/Idempotency.cs): each key with the answer it got, written in the
-- same transaction as the write. From the EF model.
CREATE TABLE idempotency_records (
    owner character varying(450) NOT NULL,
    key character varying(255) NOT NULL,
    method character varying(10) NOT NULL,
    path text NOT NULL,
    request_hash character varying(64) NOT NULL,
    status_code integer NOT NULL,
    content_type text,
    location text,
    body bytea NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_idempotency_records PRIMARY KEY (owner, key)
);

CREATE INDEX ix_idempotency_records_created_at ON idempotency_records (created_at);
