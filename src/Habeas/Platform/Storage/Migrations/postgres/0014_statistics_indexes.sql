-- Habeas schema 0014: indexes of the statistics. The daily detained series groups the detention periods by the
-- day they start and the day they end (the day first: SQLite cannot seek on a bare boolean column); the restricted people are found through ix_people_level (0012) to take their periods off. From the EF model.
CREATE INDEX ix_custody_periods_from_day_deprived_of_liberty_to_day ON custody_periods (from_day, deprived_of_liberty, to_day);
CREATE INDEX ix_custody_periods_to_day_deprived_of_liberty ON custody_periods (to_day, deprived_of_liberty);
