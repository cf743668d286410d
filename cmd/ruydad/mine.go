package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"
	"unicode/utf8"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/mining"
	"github.com/ruydad/ruydad/internal/sqlite"
	"github.com/ruydad/ruydad/seeds"
)

// catalogue returns the built-in occasions: the curated ones and Iran's
// official calendar.
func catalogue() ([]domain.Occasion, error) {
	return domain.ParseCatalogue(seeds.Occasions, seeds.OfficialOccasions)
}

// newMiner returns a miner that knows the built-in occasions and Iran's
// table of Hijri month starts (for files mined without a database).
func newMiner() (*mining.Miner, error) {
	cat, err := catalogue()
	if err != nil {
		return nil, err
	}
	return mining.New(cat, calendar.Official()), nil
}

// open opens the database at path (creating it, and bringing its occasions
// up to the built-in catalogue) and returns it with the use cases over it.
// The use cases' warnings (a Hijri correction that does not fit the
// others) go to log.
func open(ctx context.Context, path string, log *slog.Logger) (*sqlite.DB, *app.App, error) {
	db, err := openDB(ctx, path, log)
	if err != nil {
		return nil, nil, err
	}
	return db, app.Over(db, app.Options{Logger: log}), nil
}

// cliLog is the logger of a command: plain text on stderr.
func cliLog(stderr io.Writer) *slog.Logger { return slog.New(slog.NewTextHandler(stderr, nil)) }

// runMine prints, per file, the events mined from it. Files that cannot be
// mined are reported on stderr and the others still mined; the exit is
// non-zero when any failed.
func runMine(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("mine", flag.ContinueOnError)
	fs.SetOutput(stderr)
	published := fs.String("published", "", "publication date for every file, as typed (1405/9/25, \"25 آذر 1405\", 25/09/1405); default: read from each article")
	format := fs.String("format", "jsonl", "output format: jsonl or text")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: ruydad mine [--published YYYY/MM/DD] [--format jsonl|text] FILE...")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *format != "jsonl" && *format != "text" {
		return fmt.Errorf("mine: --format must be jsonl or text, not %q", *format)
	}
	var pub jalali.Date
	if *published != "" {
		d, err := jalali.ParseTypedAt(*published, jalali.FromTime(time.Now()))
		if err != nil {
			return fmt.Errorf("mine: --published: %w", err)
		}
		pub = d
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errors.New("mine: no files given")
	}
	m, err := newMiner()
	if err != nil {
		return err
	}
	failed := 0
	for _, name := range fs.Args() {
		text, err := readArticle(name)
		if err != nil {
			fmt.Fprintf(stderr, "ruydad mine: %v\n", err)
			failed++
			continue
		}
		res := m.Mine(mining.Input{Text: text, Published: pub, Source: filepath.Base(name)})
		if *format == "text" {
			fmt.Fprintln(stdout, res.Text(name))
			continue
		}
		line, err := res.JSONLine(name)
		if err != nil {
			return fmt.Errorf("mine %s: %w", name, err)
		}
		stdout.Write(append(line, '\n'))
	}
	if failed > 0 {
		return fmt.Errorf("mine: %d of %d files could not be mined", failed, fs.NArg())
	}
	return nil
}

// readArticle reads a UTF-8 article file, refusing empty and binary ones.
func readArticle(name string) (string, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return "", fmt.Errorf("%s: %w", name, errors.Unwrap(err))
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return "", fmt.Errorf("%s: file is empty", name)
	}
	if !utf8.Valid(b) {
		return "", fmt.Errorf("%s: not UTF-8 text", name)
	}
	if len(b) > domain.MaxArticleBytes {
		return "", fmt.Errorf("%s: larger than %d bytes", name, domain.MaxArticleBytes)
	}
	return string(b), nil
}

// runEval scores the miner against a labels file (the format of
// seeds/labels.jsonl); the articles are read from the folder "articles"
// beside it, or from --articles.
func runEval(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("articles", "", "folder of the labelled articles (default: articles/ beside the labels file)")
	corpus := fs.String("corpus", "", "read the articles from a corpus JSONL (id, title, abstract, text) instead, such as ../shared/corpus/farsnews/farsnews.jsonl")
	part := fs.String("part", "", "score only the labels of this part of a development set (tune or held-out)")
	givePub := fs.Bool("give-published", false, "tell the miner each label's publication date, as the article form does")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("usage: ruydad eval [--articles DIR | --corpus FILE.jsonl] [--part tune|held-out] [--give-published] LABELS.jsonl")
	}
	labels, err := readLabels(fs.Arg(0), *part)
	if err != nil {
		return err
	}
	var texts map[string]string
	if *corpus != "" {
		texts, err = corpusTexts(*corpus, labels)
	} else {
		if *dir == "" {
			*dir = filepath.Join(filepath.Dir(fs.Arg(0)), "articles")
		}
		texts, err = folderTexts(*dir, labels)
	}
	if err != nil {
		return err
	}
	m, err := newMiner()
	if err != nil {
		return err
	}
	return mining.EvaluateWith(m, labels, texts, mining.Options{GivePublished: *givePub}).Write(stdout)
}

// readLabels reads a labels file, keeping one part's labels when part is
// not "".
func readLabels(path, part string) ([]mining.Label, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	defer f.Close()
	labels, err := mining.ParseLabels(f)
	if err != nil {
		return nil, fmt.Errorf("eval %s: %w", path, err)
	}
	if part == "" {
		return labels, nil
	}
	kept := labels[:0]
	for _, l := range labels {
		if l.Part == part {
			kept = append(kept, l)
		}
	}
	if len(kept) == 0 {
		return nil, fmt.Errorf("eval %s: no labels of part %q", path, part)
	}
	return kept, nil
}

func folderTexts(dir string, labels []mining.Label) (map[string]string, error) {
	texts := map[string]string{}
	for _, l := range labels {
		text, err := readArticle(filepath.Join(dir, l.File))
		if err != nil {
			return nil, fmt.Errorf("eval: %w", err)
		}
		texts[l.File] = text
	}
	return texts, nil
}

// corpusTexts reads the labelled articles' texts from a corpus of JSON
// lines, each the title, the abstract and the text, a line apart (what the
// miner is given of a Fars article).
func corpusTexts(path string, labels []mining.Label) (map[string]string, error) {
	want := map[string]bool{}
	for _, l := range labels {
		want[l.File] = true
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	defer f.Close()
	texts := map[string]string{}
	dec := json.NewDecoder(f)
	for dec.More() {
		var a struct{ ID, Title, Abstract, Text string }
		if err := dec.Decode(&a); err != nil {
			return nil, fmt.Errorf("eval: %s: %w", path, err)
		}
		if want[a.ID] {
			texts[a.ID] = a.Title + "\n" + a.Abstract + "\n" + a.Text
		}
	}
	for id := range want {
		if _, ok := texts[id]; !ok {
			return nil, fmt.Errorf("eval: %s has no article %q", path, id)
		}
	}
	return texts, nil
}
