package app

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// storedDump returns a store that already holds a built-in occasion nobody
// edited (pr-day), an edited one (hafez-day), an office's own (office-day),
// an article, an event and a Hijri correction.
func storedDump(t *testing.T) (*memDump, int64) {
	t.Helper()
	ctx := context.Background()
	m := newMemDump()
	day := domain.Recurrence{Calendar: domain.CalJalali, Rule: domain.RuleDate, Month: 2, Day: 27, Length: 1}
	for _, o := range []domain.Occasion{
		{Key: "pr-day", Name: "روز روابط عمومی", Group: domain.GroupOfficial, Recurrence: day},
		{Key: "hafez-day", Name: "روز حافظ (ویرایش اینجا)", Group: domain.GroupOfficial, Recurrence: day, Edited: true, Sequence: 1},
		{Key: "office-day", Name: "روز اداره", Group: domain.GroupOffice, Recurrence: day},
	} {
		m.InsertOccasion(ctx, o)
	}
	a := domain.Article{Title: "خبر اینجا", Text: "متن خبر نشست", Hash: "h-stored"}
	m.InsertArticle(ctx, &a, nil)
	m.InsertEvent(ctx, &domain.Event{UID: "kept@x", Title: "رویداد اینجا", Kind: domain.KindMeeting})
	m.InsertHijriCorrection(ctx, domain.HijriCorrection{Year: 1448, Month: 10, Start: dumpHijriStart(t, 1448, 10)})
	return m, a.ID
}

// ruleFile is a dump that meets storedDump's records and brings new ones.
func ruleFile(t *testing.T) string {
	edited := func(name string) func(*occasionRecord) {
		return func(o *occasionRecord) { o.Name, o.Edited, o.Sequence, o.Group = name, true, 3, domain.GroupOfficial }
	}
	return dumpParts{
		occasions: []occasionRecord{
			occasionRec("pr-day", "روز روابط عمومی (ویرایش آنجا)", edited("روز روابط عمومی (ویرایش آنجا)")),
			occasionRec("hafez-day", "روز حافظ (ویرایش آنجا)", edited("روز حافظ (ویرایش آنجا)")),
			occasionRec("office-day", "روز اداره (ویرایش آنجا)", edited("روز اداره (ویرایش آنجا)")),
			occasionRec("new-day", "روز تازه", func(o *occasionRecord) { o.Group = domain.GroupOffice }),
		},
		keys: []string{"pr-day", "gone-day"},
		hijri: []hijriRecord{
			{Year: 1448, Month: 9, Start: dumpHijriStart(t, 1448, 9).ISO(), Updated: dumpStamp},
			{Year: 1448, Month: 10, Start: dumpHijriStart(t, 1448, 10).ISO(), Note: "آنجا", Updated: dumpStamp},
		},
		articles: []articleRecord{
			articleRec("h-stored", func(a *articleRecord) { a.Title = "خبر آنجا" }),
			articleRec("h-new", dumpAsIs),
		},
		events: []eventRecord{
			eventRec("kept@x", func(e *eventRecord) { e.Title = "رویداد آنجا" }),
			eventRec("on-stored@x", func(e *eventRecord) {
				e.Article, e.EvidenceStart, e.EvidenceEnd, e.Status = dumpPtr("h-stored"), dumpPtr[int64](0), dumpPtr[int64](4), "proposed"
			}),
			eventRec("on-new@x", func(e *eventRecord) {
				e.Article, e.EvidenceStart, e.EvidenceEnd = dumpPtr("h-new"), dumpPtr[int64](2), dumpPtr[int64](6)
			}),
			eventRec("typed@x", func(e *eventRecord) {
				e.Sequence, e.Created, e.Updated = 4, "2024-01-02T03:04:05.5Z", "2024-06-07T08:09:10Z"
			}),
		},
	}.file(t)
}

