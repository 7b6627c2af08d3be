-- Habeas schema 0027: the spent nonces of the anonymous forms, so one page load serves one post (Security/PublicForms.cs). From the EF model.
CREATE TABLE used_form_stamps (
    nonce character varying(32) NOT NULL,
    used_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_used_form_stamps PRIMARY KEY (nonce)
);

CREATE INDEX ix_used_form_stamps_used_at ON used_form_stamps (used_at);
