package app

// The JSON dump ("ruydad export --json", "ruydad import --json") carries all
// of an installation's data from one database to another. Version 5:
//
//	{"format": "ruydad", "version": 5,
//	 "occasions": [{"key", "name", "calendar", "rule", "month", "day", "weekday", "nth", "offset", "length",
//	                "year", "from_year", "to_year", "holiday", "province", "group", "hidden", "aliases",
//	                "description", "edited", "sequence", "updated"}, …],
//	 "catalogue_keys": ["nowruz", "pr-day", …],
//	 "hijri_corrections": [{"year", "month", "start", "note", "updated"}, …],
//	 "preparations": [{"occasion", "lead_days", "updated"}, …],
//	 "sources":   [{"url", "name", "province", "organization", "enabled", "interval", "created"}, …],
//	 "articles":  [{"hash", "title", "text", "source", "province", "published", "published_from", "created", "links",
//	                "occasions": [{"occasion", "name", "start", "end", "evidence_start", "evidence_end",
//	                               "confidence", "review_note"}, …]}, …],
//	 "events":    [{"uid", "title", "description", "kind", "start", "end", "start_time", "end_time",
//	                "location", "province", "organization", "repeat", "status", "article",
//	                "evidence_start", "evidence_end", "precision", "confidence", "review_note",
//	                "occasion_key", "sequence", "created", "updated", "owner", "reminders"}, …]}
//
// "format" and "version" come first; the sections follow in that order, one
// record a line, so that both ends can stream. An occasion's fields after
// "month" are left out when they hold their defaults (a plain yearly Jalali
// day: calendar "jalali", rule "date", length 1). "catalogue_keys" lists
// every built-in occasion the database was ever given, so that one deleted
// there is not added again by the receiving installation's catalogue. An
// article's "published_from" ([start, end) byte offsets into its text) is
// the dateline its publication date was read from, and its "occasions" are
// the calendar's occasions it names (by key, with the name they had when
// it was mined, the days it names and the span of its text that names
// them); both are left out when there is nothing to say (as are its
// "links", the news sources' addresses it was found at: see
// dump_sources.go), as is an event's
// "owner" (the person responsible for it) when it has none, and its
// "reminders" (the minutes before its start of each, the earliest first)
// when it has none. An event's
// "repeat" ({"kind", "interval", "days", "nth", "until", "count",
// "skipped", "moved"}, see repeatRecord) is left out for a one-off event,
// as its "of" ({"series", "date", "time", "kind"}) is for any but one that
// stands in for an occurrence of a series (moved or changed).
// "preparations" are the occasions the office prepares for (by key) and
// how many days before each it starts. Version 5 files, from before news
// sources and preparations, are read as they are (they have none). Version 4
// files, from before events repeated other than yearly, mark a yearly
// Jalali event "yearly": true, read as a yearly repeat. Version 3
// files, from before events had an owner, are read as they are; version 2
// files,
// from before they were kept, are read as they are. Version 1 files (from
// before lunar occasions and Hijri corrections) are read too: their
// occasions are yearly Jalali days, and their database had the first
// catalogue's 25 occasions. Dates are Gregorian YYYY-MM-DD as stored (null
// for an undated event or an unknown publication date), times RFC 3339 UTC.
// Row ids are not part of the format: occasions are identified by key,
// articles by content hash, events by uid, and an event names the article
// it was mined from by the article's hash, which a load turns into that
// article's id in the receiving database. A load adds everything in one
// transaction, keeps records already stored (same key, hash or uid, Hijri
// month) and reports them as skipped, except that a built-in occasion
// nobody edited here takes the file's edited copy; the Hijri corrections
// must fit together afterwards. Unknown fields are refused. Users and
// sessions are not dumped, nor is the trash: a dump carries what the
// calendar holds, and a deleted event (restorable for 30 days, its number
// kept for good) stays with the installation that deleted it; restore it
// before exporting to carry it. Row ids not being part of the format, the
// receiving installation numbers the events its own way, and never gives
// one a number its own trash holds.
//
// This file holds the records of the format and their conversion to and
// from domain values (checking a record as the forms and the miner would);
// dump_write.go writes a dump, dump_load.go reads one and holds the rules
// of matching it against what is stored.

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

const (
	// DumpFormat is the "format" of a dump.
	DumpFormat = "ruydad"
	// DumpVersion is the version WriteDump writes; LoadDump reads 1 to
	// DumpVersion.
	DumpVersion = 6
)

