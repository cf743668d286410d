package web

import (
	"cmp"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"os"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// feedBodies holds rendered feeds for one data version, so that a feed is
// rendered once per version and query, however many subscribers download
// it and however slowly. Rendering is the only part that reads the
// database and it takes a turn (renders at once are bounded); serving
// a body holds neither a turn nor a connection to the database, so slow
// subscribers never wait for each other.
//
// Downloads read a body while it is rendered: a feed goes out as the
// database gives its events, not after the last one (a national
// calendar's full feed of a million events takes a minute and a half to
// render, longer than a calendar app waits for its first byte), and any
// request for the same feed meanwhile reads the same render, each from
// its start at its own pace.
//
// A body's first spoolMemory bytes are kept in memory; a larger one (a full
// feed of 20,000 events is about 17 MB) goes to an unlinked file in the
// feed folder (FeedDir: beside the database; the temporary folder without
// one), so that the server's memory does not grow with the size of the
// feeds or the number of their readers: each download costs its copy
// buffer, or nothing when the system sends a whole body (sendfile). The
// bodies kept are bounded in memory and on disk; a body dropped while
// downloads still read it stays open until the last one ends. A body
// larger than the bound on disk (the full feed of a national calendar,
// 800 MB) is not kept: it is rendered for the downloads that ask for it
// while it renders, into a file that goes with the last of them.
type feedBodies struct {
	mu      sync.Mutex
	version int64
	kept    map[string]*feedBody
	mem     int64 // bytes of the kept bodies held in memory
	disk    int64 // bytes of the kept bodies held in files
	pending map[string]*feedBody

	memLimit, diskLimit int64
	turns               chan struct{} // a token for each feed being rendered
	turnWait            time.Duration // how long a render waits for a turn
	idle                time.Duration // how long a render may write nothing
	dir                 string        // where files go ("": os.TempDir)

	// stopped is done when the server stops (its feed folder closes):
	// the renders then end (their reads of the database with them), and
	// renders counts those still running (see FeedDir.Close).
	stopped context.Context
	renders sync.WaitGroup

	// wanted are the jobs of the feeds kept, at this version or an
	// earlier one, with their last size and when they were last asked
	// for: what warmFeeds renders again when the data changes. A job
	// leaves when its body is dropped to make room, so that they are as
	// bounded as the bodies are, or when nobody asked for it for
	// feedWantedFor.
	wanted map[feedJob]wantedFeed
	// wantedMoved counts the changes to wanted (the manifest is written
	// again when it moves).
	wantedMoved int64
	// gzip makes a gzip copy of each body kept in a file, once it is
	// whole, for the downloads that accept it (a feed is text that
	// compresses eight to ten times: the route under load is bound by
	// its bytes); gzDisk bytes of them, at most a quarter of diskLimit.
	gzip   bool
	gzDisk int64
	log    *slog.Logger
}

// Bounds of the rendered feeds: bodies up to spoolMemory stay in memory,
// feedMemLimit of them at most; larger ones go to files, feedDiskLimit of
// them at most: a national calendar's full feed (a million events, 800 MB,
// a minute to render on two cores) and every province's (together about
// as large; Tehran's 131 MB, ten seconds), where 128 MB kept neither the
// full feed nor Tehran's, so that each request rendered them again. They
// are on disk, never in the server's memory, and a fifth of that
// database's file. feedRenders feeds are rendered at once; the others wait
// for a turn, holding nothing.
const (
	spoolMemory   = 256 << 10
	spoolChunk    = 64 << 10 // what a file body grows by for its downloads
	feedMemLimit  = 8 << 20
	feedDiskLimit = 2 << 30
	feedRenders   = 2
)

// A render waits for a turn at most feedTurnWait. Once it runs, it has no
// time limit as long as it writes: one that writes nothing for
// feedRenderIdle (a database that gives no row) is ended. A national full
// feed renders for minutes under load, always writing.
const (
	feedTurnWait   = 2 * time.Minute
	feedRenderIdle = time.Minute
)

func newFeedBodies(memLimit, diskLimit int64, renders int, log *slog.Logger) *feedBodies {
	if log == nil {
		log = slog.Default()
	}
	return &feedBodies{kept: map[string]*feedBody{}, pending: map[string]*feedBody{}, wanted: map[feedJob]wantedFeed{},
		memLimit: memLimit, diskLimit: diskLimit, turns: make(chan struct{}, renders),
		turnWait: feedTurnWait, idle: feedRenderIdle, log: log, stopped: context.Background()}
}

// feedBody is one feed, rendered or being rendered, read with ReadAt by
// any number of downloads at once: a download waits (next) for the bytes
// it has not read yet. Its holders (the kept bodies, each download, its
// render while it runs) each count one in refs; the last to let go closes
// its file.
type feedBody struct {
	version int64 // the data version it was rendered at

	mu      sync.Mutex    // guards what follows, written by the render
	grew    chan struct{} // closed, and replaced, when written grows or the render ends
	written int64         // the bytes downloads may read
	done    bool          // the render has ended: written is the body's size
	err     error         // why it failed, once done
	data    []byte        // the body, when it is held in memory (once done)
	file    *os.File      // else its unlinked file, which grows as it renders
	// settled is closed once its render has ended and its gzip copy, when
	// one is made, is written: a render ahead waits for it, so that the
	// compression of a feed of hundreds of megabytes (seconds of a core)
	// is done when the renders ahead say they are.
	settled chan struct{}

	refs   int                // under feedBodies.mu
	cancel context.CancelFunc // ends its render, while it runs; under feedBodies.mu
	job    *feedJob           // what it is the feed of (nil: unknown, not rendered again)
	gz     *os.File           // its gzip copy, once made (compressBody); under mu
	gzSize int64              // its size; under mu
	asked  time.Time          // when a request asked for it (zero: rendered ahead); under feedBodies.mu
}

// wantedFeed is a wanted feed's last size, and when it was last asked for.
type wantedFeed struct {
	size  int64
	asked time.Time
}

func newFeedBody(version int64) *feedBody {
	return &feedBody{version: version, grew: make(chan struct{}), settled: make(chan struct{})}
}

// grow makes the body n bytes long for its downloads; with done, the
// render has ended (err: it failed). b.mu is held.
func (b *feedBody) grow(n int64, done bool, err error) {
	b.written, b.done, b.err = n, done, err
	close(b.grew)
	b.grew = make(chan struct{})
}

// next waits until the body holds more than off bytes or its render has
// ended, and returns how many it holds, whether it is whole, and why its
// render failed (or ctx's error when the caller gave up waiting).
func (b *feedBody) next(ctx context.Context, off int64) (n int64, done bool, err error) {
	for {
		b.mu.Lock()
		n, done, err, grew := b.written, b.done, b.err, b.grew
		b.mu.Unlock()
		if err != nil || n > off || done {
			return n, done, err
		}
		select {
		case <-grew:
		case <-ctx.Done():
			return n, false, ctx.Err()
		}
	}
}

// whole waits for the render to end and returns the body's size.
func (b *feedBody) whole(ctx context.Context) (int64, error) {
	for {
		b.mu.Lock()
		n, done, err, grew := b.written, b.done, b.err, b.grew
		b.mu.Unlock()
		if err != nil || done {
			return n, err
		}
		select {
		case <-grew:
		case <-ctx.Done():
			return n, ctx.Err()
		}
	}
}

// size returns the bytes the body holds so far.
func (b *feedBody) size() int64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.written
}

