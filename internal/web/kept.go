package web

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strconv"
	"sync"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"
	"golang.org/x/sync/singleflight"

	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/views"
)

// keptBodies holds the rendered bodies of month and year pages (the part
// inside the layout, the same for every visitor) for one data version and
// one day. Any write, by this server or another process, moves the data
// version (db/migrations/0004) and so empties it; so does midnight in
// Tehran, which moves "today". Its size is bounded: when full, entries are
// dropped at random (a map's order) to make room.
type keptBodies struct {
	mu      sync.Mutex
	version int64
	day     jalali.Date
	bodies  map[string][]byte
	size    int // bytes held
	limit   int // bytes held at most

	flight singleflight.Group // one render per missing body, however many ask
}

// keptLimit bounds the bytes of kept bodies: about a hundred busy months.
const keptLimit = 16 << 20

func newKeptBodies(limit int) *keptBodies {
	return &keptBodies{bodies: map[string][]byte{}, limit: limit}
}

// get returns the body kept under key for version and day, rendering it
// with render when there is none. Concurrent callers missing the same body
// wait for one render.
func (k *keptBodies) get(version int64, day jalali.Date, key string, render func() ([]byte, error)) ([]byte, error) {
	if b, ok := k.lookup(version, day, key); ok {
		return b, nil
	}
	v, err, _ := k.flight.Do(strconv.FormatInt(version, 10)+"|"+day.String()+"|"+key, func() (any, error) {
		b, err := render()
		if err == nil {
			k.put(version, day, key, b)
		}
		return b, err
	})
	if err != nil {
		return nil, err
	}
	return v.([]byte), nil
}

func (k *keptBodies) lookup(version int64, day jalali.Date, key string) ([]byte, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if version > k.version || day != k.day {
		k.bodies, k.size, k.version, k.day = map[string][]byte{}, 0, version, day
	}
	b, ok := k.bodies[key]
	return b, ok && version == k.version
}

// put keeps b, unless the kept bodies have moved on to a newer version
// meanwhile (b was rendered from data at least as new as version, but is
// kept only under the version it was asked for).
func (k *keptBodies) put(version int64, day jalali.Date, key string, b []byte) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if version != k.version || day != k.day || len(b) > k.limit {
		return
	}
	for old, ob := range k.bodies {
		if k.size+len(b) <= k.limit {
			break
		}
		delete(k.bodies, old)
		k.size -= len(ob)
	}
	if old, ok := k.bodies[key]; ok {
		k.size -= len(old)
	}
	k.bodies[key] = b
	k.size += len(b)
}

// keptBody returns the body of a month or year page from the kept bodies,
// or renders it with render. key must name everything the body depends on
// besides the data and today. render runs detached from the request's
// cancellation: other requests may be waiting for its result. The body is
// shared: never write to it.
func (s *Server) keptBody(ctx context.Context, today jalali.Date, key string, render func(context.Context) ([]byte, error)) ([]byte, error) {
	v, err := s.dataVersion(ctx)
	if err != nil {
		return nil, err
	}
	return s.kept.get(v.n, today, key, func() ([]byte, error) { return render(context.WithoutCancel(ctx)) })
}

// dataVersion reads the store's data version once per request.
func (s *Server) dataVersion(ctx context.Context) (dataVersion, error) {
	st, _ := ctx.Value(reqKey{}).(*reqState)
	if st != nil && st.version != nil {
		return *st.version, nil
	}
	n, changed, err := s.app.DataVersion(ctx)
	if err != nil {
		return dataVersion{}, err
	}
	v := dataVersion{n, changed}
	if st != nil {
		st.version = &v
	}
	return v, nil
}

// renderBytes renders comp into a new byte slice.
func renderBytes(ctx context.Context, comp templ.Component) ([]byte, error) {
	var b bytes.Buffer
	if err := comp.Render(ctx, &b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// keptMarker stands for the body while the layout is rendered. Only
// templ.Raw can write it: anything from a person in the layout (a title, a
// user name) is escaped, "<" included.
const keptMarker = "<!--ruydad:kept-body-->"

// renderKept writes the visitor's own layout (p) around a kept body: the
// layout is rendered into a buffer with a marker where the body goes, then
// the part before the marker, the body and the rest are written with their
// total length, the body straight from the kept copy.
func (s *Server) renderKept(c echo.Context, p views.Page, body []byte) error {
	buf := buffers.Get().(*bytes.Buffer)
	buf.Reset()
	defer buffers.Put(buf)
	if err := views.KeptPage(p, keptMarker).Render(c.Request().Context(), buf); err != nil {
		return err
	}
	head, tail, ok := bytes.Cut(buf.Bytes(), []byte(keptMarker))
	if !ok {
		return errors.New("kept page: the layout lost the body's marker")
	}
	w := c.Response()
	w.Header().Set(echo.HeaderContentType, echo.MIMETextHTMLCharsetUTF8)
	w.Header().Set(echo.HeaderContentLength, strconv.Itoa(len(head)+len(body)+len(tail)))
	w.WriteHeader(http.StatusOK)
	for _, part := range [][]byte{head, body, tail} {
		if _, err := w.Write(part); err != nil {
			return err
		}
	}
	return nil
}