// occasionRecord is an occasion in a dump: its catalogue entry (the rule in
// its calendar, group, province…), whether a person edited it, and its
// sequence and last change.
type occasionRecord struct {
	domain.CatalogueEntry
	Edited   bool   `json:"edited,omitempty"`
	Sequence int    `json:"sequence,omitempty"`
	Updated  string `json:"updated"`
}

// hijriRecord is an administrator's Hijri month start in a dump.
type hijriRecord struct {
	Year    int    `json:"year"`
	Month   int    `json:"month"`
	Start   string `json:"start"` // Gregorian YYYY-MM-DD
	Note    string `json:"note"`
	Updated string `json:"updated"`
}

// preparationRecord is an occasion an office prepares for, in a dump: its
// key and how many days before each occurrence it starts.
type preparationRecord struct {
	Occasion string `json:"occasion"`
	LeadDays int    `json:"lead_days"`
	Updated  string `json:"updated"`
}

// articleRecord is an article in a dump.
type articleRecord struct {
	Hash      string  `json:"hash"`
	Title     string  `json:"title"`
	Text      string  `json:"text"`
	Source    string  `json:"source"`
	Province  string  `json:"province"`
	Published *string `json:"published"` // null when unknown
	// PublishedFrom is where in the text the publication date was read
	// ([start, end) byte offsets), absent when a person gave it.
	PublishedFrom *[2]int `json:"published_from,omitempty"`
	Created       string  `json:"created"`
	// Occasions are the calendar's occasions the article names, absent
	// when none (and in files from before they were kept).
	Occasions []articleOccasionRecord `json:"occasions,omitempty"`
	// Links are the addresses it was found at, absent when none.
	Links []linkRecord `json:"links,omitempty"`
}

// articleOccasionRecord is an occasion an article names, in a dump.
type articleOccasionRecord struct {
	Occasion      string  `json:"occasion"` // the occasion's key
	Name          string  `json:"name"`     // its name when the article was mined
	Start         string  `json:"start"`
	End           string  `json:"end"`
	EvidenceStart int     `json:"evidence_start"`
	EvidenceEnd   int     `json:"evidence_end"`
	Confidence    float64 `json:"confidence"`
	ReviewNote    string  `json:"review_note"`
}

// eventRecord is an event in a dump.
type eventRecord struct {
	UID           string          `json:"uid"`
	Title         string          `json:"title"`
	Description   string          `json:"description"`
	Kind          string          `json:"kind"`
	Start         *string         `json:"start"` // null for an undated (mined) event
	End           *string         `json:"end"`
	StartTime     string          `json:"start_time"`
	EndTime       string          `json:"end_time"`
	Location      string          `json:"location"`
	Province      string          `json:"province"`
	Organization  string          `json:"organization"`
	Yearly        bool            `json:"yearly,omitempty"` // versions 1 to 4: a yearly Jalali repeat
	Repeat        *repeatRecord   `json:"repeat,omitempty"`
	Of            *overrideRecord `json:"of,omitempty"`
	Status        string          `json:"status"`
	Article       *string         `json:"article"` // hash of the article it was mined from
	EvidenceStart *int64          `json:"evidence_start"`
	EvidenceEnd   *int64          `json:"evidence_end"`
	Precision     string          `json:"precision"`
	Confidence    float64         `json:"confidence"`
	ReviewNote    string          `json:"review_note"`
	OccasionKey   string          `json:"occasion_key"`
	Sequence      int             `json:"sequence"`
	Created       string          `json:"created"`
	Updated       string          `json:"updated"`
	Owner         string          `json:"owner,omitempty"`
	// Reminders are the minutes before the start of each of its
	// reminders, the earliest first; absent when it has none.
	Reminders []int `json:"reminders,omitempty"`
}

// repeatRecord is an event's repeat (domain.Repeat): its kind, weekdays
// (Saturday 0), dates Gregorian YYYY-MM-DD as stored; the fields its kind
// does not use are left out.
type repeatRecord struct {
	Kind     string   `json:"kind"`
	Interval int      `json:"interval,omitempty"`
	Days     []int    `json:"days,omitempty"`
	Nth      int      `json:"nth,omitempty"`
	Until    string   `json:"until,omitempty"`
	Count    int      `json:"count,omitempty"`
	Skipped  []string `json:"skipped,omitempty"`
	Moved    []string `json:"moved,omitempty"`
}

// overrideRecord names the occurrence of a series an event stands in for
// (domain.Override): the series by its UID, the day (Gregorian
// YYYY-MM-DD) and time it would have started, the series' kind.
type overrideRecord struct {
	Series string `json:"series"`
	Date   string `json:"date"`
	Time   string `json:"time,omitempty"`
	Kind   string `json:"kind"`
}

