package web

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"sync"
	"time"
)

// feedBodies holds rendered feeds for one data version, so that a feed is
// rendered once per version and query, however many subscribers download
// it and however slowly. Rendering is the only part that reads the
// database (one snapshot, so that a feed never shows an event twice or
// half-edited) and it takes a turn (renders at once are bounded); serving
// a rendered body holds neither a turn nor a connection to the database,
// so slow subscribers never wait for each other.
//
// A body's first spoolMemory bytes are kept in memory; a larger one (a full
// feed of 20,000 events is about 17 MB) goes to an unlinked temporary file,
// so that the server's memory does not grow with the size of the feeds or
// the number of their readers: each download costs its copy buffer. The
// bodies kept are bounded in memory and on disk; a body dropped while
// downloads still read it stays open until the last one ends.
type feedBodies struct {
	mu      sync.Mutex
	version int64
	kept    map[string]*feedBody
	mem     int64 // bytes of the kept bodies held in memory
	disk    int64 // bytes of the kept bodies held in files
	pending map[string]*feedRender

	memLimit, diskLimit int64
	turns               chan struct{} // a token for each feed being rendered
	dir                 string        // where files go ("": os.TempDir)
	log                 *slog.Logger
}

// Bounds of the rendered feeds: bodies up to spoolMemory stay in memory,
// feedMemLimit of them at most; larger ones go to files, feedDiskLimit of
// them at most (about seven full feeds). feedRenders feeds are rendered at
// once; the others wait for a turn, holding nothing.
const (
	spoolMemory   = 256 << 10
	feedMemLimit  = 8 << 20
	feedDiskLimit = 128 << 20
	feedRenders   = 2
)

func newFeedBodies(memLimit, diskLimit int64, renders int, log *slog.Logger) *feedBodies {
	if log == nil {
		log = slog.Default()
	}
	return &feedBodies{kept: map[string]*feedBody{}, pending: map[string]*feedRender{},
		memLimit: memLimit, diskLimit: diskLimit, turns: make(chan struct{}, renders), log: log}
}

// feedBody is one rendered feed, read with ReadAt by any number of
// downloads at once. Its holders (the kept bodies, each download) each
// count one in refs; the last to let go closes its file.
type feedBody struct {
	data []byte   // the body, when it is held in memory
	file *os.File // else its unlinked file
	size int64
	refs int // under feedBodies.mu
}