// TestLoadDumpRules: records are matched by key, hash, uid and Hijri month;
// what is stored is kept and counted, except that a built-in occasion
// nobody edited here takes the file's edited copy; events link to the
// article of their hash, stored or loaded; new records keep their uid,
// sequence and times; the database counts as seeded.
func TestLoadDumpRules(t *testing.T) {
	ctx := context.Background()
	m, storedArticle := storedDump(t)
	st, err := LoadDump(ctx, m, strings.NewReader(ruleFile(t)))
	if err != nil {
		t.Fatal(err)
	}
	want := LoadStats{Occasions: 1, HijriCorrections: 1, Articles: 1, Events: 3, SkippedOccasions: 2,
		SkippedHijriCorrections: 1, SkippedArticles: 1, SkippedEvents: 1, UpdatedOccasions: 1}
	if st != want {
		t.Errorf("stats %+v,\nwant %+v", st, want)
	}
	names := map[string]domain.Occasion{}
	for _, o := range m.occasions {
		names[o.Key] = o
	}
	if o := names["pr-day"]; o.Name != "روز روابط عمومی (ویرایش آنجا)" || !o.Edited {
		t.Errorf("pr-day, a built-in nobody edited here, did not take the file's edited copy: %+v", o)
	}
	if names["hafez-day"].Name != "روز حافظ (ویرایش اینجا)" || names["office-day"].Name != "روز اداره" {
		t.Errorf("an occasion edited here or an office's own was replaced: %q, %q", names["hafez-day"].Name, names["office-day"].Name)
	}
	if o := names["new-day"]; o.Group != domain.GroupOffice || o.UpdatedAt != dumpTime(t, dumpStamp) {
		t.Errorf("new-day: %+v", o)
	}
	if keys, _ := m.CatalogueKeys(ctx); !slices.Equal(keys, []string{"gone-day", "pr-day"}) {
		t.Errorf("catalogue keys %q", keys)
	}
	if len(m.hijri) != 2 || m.hijri[1].Note != "" {
		t.Errorf("Hijri corrections %+v, want 1448/9 added and 1448/10 kept", m.hijri)
	}
	if m.articles[0].article.Title != "خبر اینجا" || m.articles[1].article.Hash != "h-new" {
		t.Errorf("articles %+v", m.articles)
	}
	events := map[string]domain.Event{}
	for _, e := range m.events {
		events[e.UID] = e
	}
	newArticle := m.articles[1].article.ID
	switch {
	case events["kept@x"].Title != "رویداد اینجا":
		t.Errorf("the stored event was replaced: %+v", events["kept@x"])
	case events["on-stored@x"].ArticleID != storedArticle || events["on-new@x"].ArticleID != newArticle:
		t.Errorf("events link to articles %d and %d, want %d (stored) and %d (loaded)",
			events["on-stored@x"].ArticleID, events["on-new@x"].ArticleID, storedArticle, newArticle)
	case events["on-new@x"].EvidenceStart != 2 || events["on-new@x"].EvidenceEnd != 6:
		t.Errorf("evidence %+v", events["on-new@x"])
	}
	typed := events["typed@x"]
	if typed.Sequence != 4 || typed.CreatedAt != dumpTime(t, "2024-01-02T03:04:05.5Z") || typed.UpdatedAt != dumpTime(t, "2024-06-07T08:09:10Z") ||
		typed.Start != jalali.MustNew(1403, 2, 27) || typed.ArticleID != 0 {
		t.Errorf("typed event %+v, want its sequence, times and date as given", typed)
	}
	if !m.seeded {
		t.Error("the loaded store was not marked seeded")
	}

	// A second load of the same file adds and replaces nothing.
	st, err = LoadDump(ctx, m, strings.NewReader(ruleFile(t)))
	want = LoadStats{SkippedOccasions: 4, SkippedHijriCorrections: 2, SkippedArticles: 2, SkippedEvents: 4}
	if err != nil || st != want {
		t.Errorf("second load: %+v, %v; want %+v", st, err, want)
	}
}

