-- Habeas schema 0004: record levels (public/internal/restricted), who may see restricted records (users, teams),
-- and the encrypted confidential values. Written from the EF model (habeas schema-script).
ALTER TABLE people ADD COLUMN level character varying(16) NOT NULL DEFAULT 'internal';
ALTER TABLE cases ADD COLUMN level character varying(16) NOT NULL DEFAULT 'internal';
ALTER TABLE events ADD COLUMN level character varying(16) NOT NULL DEFAULT 'internal';
ALTER TABLE sources ADD COLUMN level character varying(16) NOT NULL DEFAULT 'internal';

CREATE TABLE confidential_values (
    id uuid NOT NULL,
    record_type character varying(40) NOT NULL,
    record_id uuid NOT NULL,
    field character varying(40) NOT NULL,
    ciphertext text NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    updated_by text,
    CONSTRAINT pk_confidential_values PRIMARY KEY (id)
);

CREATE TABLE teams (
    id uuid NOT NULL,
    name text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_teams PRIMARY KEY (id)
);

CREATE TABLE record_grants (
    id uuid NOT NULL,
    record_type text NOT NULL,
    record_id uuid NOT NULL,
    user_id text,
    team_id uuid,
    created_at timestamp with time zone NOT NULL,
    created_by text,
    CONSTRAINT pk_record_grants PRIMARY KEY (id),
    CONSTRAINT fk_record_grants_asp_net_users_user_id FOREIGN KEY (user_id) REFERENCES asp_net_users (id) ON DELETE CASCADE,
    CONSTRAINT fk_record_grants_teams_team_id FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE
);

CREATE TABLE team_members (
    team_id uuid NOT NULL,
    user_id text NOT NULL,
    CONSTRAINT pk_team_members PRIMARY KEY (team_id, user_id),
    CONSTRAINT fk_team_members_asp_net_users_user_id FOREIGN KEY (user_id) REFERENCES asp_net_users (id) ON DELETE CASCADE,
    CONSTRAINT fk_team_members_teams_team_id FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX ix_confidential_values_record_type_record_id_field ON confidential_values (record_type, record_id, field);

CREATE INDEX ix_record_grants_record_id_team_id ON record_grants (record_id, team_id);

CREATE INDEX ix_record_grants_record_id_user_id ON record_grants (record_id, user_id);

CREATE INDEX ix_record_grants_team_id ON record_grants (team_id);

CREATE INDEX ix_record_grants_user_id ON record_grants (user_id);

CREATE INDEX ix_team_members_user_id ON team_members (user_id);

CREATE UNIQUE INDEX ix_teams_name ON teams (name);
