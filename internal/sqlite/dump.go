package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// The records of a dump hold every stored column but row ids, as stored:
// dates are Gregorian YYYY-MM-DD (what the database keeps), times are
// RFC 3339 UTC. Records are matched across installations by natural keys:
// occasions by key, articles by content hash, events by uid; an event names
// its article by the article's hash.

// DumpEvent is an event in a dump.
type DumpEvent struct {
	UID           string  `json:"uid"`
	Title         string  `json:"title"`
	Description   string  `json:"description"`
	Kind          string  `json:"kind"`
	Start         *string `json:"start"` // null for an undated (mined) event
	End           *string `json:"end"`
	StartTime     string  `json:"start_time"`
	EndTime       string  `json:"end_time"`
	Location      string  `json:"location"`
	Province      string  `json:"province"`
	Organization  string  `json:"organization"`
	Yearly        bool    `json:"yearly"`
	Status        string  `json:"status"`
	Article       *string `json:"article"` // hash of the article it was mined from
	EvidenceStart *int64  `json:"evidence_start"`
	EvidenceEnd   *int64  `json:"evidence_end"`
	Precision     string  `json:"precision"`
	Confidence    float64 `json:"confidence"`
	ReviewNote    string  `json:"review_note"`
	OccasionKey   string  `json:"occasion_key"`
	Sequence      int     `json:"sequence"`
	Created       string  `json:"created"`
	Updated       string  `json:"updated"`
}

// DumpSink receives a dump's records: every occasion, then the key of
// every built-in occasion the database was ever given (so that one a
// person deleted stays deleted where the dump is loaded), then every Hijri
// month correction, then every article, then every event, each in the
// order they were stored.
type DumpSink interface {
	Occasion(DumpOccasion) error
	CatalogueKey(string) error
	HijriCorrection(DumpHijriCorrection) error
	Article(DumpArticle) error
	Event(DumpEvent) error
}

// Dump passes every occasion, Hijri correction, article and event to sink, read from one
// snapshot (a deferred read transaction, which does not block writers).
func (d *DB) Dump(ctx context.Context, sink DumpSink) error {
	conn, err := d.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("dump: %w", err)
	}
	defer conn.Close()
	// The DSN makes BeginTx take the write lock; a plain BEGIN only reads.
	if _, err := conn.ExecContext(ctx, `BEGIN DEFERRED`); err != nil {
		return fmt.Errorf("dump: %w", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `ROLLBACK`)
	if err := dumpOccasions(ctx, conn, sink); err != nil {
		return fmt.Errorf("dump occasions: %w", err)
	}
	if err := dumpCatalogueKeys(ctx, conn, sink); err != nil {
		return fmt.Errorf("dump catalogue keys: %w", err)
	}
	if err := dumpHijriCorrections(ctx, conn, sink); err != nil {
		return fmt.Errorf("dump hijri corrections: %w", err)
	}
	if err := dumpArticles(ctx, conn, sink); err != nil {
		return fmt.Errorf("dump articles: %w", err)
	}
	if err := dumpEvents(ctx, conn, sink); err != nil {
		return fmt.Errorf("dump events: %w", err)
	}
	return nil
}

