-- harmlog schema, SQLite dialect. Dates of events are ISO 'YYYY-MM-DD' text
-- (they sort and compare as text); timestamps are RFC 3339 UTC text with
-- microseconds; JSON columns are text; booleans are 0/1.

CREATE TABLE parties (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL UNIQUE CHECK (name <> ''),
	country    TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL
);

CREATE TABLE party_aliases (
	party_id INTEGER NOT NULL REFERENCES parties(id) ON DELETE CASCADE,
	alias    TEXT NOT NULL CHECK (alias <> ''),
	PRIMARY KEY (party_id, alias)
);
CREATE INDEX party_aliases_alias ON party_aliases(alias);

CREATE TABLE sources (
	id    INTEGER PRIMARY KEY,
	name  TEXT NOT NULL UNIQUE CHECK (name <> ''),
	kind  TEXT NOT NULL DEFAULT 'other' CHECK (kind IN
		('news_agency', 'ngo', 'government', 'international_organisation', 'dataset', 'other')),
	party TEXT NOT NULL DEFAULT ''
);

CREATE TABLE documents (
	id           INTEGER PRIMARY KEY,
	sha256       TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
	size         INTEGER NOT NULL CHECK (size >= 0),
	media_type   TEXT NOT NULL DEFAULT '',
	title        TEXT NOT NULL DEFAULT '',
	publisher_id INTEGER REFERENCES sources(id),
	publisher    TEXT NOT NULL DEFAULT '',
	published    TEXT NOT NULL DEFAULT '',
	url          TEXT NOT NULL DEFAULT '',
	language     TEXT NOT NULL DEFAULT '',
	filename     TEXT NOT NULL DEFAULT '',
	ingested_at  TEXT NOT NULL,
	ingested_by  TEXT NOT NULL DEFAULT '',
	-- the large columns last, so listing rows does not read them
	content_text TEXT NOT NULL DEFAULT '',
	original     BLOB NOT NULL
);
CREATE INDEX documents_published ON documents(published);

CREATE TABLE claims (
	id                INTEGER PRIMARY KEY,
	document_id       INTEGER NOT NULL REFERENCES documents(id),
	idx               INTEGER NOT NULL CHECK (idx >= 0),
	killed_min        INTEGER CHECK (killed_min >= 0),
	killed_max        INTEGER CHECK (killed_max >= 0),
	injured_min       INTEGER CHECK (injured_min >= 0),
	injured_max       INTEGER CHECK (injured_max >= 0),
	missing_min       INTEGER CHECK (missing_min >= 0),
	missing_max       INTEGER CHECK (missing_max >= 0),
	damaged           TEXT NOT NULL DEFAULT 'null',
	victims           TEXT NOT NULL DEFAULT '',
	scope             TEXT NOT NULL DEFAULT '',
	part_of           INTEGER,
	date_from         TEXT,
	date_to           TEXT,
	weapons           TEXT NOT NULL DEFAULT 'null',
	weapon_words      TEXT NOT NULL DEFAULT 'null',
	perpetrator       TEXT NOT NULL DEFAULT '',
	perpetrator_words TEXT NOT NULL DEFAULT '',
	claimant          TEXT NOT NULL DEFAULT '',
	claimant_id       INTEGER REFERENCES sources(id),
	span_start        INTEGER NOT NULL DEFAULT 0,
	span_end          INTEGER NOT NULL DEFAULT 0,
	denied            INTEGER NOT NULL DEFAULT 0,
	denied_by         TEXT NOT NULL DEFAULT '',
	is_update         INTEGER NOT NULL DEFAULT 0,
	status            TEXT NOT NULL DEFAULT 'machine' CHECK (status IN
		('machine', 'confirmed', 'corrected', 'rejected', 'imported')),
	ref               TEXT NOT NULL DEFAULT '',
	note              TEXT NOT NULL DEFAULT '',
	places            TEXT NOT NULL DEFAULT 'null',
	CHECK (killed_min IS NULL OR killed_max IS NULL OR killed_min <= killed_max),
	CHECK (injured_min IS NULL OR injured_max IS NULL OR injured_min <= injured_max),
	CHECK (missing_min IS NULL OR missing_max IS NULL OR missing_min <= missing_max),
	UNIQUE (document_id, idx)
);
CREATE INDEX claims_date ON claims(date_from, date_to);
CREATE INDEX claims_claimant ON claims(claimant_id);
CREATE INDEX claims_perpetrator ON claims(perpetrator);
CREATE INDEX claims_ref ON claims(ref) WHERE ref <> '';