func overrideRecordOf(o domain.Override) *overrideRecord {
	if o.IsZero() {
		return nil
	}
	return &overrideRecord{Series: o.SeriesUID, Date: o.Date.ISO(), Time: o.Time, Kind: string(o.Kind)}
}

// override reads rec (nil: none) into a domain.Override, its series id
// left for the store to find by UID.
func (rec *overrideRecord) override() (domain.Override, error) {
	if rec == nil {
		return domain.Override{}, nil
	}
	o := domain.Override{SeriesUID: rec.Series, Time: rec.Time, Kind: domain.RepeatKind(rec.Kind)}
	var err error
	o.Date, err = parseDumpDate("of date", rec.Date)
	return o, err
}

// isoDates writes ds as Gregorian YYYY-MM-DD dates.
func isoDates(ds domain.Dates) []string {
	var out []string
	for _, d := range ds.List() {
		out = append(out, d.ISO())
	}
	return out
}

// parseDumpDates reads Gregorian YYYY-MM-DD dates as a set.
func parseDumpDates(what string, iso []string) (domain.Dates, error) {
	ds := make([]jalali.Date, len(iso))
	for i, s := range iso {
		var err error
		if ds[i], err = parseDumpDate(what, s); err != nil {
			return "", err
		}
	}
	return domain.DatesOf(ds...), nil
}

func repeatRecordOf(r domain.Repeat) *repeatRecord {
	if !r.Repeats() {
		return nil
	}
	rec := &repeatRecord{Kind: string(r.Kind), Interval: r.Interval, Nth: r.Nth, Count: r.Count}
	for _, w := range r.Days.List() {
		rec.Days = append(rec.Days, int(w))
	}
	if !r.Until.IsZero() {
		rec.Until = r.Until.ISO()
	}
	rec.Skipped, rec.Moved = isoDates(r.Skipped), isoDates(r.Moved)
	return rec
}

// repeat reads rec (nil: no repeat) into a domain.Repeat.
func (rec *repeatRecord) repeat() (domain.Repeat, error) {
	if rec == nil {
		return domain.Repeat{}, nil
	}
	r := domain.Repeat{Kind: domain.RepeatKind(rec.Kind), Interval: rec.Interval, Nth: rec.Nth, Count: rec.Count}
	for _, w := range rec.Days {
		if w < 0 || w > 6 {
			return r, fmt.Errorf("repeat: weekday %d is not 0 (Saturday) to 6", w)
		}
		r.Days |= domain.WeekdaysOf(jalali.Weekday(w))
	}
	var err error
	if rec.Until != "" {
		if r.Until, err = parseDumpDate("repeat until", rec.Until); err != nil {
			return r, err
		}
	}
	if r.Skipped, err = parseDumpDates("repeat skipped", rec.Skipped); err != nil {
		return r, err
	}
	r.Moved, err = parseDumpDates("repeat moved", rec.Moved)
	return r, err
}

func occasionRecordOf(o domain.Occasion) occasionRecord {
	return occasionRecord{CatalogueEntry: domain.EntryOf(o), Edited: o.Edited, Sequence: o.Sequence, Updated: formatDumpStamp(o.UpdatedAt)}
}

func hijriRecordOf(c domain.HijriCorrection) hijriRecord {
	return hijriRecord{Year: c.Year, Month: c.Month, Start: c.Start.ISO(), Note: c.Note, Updated: formatDumpStamp(c.UpdatedAt)}
}

func preparationRecordOf(p domain.Preparation) preparationRecord {
	return preparationRecord{Occasion: p.Occasion, LeadDays: p.LeadDays, Updated: formatDumpStamp(p.UpdatedAt)}
}

// preparation reads r, checked as the occasions page checks a lead time.
func (r preparationRecord) preparation() (domain.Preparation, error) {
	p := domain.Preparation{Occasion: r.Occasion, LeadDays: r.LeadDays}
	var err error
	if p.UpdatedAt, err = parseDumpStamp(r.Updated); err != nil {
		return p, fmt.Errorf("load preparation %q: %w", r.Occasion, err)
	}
	if err := p.Validate(); err != nil {
		return p, fmt.Errorf("load preparation %q: %w", r.Occasion, err)
	}
	return p, nil
}