// ReadAt reads what the body holds so far (see next).
func (b *feedBody) ReadAt(p []byte, off int64) (int, error) {
	b.mu.Lock()
	data, file, n := b.data, b.file, b.written
	b.mu.Unlock()
	if off >= n {
		return 0, io.EOF
	}
	var eof error
	if int64(len(p)) > n-off {
		p, eof = p[:n-off], io.EOF
	}
	if file == nil {
		return copy(p, data[off:]), eof
	}
	k, err := file.ReadAt(p, off)
	if err == nil {
		err = eof
	}
	return k, err
}

// errRenderFailed wraps the error of a render that failed while its body
// was read.
var errRenderFailed = errors.New("feed: the render failed")

// copyTo writes the body to w from its start as its render writes it,
// until the render ends, and returns the bytes written. It fails when the
// render does (an error wrapping errRenderFailed: a body cut short must
// not look whole), when w does, or when ctx ends.
func (b *feedBody) copyTo(ctx context.Context, w io.Writer) (int64, error) {
	buf := make([]byte, 32<<10)
	var off int64
	for {
		n, done, err := b.next(ctx, off)
		if err != nil {
			if ctx.Err() == nil {
				err = fmt.Errorf("%w: %w", errRenderFailed, err)
			}
			return off, err
		}
		for off < n {
			k, err := b.ReadAt(buf[:min(int64(len(buf)), n-off)], off)
			if k > 0 {
				if _, werr := w.Write(buf[:k]); werr != nil {
					return off, werr
				}
				off += int64(k)
			}
			if err != nil && !errors.Is(err, io.EOF) {
				return off, err
			}
		}
		if done {
			return off, nil
		}
	}
}

