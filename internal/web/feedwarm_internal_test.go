package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/seeds"
)

// TestFeedsRenderedAheadWhenDataChanges: a province's feed asked for once
// is rendered again in the background when the data changes, so that the
// next subscriber finds it kept for the new data; a subscriber who comes
// before that gets the new data too (rendered for it), never the old
// body. The feed folder's manifest lists the feed for the next start.
func TestFeedsRenderedAheadWhenDataChanges(t *testing.T) {
	ctx := context.Background()
	db := openStore(t, "warm.db")
	a := app.Over(db, app.Options{})
	dirPath := filepath.Join(t.TempDir(), "warm.db.feeds")
	dir, err := OpenFeedDir(dirPath, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer dir.Close()
	s, e := newServer(a, Config{Feeds: dir, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if s.feeds.dir != dirPath {
		t.Fatalf("feeds go to %q, not the feed folder %q", s.feeds.dir, dirPath)
	}
	save := func(title string) {
		t.Helper()
		d := jalali.FromTime(time.Now())
		ev := domain.Event{Title: title, Kind: domain.KindMeeting, Start: d, End: d, Province: "همدان", Status: domain.StatusConfirmed}
		if err := a.SaveEvent(ctx, &ev); err != nil {
			t.Fatal(err)
		}
	}
	path := "/calendar.ics?province=" + url.QueryEscape("همدان")
	get := func() string {
		t.Helper()
		w := httptest.NewRecorder()
		e.ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
		if w.Code != http.StatusOK {
			t.Fatalf("%s: %d", path, w.Code)
		}
		return w.Body.String()
	}
	save("نشست نخست")
	if body := get(); !strings.Contains(body, "نشست نخست") {
		t.Fatal("the feed lacks the event")
	}
	var job feedJob
	waitFor(t, "the feed to be wanted", func() bool {
		jobs, sizes, _ := s.feeds.wantedJobs()
		if len(jobs) != 1 || sizes[jobs[0]].size == 0 {
			return false
		}
		job = jobs[0]
		return true
	})
	if job.Province != "همدان" || !job.Occasions || job.From != "" || job.RScale {
		t.Fatalf("the feed wanted is %+v", job)
	}

	// A change, and a subscriber at once: the new data.
	save("نشست دوم")
	if body := get(); !strings.Contains(body, "نشست دوم") {
		t.Fatal("a request right after a change got the feed of the data before it")
	}
	before, _, err := a.DataVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the feeds of the data so far to be rendered ahead", func() bool { return dir.warmed.Load() == before })
	// Another change, and no request: the feed is rendered ahead.
	save("نشست سوم")
	n, changed, err := a.DataVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	made, err := s.feedOf(job, dataVersion{n, changed})
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the feed to be rendered ahead for the new data", func() bool {
		s.feeds.mu.Lock()
		defer s.feeds.mu.Unlock()
		b, ok := s.feeds.kept[made.etag]
		return ok && b.version == n
	})
	if body := get(); !strings.Contains(body, "نشست سوم") {
		t.Fatal("the feed rendered ahead lacks the last event")
	}
	waitFor(t, "the manifest to list the feed", func() bool {
		data, err := os.ReadFile(filepath.Join(dirPath, feedManifestName))
		return err == nil && strings.Contains(string(data), `"province":"همدان"`)
	})
	if err := dir.Close(); err != nil {
		t.Fatal(err)
	}
	again, err := OpenFeedDir(dirPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if _, ok := again.jobs[job]; !ok || len(again.jobs) != 1 {
		t.Fatalf("the next start reads %v from the manifest, want the province's feed", again.jobs)
	}
}

// TestFeedDirSharedBySecondServer: a second server given a feed folder in
// use keeps its feeds in a folder of its own (and no manifest), removed
// when it stops; at start, what a dead server left (a feed file, a second
// server's folder) is removed, and a running second server's is not.
func TestFeedDirSharedBySecondServer(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.db.feeds")
	if err := os.MkdirAll(filepath.Join(path, feedOwnPrefix+"dead"), 0o700); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(path, feedFilePrefix+"123")
	if err := os.WriteFile(stale, []byte("BEGIN:VCALENDAR"), 0o600); err != nil {
		t.Fatal(err)
	}
	first, err := OpenFeedDir(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	for _, p := range []string{stale, filepath.Join(path, feedOwnPrefix+"dead")} {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("%s is still there after the start (%v)", p, err)
		}
	}
	if first.path != path || first.manifest == "" {
		t.Fatalf("the first server keeps its feeds in %q (manifest %q), want %q", first.path, first.manifest, path)
	}
	second, err := OpenFeedDir(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if second.path == path || filepath.Dir(second.path) != path || second.manifest != "" {
		t.Fatalf("the second server keeps its feeds in %q (manifest %q): not apart from the first's", second.path, second.manifest)
	}
	// A third start while the second runs leaves the second's folder.
	third, err := OpenFeedDir(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	third.Close()
	first.clean()
	if _, err := os.Stat(second.path); err != nil {
		t.Fatalf("the running second server's folder was removed: %v", err)
	}
	own := second.path
	if err := second.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(own); !os.IsNotExist(err) {
		t.Fatalf("the second server's folder is still there after it stopped (%v)", err)
	}
}

// TestFeedNobodyAsksForIsNotRenderedAhead: a feed nobody asked for in a
// day (feedWantedFor) is no longer rendered ahead when the data changes.
func TestFeedNobodyAsksForIsNotRenderedAhead(t *testing.T) {
	ctx := context.Background()
	db := openStore(t, "old.db")
	a := app.Over(db, app.Options{})
	dir, err := OpenFeedDir(filepath.Join(t.TempDir(), "old.db.feeds"), slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer dir.Close()
	var clock atomic.Int64
	clock.Store(time.Now().UnixNano())
	s, e := newServer(a, Config{Feeds: dir, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Now: func() time.Time { return time.Unix(0, clock.Load()) }})
	w := httptest.NewRecorder()
	e.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/calendar.ics?kind=meeting", nil))
	if w.Code != http.StatusOK {
		t.Fatalf("%d", w.Code)
	}
	waitFor(t, "the feed to be wanted", func() bool {
		jobs, _, _ := s.feeds.wantedJobs()
		return len(jobs) == 1
	})
	clock.Add(int64(feedWantedFor + time.Hour))
	d := jalali.FromTime(time.Now())
	ev := domain.Event{Title: "جلسه", Kind: domain.KindMeeting, Start: d, End: d, Status: domain.StatusConfirmed}
	if err := a.SaveEvent(ctx, &ev); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the feed nobody asks for to be forgotten", func() bool {
		jobs, _, _ := s.feeds.wantedJobs()
		return len(jobs) == 0
	})
	n, _, err := a.DataVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.feeds.mu.Lock()
	defer s.feeds.mu.Unlock()
	for _, b := range s.feeds.kept {
		if b.version == n {
			t.Fatal("a feed nobody asks for was rendered ahead for the new data")
		}
	}
	if len(s.feeds.pending) != 0 {
		t.Fatalf("%d feeds rendering for a feed nobody asks for", len(s.feeds.pending))
	}
}

// waitFor waits up to 20 s for cond.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestKeptFeedGzipped: with a feed folder, a feed kept in a file gets a
// gzip copy, sent to a client that accepts gzip under its own ETag (which
// revalidates, and whose ranges are of the gzip bytes), the same body once
// unpacked; a client that does not gets the body as it is.
func TestKeptFeedGzipped(t *testing.T) {
	_, e, _ := occasionFeedServer(t, "gz")
	srv := httptest.NewServer(e)
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	get := func(header ...string) (*http.Response, []byte) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/calendar.ics", nil)
		for i := 0; i < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp, body
	}
	plainResp, plain := get()
	if len(plain) < spoolMemory || plainResp.Header.Get("Content-Encoding") != "" || !strings.Contains(plainResp.Header.Get("Vary"), "Accept-Encoding") {
		t.Fatalf("the feed: %d bytes, Content-Encoding %q, Vary %q", len(plain), plainResp.Header.Get("Content-Encoding"), plainResp.Header.Get("Vary"))
	}
	var resp *http.Response
	var packed []byte
	waitFor(t, "the gzip copy", func() bool {
		resp, packed = get("Accept-Encoding", "gzip, deflate")
		return resp.Header.Get("Content-Encoding") == "gzip"
	})
	zr, err := gzip.NewReader(bytes.NewReader(packed))
	if err != nil {
		t.Fatal(err)
	}
	unpacked, err := io.ReadAll(zr)
	if err != nil || !bytes.Equal(unpacked, plain) {
		t.Fatalf("the gzip copy unpacks to %d bytes (%v), want the feed's %d", len(unpacked), err, len(plain))
	}
	if etag := resp.Header.Get("ETag"); etag != gzipETag(plainResp.Header.Get("ETag")) || len(packed)*4 > len(plain) {
		t.Fatalf("the gzip copy: ETag %q (the feed's %q), %d bytes of %d", etag, plainResp.Header.Get("ETag"), len(packed), len(plain))
	}
	// Its length is said, as the kept plain feed's is: not chunked
	// (which copies it through the process instead of sending the file).
	// The first answer above was chunked: it was sent as it was rendered.
	keptResp, _ := get()
	for _, r := range []*http.Response{keptResp, resp} {
		if r.ContentLength < 0 || len(r.TransferEncoding) > 0 {
			t.Errorf("%q feed: Content-Length %d, Transfer-Encoding %q", r.Header.Get("Content-Encoding"), r.ContentLength, r.TransferEncoding)
		}
	}
	if resp.ContentLength != int64(len(packed)) {
		t.Errorf("the gzip copy says it is %d bytes long, and is %d", resp.ContentLength, len(packed))
	}
	if r, _ := get("Accept-Encoding", "gzip", "If-None-Match", resp.Header.Get("ETag")); r.StatusCode != http.StatusNotModified ||
		r.Header.Get("ETag") != resp.Header.Get("ETag") {
		t.Errorf("revalidating the gzip copy: %d, ETag %q", r.StatusCode, r.Header.Get("ETag"))
	}
	if r, part := get("Accept-Encoding", "gzip", "Range", "bytes=100-199"); r.StatusCode != http.StatusPartialContent || !bytes.Equal(part, packed[100:200]) ||
		r.ContentLength != 100 || r.Header.Get("Content-Encoding") != "gzip" || r.Header.Get("Content-Range") != fmt.Sprintf("bytes 100-199/%d", len(packed)) {
		t.Errorf("a range of the gzip copy: %d, %d bytes, Content-Length %d, Content-Encoding %q, Content-Range %q",
			r.StatusCode, len(part), r.ContentLength, r.Header.Get("Content-Encoding"), r.Header.Get("Content-Range"))
	}
	if r, _ := get("Accept-Encoding", "gzip", "Range", fmt.Sprintf("bytes=%d-", len(packed)+10)); r.StatusCode != http.StatusRequestedRangeNotSatisfiable ||
		r.Header.Get("Content-Encoding") != "" {
		t.Errorf("a range past the gzip copy: %d, Content-Encoding %q", r.StatusCode, r.Header.Get("Content-Encoding"))
	}
	if r, body := get("Accept-Encoding", "gzip;q=0"); r.Header.Get("Content-Encoding") != "" || !bytes.Equal(body, plain) {
		t.Errorf("gzip refused (q=0): Content-Encoding %q, %d bytes", r.Header.Get("Content-Encoding"), len(body))
	}
}

// TestFeedDirCloseEndsRenders: a feed still rendering when the server
// stops (its download gone, or a render ahead) is stopped and waited for
// by the feed folder's close, so that no render reads the database when it
// closes (which would keep its write-ahead log, and the next start would
// check the whole file).
func TestFeedDirCloseEndsRenders(t *testing.T) {
	db := openStore(t, "stop.db")
	dir, err := OpenFeedDir(filepath.Join(t.TempDir(), "stop.db.feeds"), slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	s, _ := newServer(app.Over(db, app.Options{}), Config{Feeds: dir, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	var ended atomic.Bool
	rendering := make(chan struct{})
	body := s.feeds.getFor(context.Background(), 1, "slow", nil, time.Time{}, func(ctx context.Context, w io.Writer) error {
		close(rendering)
		<-ctx.Done() // a render at work until it is stopped
		time.Sleep(20 * time.Millisecond)
		ended.Store(true)
		return context.Cause(ctx)
	})
	defer s.feeds.release(body)
	<-rendering
	if err := dir.Close(); err != nil {
		t.Fatal(err)
	}
	if !ended.Load() {
		t.Error("the feed folder closed with a render still at work")
	}
}

// TestRenderAheadWaitsForGzipCopy: a round of renders ahead ends once its
// feeds' gzip copies are written, not as their last bytes are (the copy of
// a national full feed takes seconds of a core after them), so that what
// it logs as done is done.
func TestRenderAheadWaitsForGzipCopy(t *testing.T) {
	ctx := context.Background()
	s, e, a := occasionFeedServer(t, "settle")
	w := httptest.NewRecorder()
	e.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/calendar.ics", nil))
	if w.Code != http.StatusOK || w.Body.Len() < spoolMemory {
		t.Fatalf("the feed: %d, %d bytes", w.Code, w.Body.Len())
	}
	waitFor(t, "the feed to be wanted", func() bool {
		jobs, _, _ := s.feeds.wantedJobs()
		return len(jobs) == 1
	})
	jobs, _, _ := s.feeds.wantedJobs()
	for round := range 3 {
		d := jalali.FromTime(time.Now())
		ev := domain.Event{Title: fmt.Sprintf("نشست %d", round), Kind: domain.KindMeeting, Start: d, End: d, Status: domain.StatusConfirmed}
		if err := a.SaveEvent(ctx, &ev); err != nil {
			t.Fatal(err)
		}
		n, changed, err := a.DataVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		v := dataVersion{n, changed}
		if !s.warmRound(ctx, v) {
			t.Fatal("the round of renders ahead did not end")
		}
		made, err := s.feedOf(jobs[0], v)
		if err != nil {
			t.Fatal(err)
		}
		s.feeds.mu.Lock()
		b := s.feeds.kept[made.etag]
		s.feeds.mu.Unlock()
		if b == nil || b.version != n {
			t.Fatalf("round %d: the feed is not kept for version %d", round, n)
		}
		b.mu.Lock()
		gz := b.gz
		b.mu.Unlock()
		if gz == nil {
			t.Fatalf("round %d: the round of renders ahead ended before the feed's gzip copy was written", round)
		}
	}
}

// occasionFeedServer returns a server with a feed folder over a new
// database (name.db) holding the official occasions, whose full feed is
// some megabytes, kept in a file; the folder closes at the test's end.
func occasionFeedServer(t *testing.T, name string) (*Server, *echo.Echo, *app.App) {
	t.Helper()
	db := openStore(t, name+".db")
	a := app.Over(db, app.Options{})
	cat, err := domain.ParseCatalogue(seeds.Occasions, seeds.OfficialOccasions)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SeedOccasions(context.Background(), cat); err != nil {
		t.Fatal(err)
	}
	dir, err := OpenFeedDir(filepath.Join(t.TempDir(), name+".db.feeds"), slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { dir.Close() })
	s, e := newServer(a, Config{Feeds: dir, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	return s, e, a
}