func articleRecordOf(d DumpedArticle) articleRecord {
	a := d.Article
	r := articleRecord{Hash: a.Hash, Title: a.Title, Text: a.Text, Source: a.Source, Province: a.Province, Created: d.Created}
	if !a.Published.IsZero() {
		r.Published = dumpPtr(a.Published.ISO())
	}
	if !a.PublishedFrom.IsZero() {
		r.PublishedFrom = &[2]int{a.PublishedFrom.Start, a.PublishedFrom.End}
	}
	for _, o := range d.Occasions {
		r.Occasions = append(r.Occasions, articleOccasionRecord{Occasion: o.Occasion, Name: o.Name, Start: o.Start.ISO(),
			End: o.End.ISO(), EvidenceStart: o.EvidenceStart, EvidenceEnd: o.EvidenceEnd, Confidence: o.Confidence,
			ReviewNote: o.ReviewNote})
	}
	r.Links = linkRecordsOf(d.Links)
	return r
}

// eventRecordOf returns d as a record. Its evidence is written only when it
// names an article: without one there is nothing it is evidence in.
func eventRecordOf(d DumpedEvent) eventRecord {
	e := d.Event
	r := eventRecord{UID: e.UID, Title: e.Title, Description: e.Description, Kind: string(e.Kind),
		StartTime: e.StartTime, EndTime: e.EndTime, Location: e.Location, Province: e.Province,
		Organization: e.Organization, Owner: e.Owner, Repeat: repeatRecordOf(e.Repeat), Of: overrideRecordOf(e.Of), Status: string(e.Status), Precision: string(e.Precision),
		Confidence: e.Confidence, ReviewNote: e.ReviewNote, OccasionKey: e.Occasion, Sequence: e.Sequence,
		Created: d.Created, Updated: d.Updated}
	if e.Dated() {
		r.Start, r.End = dumpPtr(e.Start.ISO()), dumpPtr(e.Last().ISO())
	}
	list, _ := e.Reminders.List()
	for _, m := range list {
		r.Reminders = append(r.Reminders, int(m))
	}
	if d.ArticleHash != "" {
		start, end := int64(e.EvidenceStart), int64(e.EvidenceEnd)
		r.Article, r.EvidenceStart, r.EvidenceEnd = dumpPtr(d.ArticleHash), &start, &end
	}
	return r
}

// occasion checks r and returns it as an occasion. A record without a group
// is of version 1, where the office's own keys begin with user-.
func (r occasionRecord) occasion() (domain.Occasion, error) {
	o := r.CatalogueEntry.Occasion()
	o.Edited, o.Sequence = r.Edited, r.Sequence
	if o.Group == "" {
		o.Group = domain.GroupOfficial
		if strings.HasPrefix(r.Key, "user-") {
			o.Group = domain.GroupOffice
		}
	}
	if r.Key == "" {
		return o, fmt.Errorf("load occasion %q: no key", r.Name)
	}
	if err := o.Validate(); err != nil {
		return o, fmt.Errorf("load occasion %q: %w", r.Key, err)
	}
	if r.Sequence < 0 {
		return o, fmt.Errorf("load occasion %q: negative sequence %d", r.Key, r.Sequence)
	}
	var err error
	if o.UpdatedAt, err = parseDumpStamp(r.Updated); err != nil {
		return o, fmt.Errorf("load occasion %q: %w", r.Key, err)
	}
	return o, nil
}

// correction checks r and returns it as a Hijri correction.
func (r hijriRecord) correction() (domain.HijriCorrection, error) {
	c := domain.HijriCorrection{Year: r.Year, Month: r.Month, Note: r.Note}
	var err error
	if c.Start, err = parseDumpDate("start", r.Start); err != nil {
		return c, fmt.Errorf("load hijri correction %d/%d: %w", r.Year, r.Month, err)
	}
	if r.Month < 1 || r.Month > 12 || r.Year < 1000 || r.Year > 3200 {
		return c, fmt.Errorf("load hijri correction %d/%d: no such Hijri month", r.Year, r.Month)
	}
	if c.UpdatedAt, err = parseDumpStamp(r.Updated); err != nil {
		return c, fmt.Errorf("load hijri correction %d/%d: %w", r.Year, r.Month, err)
	}
	return c, nil
}