// TestLoadDumpVersion1: a file of the first release has no groups, no
// edited marks and no catalogue keys: its database had the first
// catalogue (recorded as given), keys beginning user- are the office's,
// and an occasion with a sequence was edited.
func TestLoadDumpVersion1(t *testing.T) {
	m, _ := storedDump(t)
	v1 := func(key, name string, seq int) occasionRecord {
		return occasionRec(key, name, func(o *occasionRecord) { o.Sequence, o.Length, o.Aliases = seq, 1, nil })
	}
	file := dumpParts{version: 1, occasions: []occasionRecord{
		v1("pr-day", "روز روابط عمومی استان", 2), v1("user-fair", "نمایشگاه اداره", 0), v1("nowruz", "نوروز", 0),
	}, articles: []articleRecord{}, events: []eventRecord{}}.file(t)
	if strings.Contains(file, `"group"`) || strings.Contains(file, `"edited"`) {
		t.Fatalf("not a version 1 file: %s", file)
	}
	st, err := LoadDump(context.Background(), m, strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	if st.UpdatedOccasions != 1 || st.Occasions != 2 {
		t.Errorf("stats %+v, want pr-day replaced and two added", st)
	}
	for _, o := range m.occasions {
		switch {
		case o.Key == "pr-day" && (!o.Edited || o.Name != "روز روابط عمومی استان"):
			t.Errorf("pr-day with a sequence: %+v, want the file's copy, edited", o)
		case o.Key == "user-fair" && (o.Group != domain.GroupOffice || o.Edited):
			t.Errorf("user-fair: %+v, want the office's, unedited", o)
		case o.Key == "nowruz" && o.Group != domain.GroupOfficial:
			t.Errorf("nowruz: %+v, want official", o)
		}
	}
	if len(m.catalogue) != len(firstCatalogue) || !m.catalogue["hafez-day"] {
		t.Errorf("%d catalogue keys recorded, want the first catalogue's %d", len(m.catalogue), len(firstCatalogue))
	}
}

// TestLoadDumpVersion3: a file from before events had an owner loads as
// it is; the owner of a newer file comes through.
func TestLoadDumpVersion3(t *testing.T) {
	v5, _ := writeDumpString(t, filledDump(t))
	if !strings.Contains(v5, `"owner":"مریم احمدی"`) {
		t.Fatalf("the version 6 file has no owner: %s", v5)
	}
	v3 := strings.Replace(strings.Replace(v5, `"version": 6`, `"version": 3`, 1), `,"owner":"مریم احمدی"`, "", 1)
	v3 = strings.Replace(v3, `"repeat":{"kind":"yearly"}`, `"yearly":true`, 1)
	for _, tt := range []struct{ file, owner string }{{v5, "مریم احمدی"}, {v3, ""}} {
		m := newMemDump()
		if _, err := LoadDump(context.Background(), m, strings.NewReader(tt.file)); err != nil {
			t.Fatal(err)
		}
		for _, e := range m.events {
			if e.UID == "typed@ruydad" && e.Owner != tt.owner {
				t.Errorf("owner %q, want %q", e.Owner, tt.owner)
			}
		}
	}
}

// TestLoadDumpRefusals: a file that goes wrong anywhere, in its envelope,
// a record or the final check, is refused with a message that says what,
// and the store is left as it was.
func TestLoadDumpRefusals(t *testing.T) {
	good, _ := writeDumpString(t, filledDump(t))
	lastKind := strings.LastIndex(good, `"kind":"other"`)
	moved := strings.Replace(good, `"start":"2027-03-10"`, `"start":"2027-03-20"`, 1)
	for _, tt := range []struct{ name, body, want string }{
		{"bad kind in the last event", good[:lastKind] + `"kind":"party"` + good[lastKind+len(`"kind":"other"`):], "invalid kind"},
		{"unknown status", strings.Replace(good, `"status":"confirmed"`, `"status":"done"`, 1), `unknown status "done"`},
		{"start without end", strings.Replace(good, `"end":"2025-05-19"`, `"end":null`, 1), "both be set or both be null"},
		{"bad time", strings.Replace(good, `"created":"2024-05-09T06:30:00Z","updated"`, `"created":"yesterday","updated"`, 1), "bad time"},
		{"no uid", strings.Replace(good, `"uid":"typed@ruydad"`, `"uid":""`, 1), "no uid"},
		{"truncated", good[:len(good)-40], "bad JSON"},
		{"data after the end", good + "{}", "data after the end"},
		{"unknown field", strings.Replace(good, `"sequence":`, `"colour":"red","sequence":`, 1), "unknown field"},
		{"wrong format", strings.Replace(good, `"format": "ruydad"`, `"format": "other"`, 1), "not a ruydad export"},
		{"newer version", strings.Replace(good, `"version": 6`, `"version": 7`, 1), "version 7 is not supported"},
		{"version 0", strings.Replace(good, `"version": 6`, `"version": 0`, 1), "version 0 is not supported"},
		{"corrections that do not fit", moved, "do not fit together"},
		{"no header", `{"events": []}`, "must come first"},
		{"no format", `{}`, "no format"},
		{"unknown section", strings.Replace(good, `"articles": [`, `"articles": [], "x": [`, 1), "unknown field"},
		{"dangling article", strings.Replace(good, `"article":"`, `"article":"0000`, 1), "is not in the file"},
		{"an article without a hash", strings.Replace(good, `"hash":"hash-undated"`, `"hash":""`, 1), "no hash"},
		{"an empty dateline", strings.Replace(good, `"published_from":[15,36]`, `"published_from":[15,15]`, 1), "published_from is empty"},
		{"an occasion named outside its article", strings.Replace(good, `"evidence_end":152,"confidence":0.5`,
			`"evidence_end":7000,"confidence":0.5`, 1), "outside the text"},
		{"an occasion on no day", strings.Replace(good, `"start":"2025-05-22"`, `"start":"2025-13-22"`, 1), "occasion gone-day start"},
		{"a negative sequence", strings.Replace(good, `"sequence":1,`, `"sequence":-1,`, 1), "negative sequence"},
		{"an empty catalogue key", strings.Replace(good, `"catalogue_keys": [`+"\n"+`"ashura"`, `"catalogue_keys": [`+"\n"+`""`, 1), "catalogue key: empty"},
		{"a Hijri month 13", strings.Replace(good, `"year":1448,"month":10`, `"year":1448,"month":13`, 1), "no such Hijri month"},
		{"not JSON", "BEGIN:VCALENDAR", "bad JSON"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.body == good {
				t.Fatal("the case does not change the file")
			}
			m, _ := storedDump(t)
			m.hijri = nil // so that the file's corrections are loaded and checked
			before, _ := writeDumpString(t, m)
			_, err := LoadDump(context.Background(), m, strings.NewReader(tt.body))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("load: %v, want an error about %q", err, tt.want)
			}
			if after, _ := writeDumpString(t, m); after != before || m.seeded {
				t.Error("a refused load changed the store")
			}
		})
	}
}

