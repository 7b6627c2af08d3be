-- Habeas schema 0006: campaign actions (Urgent Actions and the rest), their cases, concerns, targets and
-- further-information updates; the officials written to; outreach, one row per sending. From the EF model.
CREATE TABLE actions (
    id uuid NOT NULL,
    version integer NOT NULL,
    code character varying(40) NOT NULL,
    kind character varying(40) NOT NULL,
    title character varying(400) NOT NULL,
    status character varying(16) NOT NULL,
    issued_on date,
    act_by date,
    closed_on date,
    outcome character varying(40),
    outcome_note text,
    outcome_event_id uuid,
    recommended_actions text NOT NULL,
    appeal_text text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_actions PRIMARY KEY (id),
    CONSTRAINT fk_actions_events_outcome_event_id FOREIGN KEY (outcome_event_id) REFERENCES events (id) ON DELETE SET NULL
);

CREATE TABLE targets (
    id uuid NOT NULL,
    version integer NOT NULL,
    title text,
    name text,
    organisation text,
    postal_address text,
    email text,
    fax text,
    salutation text,
    language text,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_targets PRIMARY KEY (id)
);

CREATE TABLE action_cases (
    action_id uuid NOT NULL,
    case_id uuid NOT NULL,
    CONSTRAINT pk_action_cases PRIMARY KEY (action_id, case_id),
    CONSTRAINT fk_action_cases_actions_action_id FOREIGN KEY (action_id) REFERENCES actions (id) ON DELETE CASCADE,
    CONSTRAINT fk_action_cases_cases_case_id FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE CASCADE
);

CREATE TABLE action_concerns (
    action_id uuid NOT NULL,
    tag text NOT NULL,
    CONSTRAINT pk_action_concerns PRIMARY KEY (action_id, tag),
    CONSTRAINT fk_action_concerns_actions_action_id FOREIGN KEY (action_id) REFERENCES actions (id) ON DELETE CASCADE
);

CREATE TABLE action_targets (
    action_id uuid NOT NULL,
    target_id uuid NOT NULL,
    CONSTRAINT pk_action_targets PRIMARY KEY (action_id, target_id),
    CONSTRAINT fk_action_targets_actions_action_id FOREIGN KEY (action_id) REFERENCES actions (id) ON DELETE CASCADE,
    CONSTRAINT fk_action_targets_targets_target_id FOREIGN KEY (target_id) REFERENCES targets (id) ON DELETE RESTRICT
);

CREATE TABLE action_updates (
    id uuid NOT NULL,
    action_id uuid NOT NULL,
    number integer NOT NULL,
    issued_on date NOT NULL,
    what_changed character varying(400) NOT NULL,
    text text NOT NULL,
    CONSTRAINT pk_action_updates PRIMARY KEY (id),
    CONSTRAINT fk_action_updates_actions_action_id FOREIGN KEY (action_id) REFERENCES actions (id) ON DELETE CASCADE
);

CREATE TABLE outreach (
    id uuid NOT NULL,
    action_id uuid NOT NULL,
    channel character varying(40) NOT NULL,
    count integer NOT NULL,
    target_id uuid,
    supporter_id uuid,
    date date NOT NULL,
    language character varying(8),
    country character varying(2),
    recorded_at timestamp with time zone NOT NULL,
    recorded_by text,
    CONSTRAINT pk_outreach PRIMARY KEY (id),
    CONSTRAINT fk_outreach_actions_action_id FOREIGN KEY (action_id) REFERENCES actions (id) ON DELETE CASCADE,
    CONSTRAINT fk_outreach_targets_target_id FOREIGN KEY (target_id) REFERENCES targets (id) ON DELETE SET NULL
);

CREATE INDEX ix_action_cases_case_id ON action_cases (case_id);
CREATE INDEX ix_action_targets_target_id ON action_targets (target_id);
CREATE UNIQUE INDEX ix_action_updates_action_id_number ON action_updates (action_id, number);
CREATE UNIQUE INDEX ix_actions_code ON actions (code);
CREATE INDEX ix_actions_outcome_event_id ON actions (outcome_event_id);
CREATE INDEX ix_outreach_action_id_date ON outreach (action_id, date);
CREATE INDEX ix_outreach_target_id ON outreach (target_id);
