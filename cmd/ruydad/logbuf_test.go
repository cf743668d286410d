package main

import (
	"bytes"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"
)

// countingBuffer is a bytes.Buffer safe for the flusher's goroutine.
type countingBuffer struct {
	mu     sync.Mutex
	b      bytes.Buffer
	writes int
}

func (s *countingBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.writes++
	return s.b.Write(p)
}

func (s *countingBuffer) String() (string, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String(), s.writes
}

// TestLogBuffer: request lines go out together (one write for many), a
// warning at once with what came before it, everything at Close, and a
// full buffer before it overflows.
func TestLogBuffer(t *testing.T) {
	var out countingBuffer
	buf := newLogBuffer(&out, time.Hour) // no periodic flush in this test
	log := slog.New(flushOnWarn{slog.NewTextHandler(buf, nil), buf}).With("server", "test")
	for i := range 100 {
		log.Info("request", "n", i)
	}
	if s, _ := out.String(); s != "" {
		t.Fatalf("info lines written before a flush: %q", s)
	}
	log.Warn("disk nearly full")
	s, writes := out.String()
	if writes != 1 || strings.Count(s, "msg=request") != 100 || !strings.HasSuffix(s, "msg=\"disk nearly full\" server=test\n") {
		t.Errorf("after a warning: %d writes, %d request lines, ends %q", writes, strings.Count(s, "msg=request"), s[max(0, len(s)-60):])
	}
	big := strings.Repeat("x", logBufferSize/2)
	log.Info("big", "v", big)
	log.Info("big", "v", big) // does not fit with the first: the first goes out
	if _, w := out.String(); w != 2 {
		t.Errorf("%d writes after overflowing the buffer, want 2", w)
	}
	log.Info("last")
	if err := buf.Close(); err != nil {
		t.Fatal(err)
	}
	if s, _ := out.String(); !strings.HasSuffix(s, "msg=last server=test\n") || strings.Count(s, "msg=big") != 2 {
		t.Errorf("Close left lines unwritten: ends %q", s[max(0, len(s)-60):])
	}
}

// TestLogBufferFlushesOnItsOwn: a quiet server's lines still go out.
func TestLogBufferFlushesOnItsOwn(t *testing.T) {
	var out countingBuffer
	buf := newLogBuffer(&out, 10*time.Millisecond)
	defer buf.Close()
	slog.New(slog.NewTextHandler(buf, nil)).Info("serving")
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if s, _ := out.String(); strings.Contains(s, "msg=serving") {
			return
		}
	}
	t.Error("a line was never written out")
}