// settle waits until b's render has ended and its gzip copy, when one is
// made, is written (see settled), or ctx ends.
func (b *feedBody) settle(ctx context.Context) error {
	select {
	case <-b.settled:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// inMemory reports whether the body is held in memory.
func (b *feedBody) inMemory() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.file == nil
}

// get returns the body kept under key for version, or the one being
// rendered for it, starting its render with render when there is none;
// the caller reads it as it grows (next, copyTo, whole) and must release
// it. The render runs detached from the callers' cancellation: it goes on,
// and is kept, when they leave, unless it could not be kept anyway.
func (f *feedBodies) get(ctx context.Context, version int64, key string, render func(context.Context, io.Writer) error) *feedBody {
	return f.getFor(ctx, version, key, nil, time.Time{}, render)
}

// getFor is get of the feed of job, which, once kept, is wanted: rendered
// again by warmFeeds when the data changes. asked is when a request asked
// for it (zero for a render ahead).
func (f *feedBodies) getFor(ctx context.Context, version int64, key string, job *feedJob, asked time.Time, render func(context.Context, io.Writer) error) *feedBody {
	f.mu.Lock()
	if job != nil && !asked.IsZero() {
		if w, ok := f.wanted[*job]; ok && asked.Sub(w.asked) > 0 {
			// The manifest need not move for every poll: by the hour.
			if asked.Sub(w.asked) >= time.Hour {
				f.wantedMoved++
			}
			w.asked = asked
			f.wanted[*job] = w
		}
	}
	defer f.mu.Unlock()
	if version > f.version {
		f.dropAll()
		f.version = version
	}
	if b, ok := f.kept[key]; ok && version == f.version {
		b.refs++
		return b
	}
	id := strconv.FormatInt(version, 10) + "|" + key
	if b, ok := f.pending[id]; ok {
		b.refs++
		b.asked = later(b.asked, asked)
		return b
	}
	b := newFeedBody(version)
	b.job, b.asked = job, asked
	b.refs = 2 // the caller and the render
	rctx, cancel := context.WithCancelCause(context.WithoutCancel(ctx))
	b.cancel = func() { cancel(errUnwanted) }
	f.pending[id] = b
	// A render outlives the download that began it, not the server.
	stop := context.AfterFunc(f.stopped, func() { cancel(errServerStopped) })
	f.renders.Add(1)
	go func() {
		defer f.renders.Done()
		defer stop()
		f.render(rctx, cancel, b, id, key, render)
	}()
	return b
}

// errUnwanted ends a render nobody reads that could not be kept.
var errUnwanted = errors.New("feed: the render is read by nobody and cannot be kept")

// errServerStopped ends the renders of a server stopping.
var errServerStopped = errors.New("feed: the server stops")

func (f *feedBodies) render(ctx context.Context, cancel context.CancelCauseFunc, b *feedBody, id, key string, render func(context.Context, io.Writer) error) {
	defer close(b.settled)
	defer cancel(nil)
	wait := time.NewTimer(f.turnWait)
	var s *spool
	var err error
	select {
	case f.turns <- struct{}{}:
		wait.Stop()
		s, err = f.spool(ctx, cancel, b, render)
		<-f.turns
	case <-wait.C:
		err = fmt.Errorf("feed: no turn to render in %s", f.turnWait)
	case <-ctx.Done():
		err = context.Cause(ctx)
	}
	// The body is whole (or failed) for its downloads only once it is
	// kept or not: a download that has read it all and lets go of it
	// then closes it when it is the last holder.
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.finish(err, s, b, id, key) && f.gzip {
		// Compressed while the render still holds it, outside the lock.
		f.mu.Unlock()
		f.compressBody(b, key)
		f.mu.Lock()
	}
	f.releaseLocked(b) // the render's hold
}

// finish ends the render of b (err: it failed) and keeps it when it can,
// reporting whether it kept a body held in a file. f.mu is held.
func (f *feedBodies) finish(err error, s *spool, b *feedBody, id, key string) bool {
	delete(f.pending, id)
	b.cancel = nil
	b.mu.Lock()
	if err != nil {
		b.grow(b.written, true, err)
	} else {
		if b.file == nil {
			b.data = s.mem
		}
		b.grow(s.size.Load(), true, nil)
	}
	b.mu.Unlock()
	if err == nil && f.keep(b.version, key, b) {
		b.refs++
		return !b.inMemory()
	}
	return false
}

// spool renders b: into memory up to spoolMemory, the rest into an
// unlinked temporary file (or, when no file can be made, memory) that its
// downloads read as it grows. A render that writes nothing for f.idle is
// ended.
func (f *feedBodies) spool(ctx context.Context, cancel context.CancelCauseFunc, b *feedBody, render func(context.Context, io.Writer) error) (*spool, error) {
	s := &spool{f: f, b: b}
	stop := watchRender(&s.size, f.idle, cancel)
	err := render(ctx, s)
	stop()
	if err == nil && s.file != nil {
		if err = s.flush(); err != nil {
			err = fmt.Errorf("feed: spool: %w", err)
		}
	}
	if err != nil {
		if cause := context.Cause(ctx); cause != nil && !errors.Is(err, cause) {
			err = fmt.Errorf("%w (%w)", err, cause)
		}
		return nil, err
	}
	if s.fileErr != nil {
		f.log.Warn("feed: no temporary file for a large feed, so it was kept in memory", "err", s.fileErr, "bytes", s.size.Load())
	}
	return s, nil
}

// errRenderIdle ends a render that wrote nothing for its idle time.
var errRenderIdle = errors.New("feed: the render wrote nothing for too long")

// watchRender ends a render (cancel) once written has not moved for idle,
// until the returned stop is called.
func watchRender(written *atomic.Int64, idle time.Duration, cancel context.CancelCauseFunc) (stop func()) {
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(idle)
		defer t.Stop()
		last := written.Load()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				n := written.Load()
				if n == last {
					cancel(errRenderIdle)
					return
				}
				last = n
			}
		}
	}()
	return func() { close(done) }
}

