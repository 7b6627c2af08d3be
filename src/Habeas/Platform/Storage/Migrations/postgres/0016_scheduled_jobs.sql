-- Habeas schema 0016: recurring jobs (scheduled backups) claimed by one server at a time (Jobs/ScheduledJobs.cs). From the EF model.
CREATE TABLE scheduled_jobs (
    name character varying(100) NOT NULL,
    due_at timestamp with time zone NOT NULL,
    lease_owner text,
    lease_until timestamp with time zone,
    last_finished_at timestamp with time zone,
    last_result text,
    CONSTRAINT pk_scheduled_jobs PRIMARY KEY (name)
);