CREATE TABLE claim_places (
	claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
	ord      INTEGER NOT NULL,
	place_id TEXT NOT NULL DEFAULT '',
	name     TEXT NOT NULL DEFAULT '',
	lat      REAL,
	lon      REAL,
	country  TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (claim_id, ord)
) WITHOUT ROWID;
CREATE INDEX claim_places_place ON claim_places(place_id);

CREATE TABLE places (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL CHECK (name <> ''),
	lat        REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
	lon        REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
	country    TEXT NOT NULL DEFAULT '',
	admin1     TEXT NOT NULL DEFAULT '',
	population INTEGER NOT NULL DEFAULT 0,
	kind       TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL
);
CREATE INDEX places_name ON places(name);

CREATE TABLE place_aliases (
	id       INTEGER PRIMARY KEY,
	place_id TEXT NOT NULL CHECK (place_id <> ''),
	alias    TEXT NOT NULL CHECK (alias <> ''),
	note     TEXT NOT NULL DEFAULT '',
	UNIQUE (place_id, alias)
);
CREATE INDEX place_aliases_alias ON place_aliases(alias);

CREATE TABLE incidents (
	id                INTEGER PRIMARY KEY,
	key               TEXT NOT NULL UNIQUE CHECK (key <> ''),
	date_from         TEXT NOT NULL DEFAULT '',
	date_to           TEXT NOT NULL DEFAULT '',
	places            TEXT NOT NULL DEFAULT 'null',
	country           TEXT NOT NULL DEFAULT '',
	weapons           TEXT NOT NULL DEFAULT 'null',
	perpetrators      TEXT NOT NULL DEFAULT 'null',
	victims           TEXT NOT NULL DEFAULT '',
	killed_min        INTEGER,
	killed_max        INTEGER,
	injured_min       INTEGER,
	injured_max       INTEGER,
	sources           INTEGER NOT NULL DEFAULT 0,
	cross_party       INTEGER NOT NULL DEFAULT 0,
	contested         INTEGER NOT NULL DEFAULT 0,
	grade             TEXT NOT NULL DEFAULT '' CHECK (grade IN
		('', 'confirmed', 'fair', 'weak', 'contested', 'discounted')),
	grade_reason      TEXT NOT NULL DEFAULT '',
	discounted_reason TEXT NOT NULL DEFAULT '',
	updated_at        TEXT NOT NULL
);
CREATE INDEX incidents_date ON incidents(date_from, date_to);
CREATE INDEX incidents_country ON incidents(country);
CREATE INDEX incidents_grade ON incidents(grade);

CREATE TABLE incident_claims (
	claim_id    INTEGER PRIMARY KEY REFERENCES claims(id),
	incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
	score       REAL NOT NULL DEFAULT 0,
	evidence    TEXT NOT NULL DEFAULT '',
	pinned      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX incident_claims_incident ON incident_claims(incident_id);

-- Append-only, hash-chained: hash = SHA-256 over prev_hash and the canonical
-- fields (see changes.go). ids are assigned by the store, without gaps.
CREATE TABLE changes (
	id          INTEGER PRIMARY KEY,
	at          TEXT NOT NULL,
	actor       TEXT NOT NULL,
	action      TEXT NOT NULL,
	entity      TEXT NOT NULL,
	entity_id   INTEGER NOT NULL,
	before_json TEXT NOT NULL DEFAULT '',
	after_json  TEXT NOT NULL DEFAULT '',
	prev_hash   TEXT NOT NULL,
	hash        TEXT NOT NULL
);
CREATE INDEX changes_entity ON changes(entity, entity_id);
CREATE TRIGGER changes_no_update BEFORE UPDATE ON changes
	BEGIN SELECT RAISE(ABORT, 'changes is append-only'); END;
CREATE TRIGGER changes_no_delete BEFORE DELETE ON changes
	BEGIN SELECT RAISE(ABORT, 'changes is append-only'); END;

-- Accounts (a later feature; tables only).
CREATE TABLE users (
	id            INTEGER PRIMARY KEY,
	name          TEXT NOT NULL UNIQUE CHECK (name <> ''),
	role          TEXT NOT NULL DEFAULT 'viewer' CHECK (role IN ('admin', 'analyst', 'viewer')),
	password_hash TEXT NOT NULL DEFAULT '',
	created_at    TEXT NOT NULL,
	disabled      INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE tokens (
	id           INTEGER PRIMARY KEY,
	user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	name         TEXT NOT NULL DEFAULT '',
	hash         TEXT NOT NULL UNIQUE,
	created_at   TEXT NOT NULL,
	last_used_at TEXT
);
CREATE INDEX tokens_user ON tokens(user_id);

CREATE TABLE sessions (
	hash         TEXT PRIMARY KEY,
	user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	created_at   TEXT NOT NULL,
	expires_at   TEXT NOT NULL,
	last_seen_at TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);