// TestLoadDumpStreams: records are loaded as they are read, so a file
// refused in its first record is not read to its end.
func TestLoadDumpStreams(t *testing.T) {
	good, _ := writeDumpString(t, filledDump(t))
	bad := strings.Replace(good, `"key":"pr-day"`, `"key":""`, 1)
	r := &countingReader{r: strings.NewReader(bad + strings.Repeat(" ", 1<<20))}
	if _, err := LoadDump(context.Background(), newMemDump(), r); err == nil {
		t.Fatal("a file with an occasion without a key was loaded")
	}
	if r.n > 64<<10 {
		t.Errorf("read %d bytes of a file refused at its first record", r.n)
	}
}

type countingReader struct {
	r interface{ Read([]byte) (int, error) }
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

// TestLoadDumpSources: sources come by URL, an article's links by URL to
// its article (a stored article gains the links it lacks), each to the
// stored source of its source's URL; a version 5 file, without them, loads
// as it is; a link that is not canonical refuses the file.
func TestLoadDumpSources(t *testing.T) {
	ctx := context.Background()
	file, _ := writeDumpString(t, filledDump(t))
	m := newMemDump()
	m.InsertSource(ctx, &domain.Source{URL: "https://example.ir/feed", Name: "از پیش", Interval: time.Hour})
	m.InsertArticle(ctx, &domain.Article{Text: "بدون تاریخ", Hash: "hash-mined"}, nil)
	stats, err := LoadDump(ctx, m, strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	if stats.Sources != 1 || stats.SkippedSources != 1 || stats.Links != 2 || stats.SkippedArticles != 1 {
		t.Errorf("stats %+v", stats)
	}
	irna, _ := m.SourceIDByURL(ctx, "https://www.irna.ir/rss/tp/8")
	mined, _ := m.ArticleIDByHash(ctx, "hash-mined")
	if len(m.links) != 2 || m.links[0].ArticleID != mined || m.links[0].SourceID != irna || m.links[1].SourceID != 0 {
		t.Errorf("links %+v", m.links)
	}
	if again, _ := LoadDump(ctx, m, strings.NewReader(file)); again.Links != 0 || again.SkippedLinks != 2 || again.Sources != 0 {
		t.Errorf("loaded twice: %+v", again)
	}

	v5 := strings.Replace(file, `"version": 6`, `"version": 5`, 1)
	v5 = v5[:strings.Index(v5, "\n\"sources\"")] + v5[strings.Index(v5, "\n\"articles\""):]
	v5 = regexpLinks.ReplaceAllString(v5, "")
	if strings.Contains(v5, "irna.ir") {
		t.Fatalf("the version 5 file still names sources:\n%s", v5)
	}
	if _, err := LoadDump(ctx, newMemDump(), strings.NewReader(v5)); err != nil {
		t.Errorf("version 5: %v", err)
	}

	bad := strings.Replace(file, `"https://farsnews.ir/news/2?id=3"`, `"https://FarsNews.ir/news/2/?utm_source=x"`, 1)
	if _, err := LoadDump(ctx, newMemDump(), strings.NewReader(bad)); err == nil || !strings.Contains(err.Error(), "not a canonical") {
		t.Errorf("a link not canonical: %v", err)
	}
}

var regexpLinks = regexp.MustCompile(`,"links":\[[^\]]*\]`)
