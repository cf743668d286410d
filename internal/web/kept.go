package web

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"

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
	bodies  map[string]*keptEntry
	size    int // bytes held
	limit   int // bytes held at most

	flight singleflight.Group // one render per missing body, however many ask
}

// keptEntry is one kept body and, once a visitor whose layout holds nothing
// of their own (no name, no token: see keptLayout) was served it, the whole
// page that visitor got, which the next such visitor gets as it is. An
// entry never changes: wrapping a body replaces its entry by one with the
// page, whose body is then a slice of the page (held once).
type keptEntry struct {
	key    string
	body   []byte
	page   *keptPage
	served atomic.Bool // answered once already (renderKept makes the whole page at the second answer)
}

// keptPage is a whole page answer made once for every visitor of one layout.
type keptPage struct {
	layout views.Page
	bytes  []byte
	length []string // its Content-Length header, shared by every answer
}

// held is how many bytes the entry holds.
func (e *keptEntry) held() int {
	if e.page != nil {
		return len(e.page.bytes)
	}
	return len(e.body)
}

// keptLimit bounds the bytes of kept bodies: about a hundred busy months.
const keptLimit = 16 << 20

func newKeptBodies(limit int) *keptBodies {
	return &keptBodies{bodies: map[string]*keptEntry{}, limit: limit}
}

// get returns the body kept under key for version and day, rendering it
// with render when there is none. Concurrent callers missing the same body
// wait for one render.
func (k *keptBodies) get(version int64, day jalali.Date, key string, render func() ([]byte, error)) ([]byte, error) {
	e, err := k.entry(version, day, key, render)
	if err != nil {
		return nil, err
	}
	return e.body, nil
}

// entry is get, returning the body's entry: the one kept, or, when the
// body could not be kept (the kept bodies moved to a newer version
// meanwhile), one of its own.
func (k *keptBodies) entry(version int64, day jalali.Date, key string, render func() ([]byte, error)) (*keptEntry, error) {
	if e, ok := k.lookup(version, day, key); ok {
		return e, nil
	}
	v, err, _ := k.flight.Do(strconv.FormatInt(version, 10)+"|"+day.String()+"|"+key, func() (any, error) {
		b, err := render()
		if err != nil {
			return nil, err
		}
		e := &keptEntry{key: key, body: b}
		k.put(version, day, e)
		return e, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*keptEntry), nil
}

func (k *keptBodies) lookup(version int64, day jalali.Date, key string) (*keptEntry, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if version > k.version || day != k.day {
		k.bodies, k.size, k.version, k.day = map[string]*keptEntry{}, 0, version, day
	}
	e, ok := k.bodies[key]
	return e, ok && version == k.version
}

// put keeps e, unless the kept bodies have moved on to a newer version
// meanwhile (its body was rendered from data at least as new as version,
// but is kept only under the version it was asked for).
func (k *keptBodies) put(version int64, day jalali.Date, e *keptEntry) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if version != k.version || day != k.day || e.held() > k.limit {
		return
	}
	if old, ok := k.bodies[e.key]; ok {
		k.size -= old.held()
		delete(k.bodies, e.key)
	}
	k.makeRoom(e.held())
	k.bodies[e.key] = e
	k.size += e.held()
}

// makeRoom drops entries until n more bytes fit. k.mu is held.
func (k *keptBodies) makeRoom(n int) {
	for old, oe := range k.bodies {
		if k.size+n <= k.limit {
			return
		}
		delete(k.bodies, old)
		k.size -= oe.held()
	}
}

// wrap replaces e, when it is still the entry kept under its key, by one
// holding page (whose body part is e's body), so that the next visitors
// with page's layout get it whole.
func (k *keptBodies) wrap(e *keptEntry, page *keptPage, bodyAt int) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.bodies[e.key] != e || len(page.bytes) > k.limit {
		return
	}
	delete(k.bodies, e.key)
	k.size -= e.held()
	k.makeRoom(len(page.bytes))
	w := &keptEntry{key: e.key, body: page.bytes[bodyAt : bodyAt+len(e.body) : bodyAt+len(e.body)], page: page}
	k.bodies[e.key] = w
	k.size += w.held()
}

// keptBody returns the entry of a month or year page's body from the kept
// bodies, rendering the body with render when there is none. key must
// name everything the body depends on besides the data and today. render
// runs detached from the request's cancellation: other requests may be
// waiting for its result. The body is shared: never write to it.
func (s *Server) keptBody(ctx context.Context, today jalali.Date, key string, render func(context.Context) ([]byte, error)) (*keptEntry, error) {
	v, err := s.dataVersion(ctx)
	if err != nil {
		return nil, err
	}
	return s.kept.entry(v.n, today, key, func() ([]byte, error) { return render(context.WithoutCancel(ctx)) })
}

