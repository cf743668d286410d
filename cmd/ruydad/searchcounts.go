package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/ruydad/ruydad/internal/sqlite"
)

// recountEvery is how often the server looks whether the search's piece
// counts fell behind the calendar's growth (sqlite.RecountSearch).
const recountEvery = time.Hour

// recountSearch keeps the search's piece counts up with the data: at
// start, then every recountEvery, until ctx ends. A failure is logged and
// tried again at the next look; searches find the same either way, only
// their plans depend on the counts.
func recountSearch(ctx context.Context, db *sqlite.DB, log *slog.Logger, every time.Duration) {
	for {
		start := time.Now()
		switch done, err := db.RecountSearch(ctx); {
		case err != nil && ctx.Err() == nil:
			log.Error("counting the search's pieces again", "err", err)
		case len(done) > 0:
			log.Info("counted the search's pieces again", "of", done, "took", time.Since(start).Round(time.Millisecond).String())
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(every):
		}
	}
}