func dumpEvents(ctx context.Context, conn *sql.Conn, sink DumpSink) error {
	rows, err := conn.QueryContext(ctx, `SELECT e.uid, e.title, e.description, e.kind, e.start_date, e.end_date,
    e.start_time, e.end_time, e.location, e.province, e.organization, e.yearly, e.status, a.content_hash,
    e.evidence_start, e.evidence_end, e.precision, e.confidence, e.review_note, e.occasion_key, e.sequence,
    e.created_at, e.updated_at
FROM events e LEFT JOIN articles a ON a.id = e.article_id ORDER BY e.id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var e DumpEvent
		var start, end, article sql.NullString
		var evStart, evEnd sql.NullInt64
		if err := rows.Scan(&e.UID, &e.Title, &e.Description, &e.Kind, &start, &end, &e.StartTime, &e.EndTime,
			&e.Location, &e.Province, &e.Organization, &e.Yearly, &e.Status, &article, &evStart, &evEnd,
			&e.Precision, &e.Confidence, &e.ReviewNote, &e.OccasionKey, &e.Sequence, &e.Created, &e.Updated); err != nil {
			return err
		}
		e.Start, e.End, e.Article = nullString(start), nullString(end), nullString(article)
		e.EvidenceStart, e.EvidenceEnd = nullInt(evStart), nullInt(evEnd)
		if err := sink.Event(e); err != nil {
			return err
		}
	}
	return rows.Err()
}

func nullString(s sql.NullString) *string {
	if !s.Valid {
		return nil
	}
	return &s.String
}

func nullInt(n sql.NullInt64) *int64 {
	if !n.Valid {
		return nil
	}
	return &n.Int64
}

// LoadStats counts what a load added and what it kept as it was.
type LoadStats struct {
	Occasions, HijriCorrections, Articles, Events                             int // added
	SkippedOccasions, SkippedHijriCorrections, SkippedArticles, SkippedEvents int // already stored, kept
	UpdatedOccasions                                                          int // built-ins taken from the dump's edited copies
}

// Load adds dumped records to the database inside one transaction: call
// Occasion, Article and Event for each record (an event after the article
// it names), then Commit; nothing is stored unless Commit succeeds.
// Records already stored (same occasion key, article hash or event uid) are
// kept as they are and counted as skipped.
type Load struct {
	v1       bool // the dump is of version 1 (see FromFirstRelease)
	tx       *sql.Tx
	articles map[string]int64 // hash → id in this database
	stats    LoadStats
}

// BeginLoad starts a load.
func (d *DB) BeginLoad(ctx context.Context) (*Load, error) {
	tx, err := d.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	return &Load{tx: tx, articles: map[string]int64{}}, nil
}

// Rollback abandons the load (a no-op after Commit).
func (l *Load) Rollback() { l.tx.Rollback() }

// Commit stores everything loaded. A database that never had the built-in
// occasions or the seed articles is marked as having them, so that the
// server does not add them on top of the loaded data.
func (l *Load) Commit(ctx context.Context) (LoadStats, error) {
	for _, key := range []string{"occasions_seeded", "articles_seeded"} {
		v, err := getMeta(ctx, l.tx, key)
		if err == nil && v == "" {
			err = setMeta(ctx, l.tx, key, "loaded from a dump")
		}
		if err != nil {
			return l.stats, fmt.Errorf("load: %w", err)
		}
	}
	if err := l.tx.Commit(); err != nil {
		return l.stats, fmt.Errorf("load: %w", err)
	}
	return l.stats, nil
}

// exists reports whether query (a count) finds a row.
func (l *Load) exists(ctx context.Context, query string, arg any) (bool, error) {
	var n int
	err := l.tx.QueryRowContext(ctx, query, arg).Scan(&n)
	return n > 0, err
}

// Event adds e unless an event with its uid is stored.
func (l *Load) Event(ctx context.Context, e DumpEvent) error {
	dom, err := e.domain()
	if err != nil {
		return fmt.Errorf("load event %q (%q): %w", e.UID, e.Title, err)
	}
	found, err := l.exists(ctx, `SELECT count(*) FROM events WHERE uid = ?`, e.UID)
	if err != nil {
		return fmt.Errorf("load event %q: %w", e.UID, err)
	}
	if found {
		l.stats.SkippedEvents++
		return nil
	}
	var article any
	if e.Article != nil {
		id, ok := l.articles[*e.Article]
		if !ok {
			return fmt.Errorf("load event %q: its article %s is not in the file before it", e.UID, *e.Article)
		}
		article = id
	}
	res, err := l.tx.ExecContext(ctx, `INSERT INTO events (uid, title, description, kind, start_date, end_date,
    start_time, end_time, location, province, organization, yearly, status, article_id, evidence_start,
    evidence_end, precision, confidence, review_note, occasion_key, sequence, created_at, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.UID, e.Title, e.Description, e.Kind, e.Start, e.End, e.StartTime, e.EndTime, e.Location, e.Province,
		e.Organization, e.Yearly, e.Status, article, e.EvidenceStart, e.EvidenceEnd, e.Precision, e.Confidence,
		e.ReviewNote, e.OccasionKey, e.Sequence, e.Created, e.Updated)
	if err != nil {
		return fmt.Errorf("load event %q: %w", e.UID, err)
	}
	id, _ := res.LastInsertId()
	if err := indexDoc(ctx, l.tx, "event", id, eventKey(&dom)); err != nil {
		return fmt.Errorf("load event %q: %w", e.UID, err)
	}
	l.stats.Events++
	return nil
}

// domain checks e as the forms and the miner would and returns it as a
// domain event.
func (e DumpEvent) domain() (domain.Event, error) {
	dom := domain.Event{UID: e.UID, Title: e.Title, Description: e.Description, Kind: domain.Kind(e.Kind),
		StartTime: e.StartTime, EndTime: e.EndTime, Location: e.Location, Province: e.Province,
		Organization: e.Organization, Yearly: e.Yearly, Status: domain.Status(e.Status)}
	if e.UID == "" {
		return dom, errors.New("no uid")
	}
	if !dom.Status.Valid() {
		return dom, fmt.Errorf("unknown status %q", e.Status)
	}
	if (e.Start == nil) != (e.End == nil) {
		return dom, errors.New("start and end must both be set or both be null")
	}
	if e.Start != nil {
		var err error
		if dom.Start, err = parseDumpDate("start", *e.Start); err != nil {
			return dom, err
		}
		if dom.End, err = parseDumpDate("end", *e.End); err != nil {
			return dom, err
		}
	}
	for _, stamp := range []string{e.Created, e.Updated} {
		if _, err := time.Parse(time.RFC3339Nano, stamp); err != nil {
			return dom, fmt.Errorf("bad time: %w", err)
		}
	}
	check := dom
	if check.Status == domain.StatusRejected && !check.Dated() {
		check.Status = domain.StatusProposed // a mined event can be rejected before it has a date
	}
	if err := check.Validate(); err != nil {
		return dom, fmt.Errorf("invalid: %w", err)
	}
	return dom, nil
}

// parseDumpDate reads a dumped YYYY-MM-DD date, which must fall in the
// Jalali years the calendar supports (jalali.ParseISO checks only the
// form).
func parseDumpDate(what, iso string) (jalali.Date, error) {
	d, err := jalali.ParseISO(iso)
	if err != nil {
		return d, fmt.Errorf("%s: %w", what, err)
	}
	if !d.Valid() {
		return d, fmt.Errorf("%w: %s %s is in Jalali year %d, outside %d..%d", jalali.ErrInvalid, what, iso, d.Year, jalali.MinYear, jalali.MaxYear)
	}
	return d, nil
}
