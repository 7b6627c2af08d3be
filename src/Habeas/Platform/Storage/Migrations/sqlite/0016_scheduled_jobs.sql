-- Habeas schema 0016: recurring jobs (scheduled backups) claimed by one server at a time (Jobs/ScheduledJobs.cs). From the EF model.
CREATE TABLE "scheduled_jobs" (
    "name" TEXT NOT NULL CONSTRAINT "pk_scheduled_jobs" PRIMARY KEY,
    "due_at" INTEGER NOT NULL,
    "lease_owner" TEXT NULL,
    "lease_until" INTEGER NULL,
    "last_finished_at" INTEGER NULL,
    "last_result" TEXT NULL
);