// unwanted reports whether the render of b can stop: only it holds b (no
// download reads it) and it would not be kept (a newer version came, or
// it is past the bound of bodies on disk). f.mu is held.
func (f *feedBodies) unwanted(b *feedBody) bool {
	if b.refs != 1 || b.cancel == nil {
		return false
	}
	return b.version != f.version || b.size() > f.diskLimit
}

// keep adds body to the kept ones under key, unless they have moved on to
// a newer version meanwhile or it is larger than their bound, dropping
// others to make room. It reports whether body is kept. f.mu is held.
func (f *feedBodies) keep(version int64, key string, body *feedBody) bool {
	held, limit := &f.disk, f.diskLimit
	inMemory := body.inMemory()
	if inMemory {
		held, limit = &f.mem, f.memLimit
	}
	size := body.size()
	if version != f.version || size > limit {
		return false
	}
	if old, ok := f.kept[key]; ok {
		f.forget(key, old)
	}
	for k, b := range f.kept {
		if *held+size <= limit {
			break
		}
		if b.inMemory() == inMemory {
			f.drop(k, b)
		}
	}
	f.kept[key] = body
	*held += size
	if body.job != nil {
		w := f.wanted[*body.job]
		if w.size != size || body.asked.After(w.asked) {
			f.wanted[*body.job] = wantedFeed{size: size, asked: later(w.asked, body.asked)}
			f.wantedMoved++
		}
	}
	return true
}

