-- Habeas schema 0007: supporters (the least personal data: name, email, country, group, language, consent,
-- preferences), the actions they follow, their secret links (hashes only), and the email outbox. From the EF model.
CREATE TABLE supporters (
    id uuid NOT NULL,
    name character varying(200) NOT NULL,
    email character varying(320) NOT NULL,
    country character varying(2) NOT NULL,
    "group" character varying(200),
    language character varying(8) NOT NULL,
    status character varying(16) NOT NULL,
    consented_at timestamp with time zone NOT NULL,
    consent_version character varying(40) NOT NULL,
    confirmed_at timestamp with time zone,
    concerns text NOT NULL,
    regions text NOT NULL,
    max_actions_per_month integer,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_supporters PRIMARY KEY (id)
);

CREATE TABLE supporter_actions (
    supporter_id uuid NOT NULL,
    action_id uuid NOT NULL,
    followed_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_supporter_actions PRIMARY KEY (supporter_id, action_id),
    CONSTRAINT fk_supporter_actions_actions_action_id FOREIGN KEY (action_id) REFERENCES actions (id) ON DELETE CASCADE,
    CONSTRAINT fk_supporter_actions_supporters_supporter_id FOREIGN KEY (supporter_id) REFERENCES supporters (id) ON DELETE CASCADE
);

CREATE TABLE supporter_tokens (
    hash character varying(64) NOT NULL,
    supporter_id uuid NOT NULL,
    purpose character varying(16) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone,
    CONSTRAINT pk_supporter_tokens PRIMARY KEY (hash),
    CONSTRAINT fk_supporter_tokens_supporters_supporter_id FOREIGN KEY (supporter_id) REFERENCES supporters (id) ON DELETE CASCADE
);

CREATE TABLE outbox (
    id uuid NOT NULL,
    message_id character varying(100) NOT NULL,
    to_address character varying(320) NOT NULL,
    subject text NOT NULL,
    body text NOT NULL,
    language character varying(8) NOT NULL,
    kind character varying(40) NOT NULL,
    supporter_id uuid,
    action_id uuid,
    status character varying(16) NOT NULL,
    attempts integer NOT NULL,
    next_attempt_at timestamp with time zone NOT NULL,
    last_error character varying(500),
    claimed_by uuid,
    claimed_until timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    sent_at timestamp with time zone,
    CONSTRAINT pk_outbox PRIMARY KEY (id),
    CONSTRAINT fk_outbox_supporters_supporter_id FOREIGN KEY (supporter_id) REFERENCES supporters (id) ON DELETE CASCADE
);

CREATE INDEX ix_outbox_claimed_by ON outbox (claimed_by);

CREATE UNIQUE INDEX ix_outbox_message_id ON outbox (message_id);

CREATE INDEX ix_outbox_status_next_attempt_at ON outbox (status, next_attempt_at);

CREATE INDEX ix_outbox_supporter_id ON outbox (supporter_id);

CREATE INDEX ix_outreach_supporter_id ON outreach (supporter_id);

CREATE INDEX ix_supporter_actions_action_id ON supporter_actions (action_id);

CREATE INDEX ix_supporter_tokens_supporter_id ON supporter_tokens (supporter_id);

CREATE UNIQUE INDEX ix_supporters_email ON supporters (email);
