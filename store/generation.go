package store

import "context"

// Generation returns a number that changes whenever the store's contents do:
// the id of the change log's latest entry (0 for an empty log). Every write
// harmlog makes records a change in the same transaction, and writers are
// serialised, so the number only grows, and a reader that sees a write's data
// also sees its generation. One indexed lookup (the log's primary key), cheap
// enough to ask before every request, which lets derived results be cached
// by generation and still be fresh for every process sharing the database.
// Writes made behind harmlog's back (not through the store) do not move it.
// Errors: EINTERNAL.
func (s *Store) Generation(ctx context.Context) (gen int64, err error) {
	defer wrap(&err, "store.Generation")
	err = s.db.QueryRowContext(ctx, generationQuery).Scan(&gen)
	return gen, err
}

// generationQuery reads the change log's head; MAX over the primary key is
// answered from the end of its index on both SQLite and PostgreSQL.
const generationQuery = "SELECT COALESCE(MAX(id), 0) FROM changes"
