-- Analysts' decisions that an incident is discounted (issue 6), by incident
-- key so that they outlive relinks as pins do: every save of an incident
-- with that key keeps grade 'discounted' and the analyst's reason. The
-- grade the incident had before is kept to restore it when the decision is
-- withdrawn.
CREATE TABLE incident_discounts (
	incident_key TEXT PRIMARY KEY CHECK (incident_key <> ''),
	reason       TEXT NOT NULL CHECK (reason <> ''),
	prior_grade  TEXT NOT NULL DEFAULT '',
	prior_reason TEXT NOT NULL DEFAULT ''
);
