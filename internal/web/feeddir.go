package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// FeedDir is the folder the rendered feeds are kept in (Config.Feeds):
// beside the database by default (ruydad.db.feeds), on disk rather than
// in a temporary folder that may be memory, holding the bodies larger
// than spoolMemory (feedDiskLimit of them at most) as unlinked files, and
// a manifest of the feeds kept (feeds.json) so that the next start
// renders them again before subscribers ask.
//
// One server uses it at a time: it holds the folder's lock file while it
// runs. A second server given the same folder by mistake keeps its feeds
// in a folder of its own inside it (also-*), removed when it stops, and
// leaves the manifest to the first. At start, what an earlier server left
// (files of feeds it was writing when it died, the folders of second
// servers no longer running) is removed.
type FeedDir struct {
	path     string // where the bodies go
	manifest string // the manifest's path; "" for a second server
	lock     *os.File
	own      string // a second server's own folder, removed at Close
	ctx      context.Context
	stop     context.CancelFunc
	done     chan struct{}   // closed when warmFeeds has returned
	started  atomic.Bool     // a server runs warmFeeds
	warmed   atomic.Int64    // the data version its feeds were last rendered ahead for
	renders  *sync.WaitGroup // the server's feed renders, which end when ctx does
	log      *slog.Logger
	jobs     map[feedJob]wantedFeed // the manifest read at start
}

const (
	feedLockName     = "lock"
	feedManifestName = "feeds.json"
	feedFilePrefix   = "ruydad-feed-"
	feedOwnPrefix    = "also-"
)

// DefaultFeedDir is the feed folder of the database at db: beside it.
func DefaultFeedDir(db string) string { return db + ".feeds" }

// OpenFeedDir takes the feed folder at path, making it when it does not
// exist.
func OpenFeedDir(path string, log *slog.Logger) (*FeedDir, error) {
	if log == nil {
		log = slog.Default()
	}
	if err := os.MkdirAll(path, 0o700); err != nil {
		return nil, fmt.Errorf("feed folder: %w", err)
	}
	lock, mine, err := takeLock(path)
	if err != nil {
		return nil, fmt.Errorf("feed folder %s: %w", path, err)
	}
	d := &FeedDir{path: path, log: log, done: make(chan struct{})}
	d.ctx, d.stop = context.WithCancel(context.Background())
	if !mine {
		lock.Close()
		own, err := os.MkdirTemp(path, feedOwnPrefix)
		if err != nil {
			return nil, fmt.Errorf("feed folder %s: %w", path, err)
		}
		if lock, mine, err = takeLock(own); err != nil || !mine {
			os.RemoveAll(own)
			return nil, fmt.Errorf("feed folder %s: cannot lock a folder of its own: %v", path, err)
		}
		log.Warn("another ruydad server keeps its feeds in this folder: this one keeps its own apart, in a folder it removes when it stops",
			"feed_dir", path, "own", own)
		d.path, d.own, d.lock = own, own, lock
		return d, nil
	}
	d.lock, d.manifest = lock, filepath.Join(path, feedManifestName)
	d.clean()
	d.jobs = d.readManifest()
	return d, nil
}

// takeLock opens dir's lock file and takes its lock: mine is false when
// another server holds it.
func takeLock(dir string) (lock *os.File, mine bool, err error) {
	lock, err = os.OpenFile(filepath.Join(dir, feedLockName), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, false, err
	}
	if mine, err = lockFile(lock); err != nil {
		lock.Close()
		return nil, false, err
	}
	if mine {
		// Who holds it, for whoever looks.
		if err := lock.Truncate(0); err == nil {
			lock.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
		}
	}
	return lock, mine, nil
}

// clean removes what earlier servers left: the files of feeds being
// written when they ended, and the folders of second servers no longer
// running (whose lock is free).
func (d *FeedDir) clean() {
	entries, err := os.ReadDir(d.path)
	if err != nil {
		d.log.Warn("feed folder: cannot list it to clean it", "err", err)
		return
	}
	for _, e := range entries {
		name := e.Name()
		p := filepath.Join(d.path, name)
		switch {
		case strings.HasPrefix(name, feedFilePrefix) || strings.HasPrefix(name, feedManifestName+".tmp"):
			if err := os.Remove(p); err != nil {
				d.log.Warn("feed folder: cannot remove a stale file", "file", p, "err", err)
			}
		case e.IsDir() && strings.HasPrefix(name, feedOwnPrefix):
			lock, mine, err := takeLock(p)
			if err != nil || !mine {
				if lock != nil {
					lock.Close()
				}
				continue // a second server still running
			}
			if err := os.RemoveAll(p); err != nil {
				d.log.Warn("feed folder: cannot remove a stale folder", "folder", p, "err", err)
			}
			lock.Close()
		}
	}
}

// manifestEntry is one feed of the manifest.
type manifestEntry struct {
	Job   feedJob   `json:"job"`
	Size  int64     `json:"size"`
	Asked time.Time `json:"asked"`
}

// readManifest reads the feeds kept by the last run; none when there is
// no manifest or it cannot be read (it is only a hint).
func (d *FeedDir) readManifest() map[feedJob]wantedFeed {
	data, err := os.ReadFile(d.manifest)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	var entries []manifestEntry
	if err == nil {
		err = json.Unmarshal(data, &entries)
	}
	if err != nil {
		d.log.Warn("feed folder: the list of feeds kept could not be read; they are rendered when asked for", "file", d.manifest, "err", err)
		return nil
	}
	jobs := make(map[feedJob]wantedFeed, len(entries))
	for _, e := range entries[:min(len(entries), maxManifestFeeds)] {
		jobs[e.Job] = wantedFeed{size: e.Size, asked: e.Asked}
	}
	return jobs
}

// maxManifestFeeds bounds the feeds read from a manifest (a kept body
// takes at least a few kilobytes of the 8 MB held in memory: a manifest
// of more was not written by ruydad).
const maxManifestFeeds = 4096

// writeManifest writes the feeds kept, whole or not at all.
func (d *FeedDir) writeManifest(jobs []feedJob, wanted map[feedJob]wantedFeed) error {
	if d.manifest == "" {
		return nil
	}
	entries := make([]manifestEntry, len(jobs))
	for i, j := range jobs {
		entries[i] = manifestEntry{Job: j, Size: wanted[j].size, Asked: wanted[j].asked}
	}
	data, err := json.Marshal(entries)
	if err != nil {
		return err
	}
	tmp := d.manifest + ".tmp"
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, d.manifest)
}

// Close stops the feeds' renders ahead, and lets go of the folder (a
// second server removes its own).
//
// It stops the server's renders of feeds and waits for them (and for
// warmFeeds), 10 s at most: a render still reading the database when it
// closes would keep its write-ahead log, and the next start would check
// the whole file before serving.
func (d *FeedDir) Close() error {
	d.stop()
	ended := make(chan struct{})
	go func() {
		if d.started.Load() {
			<-d.done
		}
		if d.renders != nil {
			d.renders.Wait()
		}
		close(ended)
	}()
	select {
	case <-ended:
	case <-time.After(10 * time.Second):
	}
	if d.own != "" {
		os.RemoveAll(d.own)
	}
	return d.lock.Close()
}
