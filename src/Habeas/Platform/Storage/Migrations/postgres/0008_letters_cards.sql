-- Habeas schema 0008: letters and cards. An action may be published on the public site (public) with guidance for
-- the card form (card_guidance); letter templates per language; receipts of letters recorded as sent from the public
-- page (one per one-time token); greeting cards to the prisoner and the batches they are printed in. From the EF model.
ALTER TABLE actions ADD COLUMN public boolean NOT NULL DEFAULT false;
ALTER TABLE actions ADD COLUMN card_guidance text NOT NULL DEFAULT '{}';

CREATE TABLE card_batches (
    id uuid NOT NULL,
    action_id uuid NOT NULL,
    number integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    created_by text,
    CONSTRAINT pk_card_batches PRIMARY KEY (id),
    CONSTRAINT fk_card_batches_actions_action_id FOREIGN KEY (action_id) REFERENCES actions (id) ON DELETE CASCADE
);

CREATE TABLE letter_templates (
    id uuid NOT NULL,
    version integer NOT NULL,
    action_id uuid NOT NULL,
    language character varying(8) NOT NULL,
    text character varying(10000) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_letter_templates PRIMARY KEY (id),
    CONSTRAINT fk_letter_templates_actions_action_id FOREIGN KEY (action_id) REFERENCES actions (id) ON DELETE CASCADE
);

CREATE TABLE cards (
    id uuid NOT NULL,
    action_id uuid NOT NULL,
    message character varying(600) NOT NULL,
    signed_as character varying(80) NOT NULL,
    country character varying(2),
    language character varying(8) NOT NULL,
    status character varying(16) NOT NULL,
    reason character varying(1000),
    moderated_by text,
    moderated_at timestamp with time zone,
    batch_id uuid,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_cards PRIMARY KEY (id),
    CONSTRAINT fk_cards_actions_action_id FOREIGN KEY (action_id) REFERENCES actions (id) ON DELETE CASCADE,
    CONSTRAINT fk_cards_card_batches_batch_id FOREIGN KEY (batch_id) REFERENCES card_batches (id) ON DELETE SET NULL
);

CREATE TABLE sent_receipts (
    id uuid NOT NULL,
    outreach_id uuid NOT NULL,
    recorded_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_sent_receipts PRIMARY KEY (id),
    CONSTRAINT fk_sent_receipts_outreach_outreach_id FOREIGN KEY (outreach_id) REFERENCES outreach (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX ix_card_batches_action_id_number ON card_batches (action_id, number);
CREATE INDEX ix_cards_action_id_status ON cards (action_id, status);
CREATE INDEX ix_cards_batch_id ON cards (batch_id);
CREATE UNIQUE INDEX ix_letter_templates_action_id_language ON letter_templates (action_id, language);
CREATE INDEX ix_sent_receipts_outreach_id ON sent_receipts (outreach_id);
