package ical

import (
	"io"

	"github.com/ruydad/ruydad/internal/domain"
)

// Export streams a whole feed to out: every event that each yields (with
// the title of its source article, or "" for Feed.ArticleTitles'), then
// the occasions, then the end of the calendar. An event that only repeats
// one of the occasions (calendar.DuplicatesOccasion: a confirmed mention of
// PR Day on PR Day) is written once, as the occasion. An event the writer
// refuses (a bad span or time) is left out and reported to skipped, so one
// bad event does not cut a subscriber's feed; an error from each, or a
// write error, ends the export.
func Export(out io.Writer, f Feed, each func(fn func(e domain.Event, source string) error) error, occasions []domain.Occasion, skipped func(domain.Event, error)) error {
	w := NewWriter(out, f)
	err := each(func(e domain.Event, source string) error {
		if _, dup := w.cal.DuplicatesOccasion(e, occasions); dup {
			return nil // a confirmed mention of an occasion the feed has anyway
		}
		if err := w.eventFrom(e, source); err != nil {
			if w.err != nil { // the output failed: stop
				return err
			}
			if skipped != nil {
				skipped(e, err)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, o := range occasions {
		if err := w.Occasion(o); err != nil {
			return err
		}
	}
	return w.Close()
}

// OccasionsByDefault reports whether a feed of the events of kind ("" for
// every kind) carries the occasions unless told otherwise. A feed asked for
// one kind of event (only meetings, say) leaves them out: its subscriber
// wants those events, not the ~400 VEVENTs of national days that the
// default window holds besides. A feed of every kind, or of the kind
// occasion, carries them. Province and organization filters do not matter:
// the occasions are national days that concern every province's office.
func OccasionsByDefault(kind domain.Kind) bool {
	return kind == "" || kind == domain.KindOccasion
}
