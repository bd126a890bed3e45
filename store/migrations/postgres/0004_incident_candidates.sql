-- Incremental linking (issue 4) asks for the incidents of one country
-- within a few weeks of a new claim's date (Store.IncidentCandidates); this
-- index answers it with a range scan, the end date tested on the index.
CREATE INDEX incidents_country_date ON incidents(country, date_from, date_to);
