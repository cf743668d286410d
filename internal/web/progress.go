package web

import (
	"context"
	"errors"
	"net"
	"net/http"
	"sync/atomic"
	"time"
)

// connKey keys a request's connection in its context (see ConnContext).
type connKey struct{}

// ConnContext is for http.Server.ConnContext: it gives each request its
// connection, from which a long download's progress is read (how many
// bytes the client has acknowledged). Without it, progress is what the
// server has written.
func ConnContext(ctx context.Context, c net.Conn) context.Context {
	return context.WithValue(ctx, connKey{}, c)
}

// progressWriter is a response whose client may take as long as it needs,
// as long as it keeps taking: see watch.
type progressWriter struct {
	http.ResponseWriter
	written  atomic.Int64
	encoding string // the Content-Encoding of a 200 or 206 answer's body, named by WriteHeader; "" for none
}

// WriteHeader names w's encoding on a 200 or 206 answer (a body of the
// encoded bytes, or a range of them), then sends the header.
func (w *progressWriter) WriteHeader(code int) {
	if w.encoding != "" && (code == http.StatusOK || code == http.StatusPartialContent) {
		w.Header().Set("Content-Encoding", w.encoding)
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *progressWriter) Write(p []byte) (int, error) {
	n, err := w.ResponseWriter.Write(p)
	w.written.Add(int64(n))
	return n, err
}

// Unwrap lets http.ResponseController reach the connection.
func (w *progressWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// watch keeps the connection of w open while its client makes progress,
// until the returned stop is called. It sets the connection's read and
// write deadlines idle ahead, and looks every idle/4: if the client has
// taken anything since the last look (bytes it acknowledged, where the
// system tells: TCP_INFO on Linux; else bytes written to the connection),
// the deadlines move idle ahead again. So a steady download, however slow
// and long, is never cut off (neither by the server's WriteTimeout nor by
// its ReadTimeout, which would otherwise cancel the request once passed),
// and one that takes nothing for idle is.
//
// Progress is not measured per write: a write blocks until the client
// has drained much of the socket's buffer (several megabytes on a fast
// link), which takes a reader at 64 KB/s longer than any sane idle time.
func (w *progressWriter) watch(ctx context.Context, idle time.Duration) (stop func()) {
	rc := http.NewResponseController(w)
	conn, _ := ctx.Value(connKey{}).(net.Conn)
	extend := func() {
		d := time.Now().Add(idle)
		if err := rc.SetWriteDeadline(d); err != nil && !errors.Is(err, http.ErrNotSupported) {
			return
		}
		rc.SetReadDeadline(d)
	}
	progress := func() int64 { return w.written.Load() + acked(conn) }
	extend()
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(max(idle/4, 10*time.Millisecond))
		defer t.Stop()
		last := progress()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if p := progress(); p != last {
					last = p
					extend()
				}
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}
