package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// readDump decodes a dump record by record into l, refusing unknown
// fields, other formats and versions it does not read.
func readDump(ctx context.Context, r io.Reader, l *dumpLoader) error {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := expectDumpDelim(dec, '{'); err != nil {
		return err
	}
	var format string
	version := 0
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return fmt.Errorf("bad JSON: %w", err)
		}
		key, _ := tok.(string)
		switch key {
		case "format":
			if err := dec.Decode(&format); err != nil || format != DumpFormat {
				return fmt.Errorf("not a ruydad export (format %q)", format)
			}
			continue
		case "version":
			if err := dec.Decode(&version); err != nil || version < 1 || version > DumpVersion {
				return fmt.Errorf("export version %d is not supported (this ruydad reads versions 1 to %d)", version, DumpVersion)
			}
			if version == 1 {
				if err := l.firstRelease(ctx); err != nil {
					return err
				}
			}
			continue
		}
		if format == "" || version == 0 {
			return errors.New(`not a ruydad export: "format" and "version" must come first`)
		}
		if err := readDumpSection(ctx, dec, key, l); err != nil {
			return err
		}
	}
	if format == "" {
		return errors.New("not a ruydad export (no format)")
	}
	if err := expectDumpDelim(dec, '}'); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("bad JSON: data after the end")
	}
	return nil
}

// readDumpSection decodes the section key into l.
func readDumpSection(ctx context.Context, dec *json.Decoder, key string, l *dumpLoader) error {
	switch key {
	case "occasions":
		return eachDumpRecord(dec, key, func(o occasionRecord) error { return l.occasion(ctx, o) })
	case "catalogue_keys":
		return eachDumpRecord(dec, key, func(k string) error { return l.catalogueKey(ctx, k) })
	case "hijri_corrections":
		return eachDumpRecord(dec, key, func(c hijriRecord) error { return l.hijriCorrection(ctx, c) })
	case "preparations":
		return eachDumpRecord(dec, key, func(p preparationRecord) error { return l.preparation(ctx, p) })
	case "sources":
		return eachDumpRecord(dec, key, func(s sourceRecord) error { return l.source(ctx, s) })
	case "articles":
		return eachDumpRecord(dec, key, func(a articleRecord) error { return l.article(ctx, a) })
	case "events":
		return eachDumpRecord(dec, key, func(e eventRecord) error { return l.event(ctx, e) })
	}
	return fmt.Errorf("unknown field %q", key)
}

// eachDumpRecord decodes the array of section and passes each record to fn.
func eachDumpRecord[T any](dec *json.Decoder, section string, fn func(T) error) error {
	if err := expectDumpDelim(dec, '['); err != nil {
		return fmt.Errorf("%s: %w", section, err)
	}
	for i := 0; dec.More(); i++ {
		var rec T
		if err := dec.Decode(&rec); err != nil {
			return fmt.Errorf("bad JSON in %s[%d]: %w", section, i, err)
		}
		if err := fn(rec); err != nil {
			return err
		}
	}
	if err := expectDumpDelim(dec, ']'); err != nil {
		return fmt.Errorf("%s: %w", section, err)
	}
	return nil
}

func expectDumpDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return fmt.Errorf("bad JSON: %w", err)
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return fmt.Errorf("bad JSON: expected %q, found %v", want, tok)
	}
	return nil
}
