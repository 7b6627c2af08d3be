-- Habeas schema 0024: accounts a rights group can trust (docs/accounts.md). The invited person's name,
-- a forced change when someone else chose the password, one-time invitation and reset links (SHA-256 of the
-- secret only), and passkeys as a second factor (public keys only). From the EF model.
ALTER TABLE asp_net_users ADD display_name text;
ALTER TABLE asp_net_users ADD must_change_password boolean NOT NULL DEFAULT FALSE;

CREATE TABLE password_links (
    id uuid NOT NULL,
    user_id text NOT NULL,
    hash text NOT NULL,
    purpose character varying(16) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    used_at timestamp with time zone,
    created_by text,
    CONSTRAINT pk_password_links PRIMARY KEY (id),
    CONSTRAINT fk_password_links_asp_net_users_user_id FOREIGN KEY (user_id) REFERENCES asp_net_users (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX ix_password_links_hash ON password_links (hash);
CREATE INDEX ix_password_links_user_id ON password_links (user_id);

CREATE TABLE passkeys (
    id uuid NOT NULL,
    user_id text NOT NULL,
    credential_id character varying(1400) NOT NULL,
    public_key bytea NOT NULL,
    sign_count bigint NOT NULL,
    name character varying(100) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    last_used_at timestamp with time zone,
    CONSTRAINT pk_passkeys PRIMARY KEY (id),
    CONSTRAINT fk_passkeys_asp_net_users_user_id FOREIGN KEY (user_id) REFERENCES asp_net_users (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX ix_passkeys_credential_id ON passkeys (credential_id);
CREATE INDEX ix_passkeys_user_id ON passkeys (user_id);