func (b *feedBody) ReadAt(p []byte, off int64) (int, error) {
	if b.file != nil {
		return b.file.ReadAt(p, off)
	}
	if off >= int64(len(b.data)) {
		return 0, io.EOF
	}
	n := copy(p, b.data[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// inMemory reports whether the body is held in memory.
func (b *feedBody) inMemory() bool { return b.file == nil }

// feedRender is a render under way, which every request asking for the
// same body waits for.
type feedRender struct {
	done    chan struct{}
	waiters int // requests waiting for it, under feedBodies.mu
	body    *feedBody
	err     error
}

// get returns the body kept under key for version, rendering it with
// render when there is none; the caller must release it. Concurrent callers
// missing the same body wait for one render, which runs detached from
// their cancellation (it goes on, and is kept, when they leave).
func (f *feedBodies) get(ctx context.Context, version int64, key string, render func(context.Context, io.Writer) error) (*feedBody, error) {
	f.mu.Lock()
	if version > f.version {
		f.dropAll()
		f.version = version
	}
	if b, ok := f.kept[key]; ok && version == f.version {
		b.refs++
		f.mu.Unlock()
		return b, nil
	}
	id := strconv.FormatInt(version, 10) + "|" + key
	r, ok := f.pending[id]
	if !ok {
		r = &feedRender{done: make(chan struct{})}
		f.pending[id] = r
		go f.render(context.WithoutCancel(ctx), r, id, version, key, render)
	}
	r.waiters++
	f.mu.Unlock()
	select {
	case <-r.done:
		return r.body, r.err // the render counted this request among the body's holders
	case <-ctx.Done():
		go func() {
			<-r.done
			if r.body != nil {
				f.release(r.body)
			}
		}()
		return nil, ctx.Err()
	}
}

// feedRenderTimeout bounds one render (a full feed takes about a second).
const feedRenderTimeout = 2 * time.Minute

func (f *feedBodies) render(ctx context.Context, r *feedRender, id string, version int64, key string, render func(context.Context, io.Writer) error) {
	ctx, cancel := context.WithTimeout(ctx, feedRenderTimeout)
	defer cancel()
	var body *feedBody
	var err error
	select {
	case f.turns <- struct{}{}:
		body, err = f.spool(ctx, render)
		<-f.turns
	case <-ctx.Done():
		err = ctx.Err()
	}
	f.mu.Lock()
	delete(f.pending, id)
	if err == nil {
		body.refs = r.waiters
		if f.keep(version, key, body) {
			body.refs++
		}
	}
	r.body, r.err = body, err
	f.mu.Unlock()
	close(r.done)
}

// spool renders a body: into memory up to spoolMemory, the rest into an
// unlinked temporary file (or, when no file can be made, memory).
func (f *feedBodies) spool(ctx context.Context, render func(context.Context, io.Writer) error) (*feedBody, error) {
	s := &spool{dir: f.dir}
	if err := render(ctx, s); err != nil {
		s.discard()
		return nil, err
	}
	if s.fileErr != nil {
		f.log.Warn("feed: no temporary file for a large feed, so it was kept in memory", "err", s.fileErr, "bytes", s.size)
	}
	return s.body()
}

// keep adds body to the kept ones under key, unless they have moved on to
// a newer version meanwhile or it is larger than their bound, dropping
// others to make room. It reports whether body is kept. f.mu is held.
func (f *feedBodies) keep(version int64, key string, body *feedBody) bool {
	held, limit := &f.disk, f.diskLimit
	if body.inMemory() {
		held, limit = &f.mem, f.memLimit
	}
	if version != f.version || body.size > limit {
		return false
	}
	if old, ok := f.kept[key]; ok {
		f.drop(key, old)
	}
	for k, b := range f.kept {
		if *held+body.size <= limit {
			break
		}
		if b.inMemory() == body.inMemory() {
			f.drop(k, b)
		}
	}
	f.kept[key] = body
	*held += body.size
	return true
}

// drop lets go of the body kept under key. f.mu is held.
func (f *feedBodies) drop(key string, b *feedBody) {
	delete(f.kept, key)
	if b.inMemory() {
		f.mem -= b.size
	} else {
		f.disk -= b.size
	}
	f.releaseLocked(b)
}

// dropAll lets go of every kept body. f.mu is held.
func (f *feedBodies) dropAll() {
	for k, b := range f.kept {
		f.drop(k, b)
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
	if b.refs == 0 && b.file != nil {
		b.file.Close()
		b.file = nil
		b.data = nil
	}
}

// held returns the bytes of the kept bodies in memory and in files.
func (f *feedBodies) held() (mem, disk int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.mem, f.disk
}

// spool is an io.Writer keeping its first spoolMemory bytes in memory and
// the rest, with them, in an unlinked temporary file.
type spool struct {
	dir     string
	mem     []byte
	file    *os.File
	w       *bufio.Writer
	size    int64
	fileErr error // making the file failed: everything stays in memory
}

func (s *spool) Write(p []byte) (int, error) {
	if s.file == nil && (s.fileErr != nil || len(s.mem)+len(p) <= spoolMemory) {
		s.mem = append(s.mem, p...)
		s.size += int64(len(p))
		return len(p), nil
	}
	if s.file == nil {
		if s.fileErr = s.toFile(); s.fileErr != nil {
			return s.Write(p)
		}
	}
	n, err := s.w.Write(p)
	s.size += int64(n)
	return n, err
}

// toFile moves what is in memory to a new unlinked temporary file.
func (s *spool) toFile() error {
	f, err := os.CreateTemp(s.dir, "ruydad-feed-*")
	if err != nil {
		return err
	}
	// Unlinked at once: the file goes with its last reader, or with the
	// process, whatever happens.
	if err := os.Remove(f.Name()); err != nil {
		f.Close()
		return err
	}
	w := bufio.NewWriterSize(f, 64<<10)
	if _, err := w.Write(s.mem); err != nil {
		f.Close()
		return err
	}
	s.file, s.w, s.mem = f, w, nil
	return nil
}

// body returns what was written as a body (holders are counted by its
// render).
func (s *spool) body() (*feedBody, error) {
	if s.file == nil {
		return &feedBody{data: s.mem, size: s.size}, nil
	}
	if err := s.w.Flush(); err != nil {
		s.discard()
		return nil, fmt.Errorf("feed: spool: %w", err)
	}
	return &feedBody{file: s.file, size: s.size}, nil
}

func (s *spool) discard() {
	if s.file != nil {
		s.file.Close()
		s.file = nil
	}
	s.mem = nil
}
