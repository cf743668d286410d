package sqlite

import (
	"context"
	"database/sql"
	"fmt"
)

// The piece counts (search_piece_docs, migration 0023) choose which
// pieces a search asks the index for; they are taken by the migration and
// by OptimizeSearch after a bulk fill, not at every write. A calendar that
// grows after them (every installation: the migration counts the seed
// articles, or nothing) would plan its searches on counts of a fraction
// of its keys, a piece counted nowhere being taken as rare. So the server
// counts again (RecountSearch) when a kind of row has grown past
// recountGrowth times the keys counted, or has recountFirst keys and was
// never counted: the counts are read through a reader connection (a walk
// of the whole index, about a minute for the national file) and written
// in one short transaction, so neither pages nor writes wait for the walk.
const (
	recountGrowth = 1.5
	recountFirst  = 1000
)

// RecountSearch counts again how many keys hold each piece, for each kind
// of row (events, articles) whose keys have grown enough since they were
// last counted (see recountGrowth); it returns the kinds it counted.
func (d *DB) RecountSearch(ctx context.Context) ([]string, error) {
	defer d.counts.drop()
	var done []string
	for _, doc := range []string{"event", "article"} {
		stale, err := d.searchCountsStale(ctx, doc)
		if err != nil {
			return done, fmt.Errorf("recount search pieces of %ss: %w", doc, err)
		}
		if !stale {
			continue
		}
		if err := d.recountSearch(ctx, doc); err != nil {
			return done, fmt.Errorf("recount search pieces of %ss: %w", doc, err)
		}
		done = append(done, doc)
	}
	return done, nil
}

// searchCountsStale reports whether doc's keys have grown enough since
// their pieces were counted.
func (d *DB) searchCountsStale(ctx context.Context, doc string) (bool, error) {
	var counted sql.NullInt64
	var now int64
	err := d.db.QueryRowContext(ctx, `SELECT (SELECT docs FROM search_piece_docs WHERE doc = ?1 AND piece = ''),
(SELECT count(*) FROM search_index WHERE doc = ?1)`, doc).Scan(&counted, &now)
	if err != nil {
		return false, err
	}
	if !counted.Valid {
		return now >= recountFirst, nil
	}
	return float64(now) > recountGrowth*float64(counted.Int64), nil
}

// recountSearch reads doc's piece counts from the index (fts4aux) on a
// reader connection, then writes them in one transaction.
func (d *DB) recountSearch(ctx context.Context, doc string) error {
	type count struct {
		piece string
		docs  int64
	}
	var counts []count
	rows, err := d.db.QueryContext(ctx, `SELECT term, documents FROM `+doc+`_search_pieces WHERE col = '*'
UNION ALL SELECT '', count(*) FROM search_index WHERE doc = ? HAVING count(*) > 0`, doc)
	if err != nil {
		return err
	}
	for rows.Next() {
		var c count
		if err := rows.Scan(&c.piece, &c.docs); err != nil {
			rows.Close()
			return err
		}
		counts = append(counts, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	return d.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM search_piece_docs WHERE doc = ?`, doc); err != nil {
			return err
		}
		st, err := tx.PrepareContext(ctx, `INSERT INTO search_piece_docs (doc, piece, docs) VALUES (?, ?, ?)`)
		if err != nil {
			return err
		}
		defer st.Close()
		for _, c := range counts {
			if _, err := st.ExecContext(ctx, doc, c.piece, c.docs); err != nil {
				return err
			}
		}
		return nil
	})
}