// drop lets go of the body kept under key, to make room: its feed is no
// longer wanted. f.mu is held.
func (f *feedBodies) drop(key string, b *feedBody) {
	if b.job != nil {
		delete(f.wanted, *b.job)
		f.wantedMoved++
	}
	f.forget(key, b)
}

// forget lets go of the body kept under key. f.mu is held.
func (f *feedBodies) forget(key string, b *feedBody) {
	delete(f.kept, key)
	if b.inMemory() {
		f.mem -= b.size()
	} else {
		f.disk -= b.size()
	}
	b.mu.Lock()
	f.gzDisk -= b.gzSize
	b.mu.Unlock()
	f.releaseLocked(b)
}

// dropAll lets go of every kept body, of a version gone: their feeds
// stay wanted. f.mu is held.
func (f *feedBodies) dropAll() {
	for k, b := range f.kept {
		f.forget(k, b)
	}
}

// want adds jobs (the manifest's of the last run) to the wanted feeds.
func (f *feedBodies) want(jobs map[feedJob]wantedFeed) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for j, w := range jobs {
		if _, ok := f.wanted[j]; !ok {
			f.wanted[j] = w
			f.wantedMoved++
		}
	}
}

// wantedJobs returns the wanted feeds' jobs, the smallest first (a
// province's feed before the full one), and how often they have changed.
func (f *feedBodies) wantedJobs() ([]feedJob, map[feedJob]wantedFeed, int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	sizes := maps.Clone(f.wanted)
	jobs := slices.Collect(maps.Keys(sizes))
	slices.SortFunc(jobs, func(a, b feedJob) int {
		if c := cmp.Compare(sizes[a].size, sizes[b].size); c != 0 {
			return c
		}
		return cmp.Compare(a.key(), b.key())
	})
	return jobs, sizes, f.wantedMoved
}

// unwant forgets a job that cannot be rendered (a window of years gone
// out of range) or that nobody asked for in feedWantedFor.
func (f *feedBodies) unwant(j feedJob) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.wanted[j]; ok {
		delete(f.wanted, j)
		f.wantedMoved++
	}
}

// release lets go of a body get returned.
func (f *feedBodies) release(b *feedBody) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.releaseLocked(b)
}

func (f *feedBodies) releaseLocked(b *feedBody) {
	b.refs--
	if f.unwanted(b) {
		b.cancel()
	}
	if b.refs == 0 {
		b.mu.Lock()
		if b.file != nil {
			b.file.Close()
			b.file = nil
		}
		if b.gz != nil {
			b.gz.Close()
			b.gz = nil
		}
		b.data = nil
		b.mu.Unlock()
	}
}

// held returns the bytes of the kept bodies in memory and in files.
func (f *feedBodies) held() (mem, disk int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.mem, f.disk
}

// spool is the io.Writer a body is rendered into: its first spoolMemory
// bytes in memory, then all of them in an unlinked temporary file, which
// the body's downloads read as it grows by spoolChunk.
type spool struct {
	f       *feedBodies
	b       *feedBody
	mem     []byte
	file    *os.File
	buf     []byte       // written after the file's flushed bytes
	flushed int64        // bytes in the file
	size    atomic.Int64 // bytes written (watched by watchRender)
	fileErr error        // making the file failed: everything stays in memory
}

