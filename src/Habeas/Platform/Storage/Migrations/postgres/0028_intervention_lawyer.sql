-- Habeas schema 0028: the lawyer who acted in an intervention (legal aid), recorded with it (Records/Cases/Intervention.cs).
ALTER TABLE interventions ADD COLUMN lawyer text;
