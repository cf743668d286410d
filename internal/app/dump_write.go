package app

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/ruydad/ruydad/internal/domain"
)

// DumpSource is the storage a dump is read from.
type DumpSource interface {
	// ReadSnapshot calls read with a view of all the data as of one moment
	// (one read transaction), valid until read returns.
	ReadSnapshot(ctx context.Context, read func(DumpSnapshot) error) error
}

// DumpSnapshot is one consistent view of the data a dump holds.
type DumpSnapshot interface {
	// Occasions returns every occasion, in the order they were stored.
	Occasions(ctx context.Context) ([]domain.Occasion, error)
	// CatalogueKeys returns the key of every built-in occasion the
	// database was ever given, deleted ones too, in key order.
	CatalogueKeys(ctx context.Context) ([]string, error)
	// HijriCorrections returns every Hijri month start an administrator
	// set (not the records of removed ones), in month order.
	HijriCorrections(ctx context.Context) ([]domain.HijriCorrection, error)
	// Preparations returns the occasions the office prepares for, in key
	// order.
	Preparations(ctx context.Context) ([]domain.Preparation, error)
	// Sources returns every news source, in the order they were stored.
	Sources(ctx context.Context) ([]domain.Source, error)
	// EachArticle calls fn with every article, in the order they were
	// stored, and stops at the first error fn returns.
	EachArticle(ctx context.Context, fn func(DumpedArticle) error) error
	// EachEvent calls fn with every event, in the order they were stored,
	// and stops at the first error fn returns.
	EachEvent(ctx context.Context, fn func(DumpedEvent) error) error
}

// DumpedArticle is an article as a snapshot holds it.
type DumpedArticle struct {
	Article domain.Article
	// Occasions are the calendar's occasions it names, in text order,
	// each under the name it had when the article was mined.
	Occasions []domain.ArticleOccasion
	// Created is its creation time as stored (Article.CreatedAt parsed),
	// so that a dump shows it byte for byte.
	Created string
	// Links are the addresses it was found at, the first found first.
	Links []DumpedLink
}

// DumpedEvent is an event as a snapshot holds it.
type DumpedEvent struct {
	Event domain.Event
	// ArticleHash is the content hash of the article it was mined from, ""
	// for none: a dump names articles by hash, not by row id.
	ArticleHash string
	// Created and Updated are its times as stored (Event.CreatedAt and
	// UpdatedAt parsed), so that a dump shows them byte for byte.
	Created, Updated string
}

// DumpCounts counts the records of each section a dump holds.
type DumpCounts struct {
	Occasions, CatalogueKeys, HijriCorrections, Preparations, Sources, Articles, Events int
}

// WriteDump writes every occasion, catalogue key, Hijri correction,
// preparation, news source, article (with its links) and event of src to w
// in the dump format, read from one snapshot and
// streamed one record a line.
func WriteDump(ctx context.Context, src DumpSource, w io.Writer) (DumpCounts, error) {
	dw := &dumpWriter{w: bufio.NewWriter(w)}
	dw.enc = json.NewEncoder(&dw.buf)
	dw.enc.SetEscapeHTML(false)
	var n DumpCounts
	fmt.Fprintf(dw.w, "{\"format\": %q, \"version\": %d", DumpFormat, DumpVersion)
	if err := src.ReadSnapshot(ctx, func(s DumpSnapshot) error { return dw.sections(ctx, s, &n) }); err != nil {
		return n, fmt.Errorf("write dump: %w", err)
	}
	dw.w.WriteString("}\n")
	if err := dw.w.Flush(); err != nil {
		return n, fmt.Errorf("write dump: %w", err)
	}
	return n, nil
}

// sections writes the sections of a dump in their order.
func (dw *dumpWriter) sections(ctx context.Context, s DumpSnapshot, n *DumpCounts) error {
	occasions, err := s.Occasions(ctx)
	if err != nil {
		return err
	}
	if n.Occasions, err = writeDumpSection(dw, "occasions", dumpEach(occasions, occasionRecordOf)); err != nil {
		return err
	}
	keys, err := s.CatalogueKeys(ctx)
	if err != nil {
		return err
	}
	if n.CatalogueKeys, err = writeDumpSection(dw, "catalogue_keys", dumpEach(keys, func(k string) string { return k })); err != nil {
		return err
	}
	corrections, err := s.HijriCorrections(ctx)
	if err != nil {
		return err
	}
	if n.HijriCorrections, err = writeDumpSection(dw, "hijri_corrections", dumpEach(corrections, hijriRecordOf)); err != nil {
		return err
	}
	preparations, err := s.Preparations(ctx)
	if err != nil {
		return err
	}
	if n.Preparations, err = writeDumpSection(dw, "preparations", dumpEach(preparations, preparationRecordOf)); err != nil {
		return err
	}
	sources, err := s.Sources(ctx)
	if err != nil {
		return err
	}
	if n.Sources, err = writeDumpSection(dw, "sources", dumpEach(sources, sourceRecordOf)); err != nil {
		return err
	}
	n.Articles, err = writeDumpSection(dw, "articles", func(put func(articleRecord) error) error {
		return s.EachArticle(ctx, func(a DumpedArticle) error { return put(articleRecordOf(a)) })
	})
	if err != nil {
		return err
	}
	n.Events, err = writeDumpSection(dw, "events", func(put func(eventRecord) error) error {
		return s.EachEvent(ctx, func(e DumpedEvent) error { return put(eventRecordOf(e)) })
	})
	return err
}

// dumpWriter writes a dump's JSON: records one a line, each section an
// array that opens on the line of its name and closes on the line after
// its last record (on the same line when empty).
type dumpWriter struct {
	w   *bufio.Writer
	buf bytes.Buffer
	enc *json.Encoder
}

// writeDumpSection writes the array name, with every record each passes.
func writeDumpSection[R any](dw *dumpWriter, name string, each func(put func(R) error) error) (int, error) {
	fmt.Fprintf(dw.w, ",\n%q: [", name)
	n := 0
	err := each(func(rec R) error {
		dw.buf.Reset()
		if err := dw.enc.Encode(rec); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if n > 0 {
			dw.w.WriteString(",")
		}
		dw.w.WriteString("\n")
		dw.w.Write(bytes.TrimSuffix(dw.buf.Bytes(), []byte("\n")))
		n++
		return nil
	})
	if err != nil {
		return n, err
	}
	if n > 0 {
		dw.w.WriteString("\n")
	}
	dw.w.WriteString("]")
	return n, nil
}

// dumpEach passes every value of xs, as a record, to put.
func dumpEach[T, R any](xs []T, record func(T) R) func(put func(R) error) error {
	return func(put func(R) error) error {
		for _, x := range xs {
			if err := put(record(x)); err != nil {
				return err
			}
		}
		return nil
	}
}
