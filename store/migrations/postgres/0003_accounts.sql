-- Accounts (issue 7). users, tokens and sessions exist since 0001; this
-- adds the failed-login counter, which lives in the store so that every
-- server on it shares the count and a restart does not reset it, and the
-- sensitive fields withheld from viewers and exports: victims' names on
-- claims (a JSON array of strings, '' for none) and a document's source
-- contact details.
CREATE TABLE login_failures (
	key TEXT NOT NULL, -- 'user:NAME' (lower case) or 'addr:IP'
	at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX login_failures_key ON login_failures(key, at);
CREATE INDEX sessions_expires ON sessions(expires_at);

ALTER TABLE claims ADD COLUMN victim_names TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN source_contact TEXT NOT NULL DEFAULT '';