// article checks r and returns it as an article and the occasions it names.
func (r articleRecord) article() (domain.Article, []domain.ArticleOccasion, error) {
	a := domain.Article{Title: r.Title, Text: r.Text, Source: r.Source, Province: r.Province, Hash: r.Hash}
	if r.Hash == "" {
		return a, nil, fmt.Errorf("load article %q: no hash", r.Title)
	}
	fail := func(err error) (domain.Article, []domain.ArticleOccasion, error) {
		return a, nil, fmt.Errorf("load article %q (%q): %w", r.Hash, r.Title, err)
	}
	var err error
	if r.Published != nil {
		if a.Published, err = parseDumpDate("published", *r.Published); err != nil {
			return fail(err)
		}
	}
	if r.PublishedFrom != nil {
		a.PublishedFrom = domain.Span{Start: r.PublishedFrom[0], End: r.PublishedFrom[1]}
		if a.PublishedFrom.IsZero() {
			return fail(errors.New("published_from is empty"))
		}
	}
	if a.CreatedAt, err = parseDumpStamp(r.Created); err != nil {
		return fail(err)
	}
	if err := a.Validate(); err != nil {
		return fail(err)
	}
	occasions := make([]domain.ArticleOccasion, 0, len(r.Occasions))
	for _, ro := range r.Occasions {
		o := domain.ArticleOccasion{Occasion: ro.Occasion, Name: ro.Name, EvidenceStart: ro.EvidenceStart,
			EvidenceEnd: ro.EvidenceEnd, Confidence: ro.Confidence, ReviewNote: ro.ReviewNote}
		if o.Start, err = parseDumpDate("occasion "+ro.Occasion+" start", ro.Start); err != nil {
			return fail(err)
		}
		if o.End, err = parseDumpDate("occasion "+ro.Occasion+" end", ro.End); err != nil {
			return fail(err)
		}
		if err := o.Validate(a.Text); err != nil {
			return fail(err)
		}
		occasions = append(occasions, o)
	}
	return a, occasions, nil
}

// event checks r as the forms and the miner would and returns it as an
// event and the hash of the article it names ("" for none).
func (r eventRecord) event() (domain.Event, string, error) {
	e := domain.Event{UID: r.UID, Title: r.Title, Description: r.Description, Kind: domain.Kind(r.Kind),
		StartTime: r.StartTime, EndTime: r.EndTime, Location: r.Location, Province: r.Province,
		Organization: r.Organization, Owner: r.Owner, Status: domain.Status(r.Status),
		Precision: domain.Precision(r.Precision), Confidence: r.Confidence, ReviewNote: r.ReviewNote,
		Occasion: r.OccasionKey, Sequence: r.Sequence}
	var hash string
	if r.Article != nil {
		hash = *r.Article
	}
	if r.EvidenceStart != nil && r.EvidenceEnd != nil {
		e.EvidenceStart, e.EvidenceEnd = int(*r.EvidenceStart), int(*r.EvidenceEnd)
	}
	reminders := make([]domain.Reminder, len(r.Reminders))
	for i, m := range r.Reminders {
		reminders[i] = domain.Reminder(m)
	}
	e.Reminders = domain.RemindersOf(reminders...) // checked with the rest by check
	if err := r.check(&e); err != nil {
		return e, hash, fmt.Errorf("load event %q (%q): %w", r.UID, r.Title, err)
	}
	return e, hash, nil
}

// check reads r's dates and stamps into e and validates it.
func (r eventRecord) check(e *domain.Event) error {
	if r.UID == "" {
		return errors.New("no uid")
	}
	if !e.Status.Valid() {
		return fmt.Errorf("unknown status %q", r.Status)
	}
	if (r.Start == nil) != (r.End == nil) {
		return errors.New("start and end must both be set or both be null")
	}
	var err error
	if e.Repeat, err = r.Repeat.repeat(); err != nil {
		return err
	}
	if e.Of, err = r.Of.override(); err != nil {
		return err
	}
	if r.Yearly {
		if r.Repeat != nil {
			return errors.New(`"yearly" and "repeat" are both set`)
		}
		e.Repeat.Kind = domain.RepeatYearly
	}
	if r.Start != nil {
		if e.Start, err = parseDumpDate("start", *r.Start); err != nil {
			return err
		}
		if e.End, err = parseDumpDate("end", *r.End); err != nil {
			return err
		}
	}
	if e.CreatedAt, err = parseDumpStamp(r.Created); err != nil {
		return err
	}
	if e.UpdatedAt, err = parseDumpStamp(r.Updated); err != nil {
		return err
	}
	check := *e
	if check.Status == domain.StatusRejected && !check.Dated() {
		check.Status = domain.StatusProposed // a mined event can be rejected before it has a date
	}
	if err := check.Validate(); err != nil {
		return fmt.Errorf("invalid: %w", err)
	}
	return nil
}

// parseDate reads a dumped YYYY-MM-DD date, which must fall in the Jalali
// years the calendar supports (jalali.ParseISO checks only the form).
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

// parseStamp reads a dumped RFC 3339 time.
func parseDumpStamp(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return t, fmt.Errorf("bad time: %w", err)
	}
	return t, nil
}

// formatStamp writes t as a dump (and the database) writes times.
func formatDumpStamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

func dumpPtr[T any](v T) *T { return &v }
