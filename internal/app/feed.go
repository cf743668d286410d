package app

import (
	"context"
	"io"
	"slices"
	"time"

	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/ical"
)

// FeedName is the calendar's name in subscribers' apps.
const FeedName = "رویداد · تقویم روابط عمومی"

// FeedSpec says what a feed carries: the confirmed events matching Filter
// (its statuses are ignored), the shown occasions when Occasions (national
// ones and the provincial days of Filter's province, of every province when
// it names none), yearly items over the Jalali years FromYear..ToYear
// (checked by ical.Window), written once with RSCALE=PERSIAN rules when
// RScale, the occasions' preparation reminders when Reminders; events link
// to BaseURL when it is set.
type FeedSpec struct {
	Filter           domain.EventFilter
	Occasions        bool
	FromYear, ToYear int
	RScale           bool
	BaseURL          string
	// Reminders adds to each occurrence of an occasion the office
	// prepares for a VALARM its lead time before (events' own reminders
	// are always written).
	Reminders bool
	// Sources names each event's source article (its title) in its
	// description: for readers who see the drafts, articles among them.
	Sources bool
	// Now is the feed's DTSTAMP; the app's clock when zero. Its callers
	// give the time the data last changed (the data version's), so that
	// the same data gives the same bytes (see ical.Feed's Now).
	Now time.Time
}

// Feed is a feed ready to be written: everything it needs besides the
// events themselves, which it streams as it writes.
type Feed struct {
	app       *App
	feed      ical.Feed
	filter    domain.EventFilter
	sources   bool // events' source articles named (FeedSpec.Sources)
	occasions []domain.Occasion

	Events int // events written (after Write)
}

// Feed prepares the feed of spec: the web server and 'ruydad export' write
// the same bytes for the same data.
func (a *App) Feed(ctx context.Context, spec FeedSpec) (*Feed, error) {
	st, err := a.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	f := &Feed{app: a, filter: spec.Filter, sources: spec.Sources,
		feed: ical.Feed{Name: FeedName, BaseURL: spec.BaseURL, Now: a.feedNow(spec), FromYear: spec.FromYear, ToYear: spec.ToYear,
			RScale: spec.RScale, Calendar: st.Cal}}
	f.filter.Statuses = []domain.Status{domain.StatusConfirmed}
	if spec.Reminders {
		if f.feed.OccasionLeads, err = a.occasionLeads(ctx); err != nil {
			return nil, err
		}
	}
	if spec.Occasions {
		f.occasions = calendar.Shown(st.Occasions, spec.Filter.Province)
	}
	return f, nil
}

// Occasions returns how many occasions the feed carries.
func (f *Feed) Occasions() int { return len(f.occasions) }

// Write streams the feed to w, reading events as it goes. An event that
// cannot be written is passed to skipped (when not nil) and left out.
//
// An event that stands in for an occurrence of a series (moved or
// changed) is written with its series, whatever the filter says of it, and
// never without it: a calendar app reads its RECURRENCE-ID as a change to
// the series' instance, and the series' RRULE would bring the occurrence
// back on its first day without it. A moved day whose event is not
// confirmed is left out of the series (EXDATE).
func (f *Feed) Write(ctx context.Context, w io.Writer, skipped func(domain.Event, error)) error {
	standIns, err := f.app.StandIns(ctx)
	if err != nil {
		return err
	}
	// The events standing in for occurrences are few: their sources'
	// titles are read at once (the others' come with each event).
	var titles map[int64]string
	if f.sources {
		var ids []int64
		for _, own := range standIns {
			for _, o := range own {
				if o.ArticleID != 0 {
					ids = append(ids, o.ArticleID)
				}
			}
		}
		if titles, err = f.app.ArticleTitles(ctx, ids); err != nil {
			return err
		}
	}
	each := func(fn func(domain.Event, string) error) error {
		return f.app.EachEvent(ctx, f.filter, f.sources, func(e domain.Event, source string) error {
			if e.Of.SeriesID != 0 {
				return nil // written with its series
			}
			own := standIns[e.ID]
			for _, o := range own {
				// An event stands in for its day: the day is moved, not
				// skipped, whatever the series says.
				e.Repeat.Skipped, e.Repeat.Moved = e.Repeat.Skipped.Without(o.Of.Date), e.Repeat.Moved.With(o.Of.Date)
			}
			for _, d := range e.Repeat.Moved.List() {
				if !slices.ContainsFunc(own, func(o domain.Event) bool { return o.Of.Date == d }) {
					e.Repeat.Skipped = e.Repeat.Skipped.With(d)
				}
			}
			f.Events++
			if err := fn(e, source); err != nil {
				return err
			}
			for _, o := range own {
				f.Events++
				if err := fn(o, titles[o.ArticleID]); err != nil {
					return err
				}
			}
			return nil
		})
	}
	return ical.Export(w, f.feed, each, f.occasions, skipped)
}

// WriteEvent writes the iCalendar file of event e alone, as the feed
// writes its VEVENTs (its source article named when spec.Sources), series
// over spec's window, with the events that stand in for a series'
// occurrences.
func (a *App) WriteEvent(ctx context.Context, w io.Writer, e domain.Event, spec FeedSpec) error {
	var ids []int64
	if e.ArticleID != 0 && spec.Sources {
		ids = []int64{e.ArticleID}
	}
	titles, err := a.ArticleTitles(ctx, ids)
	if err != nil {
		return err
	}
	st, err := a.Calendar(ctx)
	if err != nil {
		return err
	}
	iw := ical.NewWriter(w, ical.Feed{Name: e.Title, BaseURL: spec.BaseURL, Now: a.feedNow(spec), FromYear: spec.FromYear, ToYear: spec.ToYear,
		ArticleTitles: titles, Calendar: st.Cal})
	if err := iw.Event(e); err != nil {
		return err
	}
	// A series' occurrences that events of their own stand in for.
	if e.Repeats() {
		overrides, err := a.events.Overrides(ctx, e.ID)
		if err != nil {
			return err
		}
		for _, o := range overrides {
			if err := iw.Event(o); err != nil {
				return err
			}
		}
	}
	return iw.Close()
}

func (a *App) feedNow(spec FeedSpec) time.Time {
	if spec.Now.IsZero() {
		return a.now()
	}
	return spec.Now
}