// dataVersion reads the store's data version once per request.
func (s *Server) dataVersion(ctx context.Context) (dataVersion, error) {
	st, _ := ctx.Value(reqKey{}).(*reqState)
	if st != nil && st.versionRead {
		return st.version, nil
	}
	n, changed, err := s.app.DataVersion(ctx)
	if err != nil {
		return dataVersion{}, err
	}
	v := dataVersion{n, changed}
	if st != nil {
		st.version, st.versionRead = v, true
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

// keptLayout is the layout of a kept page (page's), without the CSRF
// token when nobody is signed in: the layout then has no form (its one
// form is the signed-in user's logout), so the token would only cost an
// HMAC, and every visitor not signed in gets the same layout, kept whole
// with the body (see renderKept). The kept bodies hold no form either.
func (s *Server) keptLayout(c echo.Context, title, nav string) views.Page {
	if _, ok := currentUser(c); ok {
		return s.page(c, title, nav)
	}
	return s.untokenedPage(c, title, nav)
}

// sharedLayout reports whether layout p holds nothing of one visitor's
// own, so that the page it makes around a kept body can be kept with it.
// A flash (?done=, after a change) is a visitor's own too: a page kept
// with one would make every later visitor's layout differ from it.
func sharedLayout(p views.Page) bool {
	return p.User == "" && p.CSRF == "" && p.Alert == "" && p.Flash == ""
}

var htmlType = []string{echo.MIMETextHTMLCharsetUTF8}

// renderKept writes the visitor's own layout (p) around a kept body. A
// layout shared by every visitor not signed in (sharedLayout) is made once
// per body asked for twice: from the second answer on, the whole page is
// kept in e's stead and written in one piece with its length, ready. Any
// other, and the first answer, is rendered into a buffer with a marker
// where the body goes, then the part before the marker, the body and the
// rest are written with their total length, the body straight from the
// kept copy.
func (s *Server) renderKept(c echo.Context, p views.Page, e *keptEntry) error {
	w := c.Response()
	h := w.Header()
	shared := sharedLayout(p)
	if pg := e.page; shared && pg != nil && pg.layout == p {
		h[echo.HeaderContentType] = htmlType
		h[echo.HeaderContentLength] = pg.length
		w.WriteHeader(http.StatusOK)
		_, err := w.Write(pg.bytes)
		return err
	}
	var head, tail []byte
	if shared {
		l, err := sharedLayouts.parts(c.Request().Context(), p)
		if err != nil {
			return err
		}
		head, tail = l.head, l.tail
	} else {
		buf := buffers.Get().(*bytes.Buffer)
		buf.Reset()
		defer buffers.Put(buf)
		var err error
		if head, tail, err = layoutParts(c.Request().Context(), p, buf); err != nil {
			return err
		}
	}
	n := len(head) + len(e.body) + len(tail)
	length := []string{strconv.Itoa(n)}
	h[echo.HeaderContentType] = htmlType
	h[echo.HeaderContentLength] = length
	// The whole page is made for a body asked for again, not for one
	// answered once (most of the bodies of a month's many filters are):
	// that copy of the body and its layout was a fifth of a cold page's
	// memory.
	if shared && e.page == nil && e.served.Swap(true) {
		page := make([]byte, 0, n)
		page = append(append(append(page, head...), e.body...), tail...)
		s.kept.wrap(e, &keptPage{layout: p, bytes: page, length: length}, len(head))
		w.WriteHeader(http.StatusOK)
		_, err := w.Write(page)
		return err
	}
	w.WriteHeader(http.StatusOK)
	for _, part := range [][]byte{head, e.body, tail} {
		if _, err := w.Write(part); err != nil {
			return err
		}
	}
	return nil
}

// layoutParts renders layout p into buf around keptMarker, and returns
// the parts before and after it (slices of buf).
func layoutParts(ctx context.Context, p views.Page, buf *bytes.Buffer) (head, tail []byte, err error) {
	if err := views.KeptPage(p, keptMarker).Render(ctx, buf); err != nil {
		return nil, nil, err
	}
	head, tail, ok := bytes.Cut(buf.Bytes(), []byte(keptMarker))
	if !ok {
		return nil, nil, errors.New("kept page: the layout lost the body's marker")
	}
	return head, tail, nil
}

// A keptLayouts holds the layouts shared by every visitor not signed in
// (sharedLayout), each rendered once, as the parts before and after the
// body: a page answered around a kept body for the first time (most of
// the bodies of a month's many filters, which are answered once) rendered
// its layout, a twentieth of a cold province's month (issue 18). A layout
// depends on its Page alone, whatever the data; their number is bounded
// (all are dropped when it is reached: a month's and a year's titles are a
// few hundred in use).
type keptLayouts struct {
	mu      sync.Mutex
	layouts map[views.Page]*keptLayoutParts
}

// keptLayoutParts is a layout's parts before and after the body.
type keptLayoutParts struct{ head, tail []byte }

// keptLayoutsLimit bounds the layouts kept.
const keptLayoutsLimit = 512

var sharedLayouts keptLayouts

// parts returns layout p's parts, rendered once.
func (k *keptLayouts) parts(ctx context.Context, p views.Page) (*keptLayoutParts, error) {
	k.mu.Lock()
	l, ok := k.layouts[p]
	k.mu.Unlock()
	if ok {
		return l, nil
	}
	var buf bytes.Buffer
	head, tail, err := layoutParts(ctx, p, &buf)
	if err != nil {
		return nil, err
	}
	l = &keptLayoutParts{head: head, tail: tail}
	k.mu.Lock()
	if k.layouts == nil || len(k.layouts) >= keptLayoutsLimit {
		k.layouts = map[views.Page]*keptLayoutParts{}
	}
	k.layouts[p] = l
	k.mu.Unlock()
	return l, nil
}