func (s *spool) Write(p []byte) (int, error) {
	n := len(p)
	if s.file == nil && (s.fileErr != nil || len(s.mem)+len(p) <= spoolMemory) {
		s.mem = append(s.mem, p...)
		s.size.Add(int64(n))
		return n, nil
	}
	if s.file == nil {
		if s.fileErr = s.toFile(); s.fileErr != nil {
			return s.Write(p)
		}
	}
	for len(p) > 0 {
		k := copy(s.buf[len(s.buf):cap(s.buf)], p)
		s.buf, p = s.buf[:len(s.buf)+k], p[k:]
		s.size.Add(int64(k))
		if len(s.buf) == cap(s.buf) {
			if err := s.flush(); err != nil {
				return n - len(p), err
			}
		}
	}
	return n, nil
}

// toFile moves what is in memory to a new unlinked temporary file, and
// gives it to the body's downloads.
func (s *spool) toFile() error {
	f, err := os.CreateTemp(s.f.dir, "ruydad-feed-*")
	if err != nil {
		return err
	}
	// Unlinked at once: the file goes with its last reader, or with the
	// process, whatever happens.
	if err := os.Remove(f.Name()); err != nil {
		f.Close()
		return err
	}
	if _, err := f.Write(s.mem); err != nil {
		f.Close()
		return err
	}
	s.file, s.flushed, s.buf, s.mem = f, int64(len(s.mem)), make([]byte, 0, spoolChunk), nil
	s.b.mu.Lock()
	s.b.file = f
	s.b.grow(s.flushed, false, nil)
	s.b.mu.Unlock()
	return nil
}

// flush writes the buffered bytes to the file and lets the downloads read
// them; when nobody reads a body that could not be kept, its render ends.
func (s *spool) flush() error {
	if len(s.buf) == 0 {
		return nil
	}
	if _, err := s.file.Write(s.buf); err != nil {
		return err
	}
	s.flushed += int64(len(s.buf))
	s.buf = s.buf[:0]
	s.b.mu.Lock()
	s.b.grow(s.flushed, false, nil)
	s.b.mu.Unlock()
	s.f.mu.Lock()
	if s.f.unwanted(s.b) {
		s.b.cancel()
	}
	s.f.mu.Unlock()
	return nil
}

// compressBody makes the gzip copy of b, kept under key, into an unlinked
// file beside it, unless the copies already hold their bound. The copy is
// the same bytes for the same body (no name, no time in its header), so
// that its ETag (gzipETag) is as strong as the body's.
func (f *feedBodies) compressBody(b *feedBody, key string) {
	size := b.size()
	f.mu.Lock()
	room := f.gzDisk+size/4 <= f.diskLimit/4
	f.mu.Unlock()
	if !room {
		return
	}
	out, err := os.CreateTemp(f.dir, feedFilePrefix+"*")
	if err == nil {
		err = os.Remove(out.Name())
	}
	var n int64
	if err == nil {
		zw, _ := gzip.NewWriterLevel(out, gzip.BestSpeed) // a valid level: no error
		_, err = io.Copy(zw, io.NewSectionReader(b, 0, size))
		if cerr := zw.Close(); err == nil {
			err = cerr
		}
		n, _ = out.Seek(0, io.SeekCurrent)
	}
	if err != nil {
		if out != nil {
			out.Close()
		}
		f.log.Warn("feed: no gzip copy of a feed", "err", err)
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.kept[key] != b || f.gzDisk+n > f.diskLimit/4 {
		out.Close()
		return
	}
	b.mu.Lock()
	b.gz, b.gzSize = out, n
	b.mu.Unlock()
	f.gzDisk += n
}

// gzipped returns a reader of b's gzip copy, when it has one: its own
// file's offset where the system can send it (sendfile); close is called
// when done with it.
func (b *feedBody) gzipped() (r io.ReadSeeker, close func(), ok bool) {
	b.mu.Lock()
	gz, n := b.gz, b.gzSize
	b.mu.Unlock()
	if gz == nil {
		return nil, nil, false
	}
	if f := reopenFile(gz, n); f != nil {
		return f, func() { f.Close() }, true
	}
	return io.NewSectionReader(gz, 0, n), func() {}, true
}
