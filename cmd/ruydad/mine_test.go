package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ruydad/ruydad/seeds"
)

func noenv(string) string { return "" }

// writeSeeds copies the seed articles and labels into a folder.
func writeSeeds(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "articles"), 0o755); err != nil {
		t.Fatal(err)
	}
	ents, _ := seeds.Articles.ReadDir("articles")
	for _, e := range ents {
		b, _ := seeds.Articles.ReadFile("articles/" + e.Name())
		if err := os.WriteFile(filepath.Join(dir, "articles", e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "labels.jsonl"), seeds.Labels, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestMineGoodAndBadFiles(t *testing.T) {
	dir := writeSeeds(t)
	good := filepath.Join(dir, "articles", "001_b036e62a970a7aff.txt")
	empty := filepath.Join(dir, "empty.txt")
	binary := filepath.Join(dir, "latin1.txt")
	os.WriteFile(empty, []byte(" \n"), 0o644)
	os.WriteFile(binary, []byte{0xe9, 0x74, 0xe9, 0xff}, 0o644)
	var out, errs strings.Builder
	err := run(context.Background(), []string{"mine", good, empty, binary, filepath.Join(dir, "missing.txt"), good}, noenv, nil, &out, &errs)
	if err == nil {
		t.Error("mine with bad files exited successfully")
	}
	for _, want := range []string{"empty.txt: file is empty", "latin1.txt: not UTF-8 text", "missing.txt: no such file"} {
		if !strings.Contains(errs.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs.String())
		}
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d output lines, want 2 (the good file twice):\n%s", len(lines), out.String())
	}
	var got struct {
		Source    string  `json:"source"`
		Published *string `json:"published"`
		Events    []struct {
			Start, Precision, Kind, Title, Evidence string
			End                                     *string
			Confidence                              float64
		} `json:"events"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, lines[0])
	}
	if got.Source != good || got.Published == nil || *got.Published != "1395/05/18" || len(got.Events) == 0 {
		t.Errorf("mined %+v", got)
	}
	found := false
	for _, e := range got.Events {
		if e.Start == "1395/06/02" && e.End != nil && *e.End == "1395/06/08" && e.Kind == "media_tour" {
			found = true
		}
		if e.Confidence < 0 || e.Confidence > 1 || e.Evidence == "" {
			t.Errorf("event %+v", e)
		}
	}
	if !found {
		t.Error("the Government Week media tour (1395/06/02–08) was not mined")
	}

	out.Reset()
	if err := run(context.Background(), []string{"mine", "--published", "۱۴۰۳/۰۲/۲۰", "--format", "text", good}, noenv, nil, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "1403/02/20") {
		t.Errorf("--published not used:\n%s", out.String())
	}
	if err := run(context.Background(), []string{"mine", "--published", "1404/12/30", good}, noenv, nil, io.Discard, io.Discard); err == nil {
		t.Error("an impossible --published was accepted")
	}
	// Dates as people type them: a month name, day first, dots.
	for _, typed := range []string{"۲۰ اردیبهشت ۱۴۰۳", "20/02/1403", "1403.2.20"} {
		out.Reset()
		if err := run(context.Background(), []string{"mine", "--published", typed, "--format", "text", good}, noenv, nil, &out, io.Discard); err != nil {
			t.Fatalf("--published %q: %v", typed, err)
		}
		if !strings.Contains(out.String(), "1403/02/20") {
			t.Errorf("--published %q not read as 1403/02/20:\n%s", typed, out.String())
		}
	}
	err = run(context.Background(), []string{"mine", "--published", "۳۱ مهر ۱۴۰۳", good}, noenv, nil, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "has 30 days, not 31") {
		t.Errorf("--published 31 Mehr: %v", err)
	}
}

// TestEvalOnSeedLabels runs 'ruydad eval' on the seed labels: every
// required event must be found.
func TestEvalOnSeedLabels(t *testing.T) {
	dir := writeSeeds(t)
	var out strings.Builder
	if err := run(context.Background(), []string{"eval", filepath.Join(dir, "labels.jsonl")}, noenv, nil, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "required recall:   1.000") {
		t.Errorf("eval:\n%s", out.String())
	}
	if err := run(context.Background(), []string{"eval", filepath.Join(dir, "nope.jsonl")}, noenv, nil, io.Discard, io.Discard); err == nil {
		t.Error("eval of a missing file succeeded")
	}
}

func TestImportTwiceAndSeedOnFirstStart(t *testing.T) {
	dir := writeSeeds(t)
	db := filepath.Join(t.TempDir(), "imp.db")
	var out strings.Builder
	if err := run(context.Background(), []string{"import", "--db", db, filepath.Join(dir, "articles")}, noenv, nil, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "imported 5 articles") {
		t.Errorf("first import:\n%s", out.String())
	}
	out.Reset()
	if err := run(context.Background(), []string{"import", "--db", db, filepath.Join(dir, "articles")}, noenv, nil, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "imported 0 articles with 0 proposed events; 5 skipped") {
		t.Errorf("second import:\n%s", out.String())
	}
	if err := run(context.Background(), []string{"import", "--db", db, filepath.Join(dir, "nothere")}, noenv, nil, io.Discard, io.Discard); err == nil {
		t.Error("import of a missing folder succeeded")
	}

	// A fresh database gets the seed articles on first start.
	base, stop := startServe(t, map[string]string{"RUYDAD_DB": filepath.Join(t.TempDir(), "fresh.db")})
	defer stop()
	resp, err := http.Get(base + "/articles")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if n := strings.Count(string(body), "data-article-id="); n != 5 {
		t.Errorf("first start shows %d articles, want the 5 seeds", n)
	}
}
