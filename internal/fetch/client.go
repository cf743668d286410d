// Package fetch reads the news an office watches: RSS, Atom and RDF feeds,
// and article pages (their main text, title, canonical URL and publication
// date). It is the only package that touches the network, and it does so
// safely by default: http and https only, no loopback, private, link-local
// or metadata address (checked on the address actually dialled, so on every
// redirect and after DNS), few redirects, a deadline and a size limit for the
// whole fetch, and the content type checked (issue 16).
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
)

// Options bound what a Client fetches.
type Options struct {
	AllowPrivate bool          // fetch loopback, private, link-local addresses too (tests; --allow-private-sources)
	Timeout      time.Duration // a whole fetch, redirects included; 0 means 10 s
	MaxBytes     int64         // a response body; 0 means 5 MB
	MaxRedirects int           // 0 means 5
	UserAgent    string        // "" means DefaultUserAgent
}

// The defaults of Options' zero fields.
const (
	DefaultTimeout      = 10 * time.Second
	DefaultMaxBytes     = 5 << 20
	DefaultMaxRedirects = 5
	DefaultUserAgent    = "ruydad/1 (+calendar of public relations)"
)

// Client fetches feeds and pages. It is safe for concurrent use.
type Client struct {
	o    Options
	http *http.Client
	// permit lets one dialled address through although it is not public:
	// the blocking's own tests use it to stand for a public host on loopback.
	permit func(netip.AddrPort) bool
}

// New returns a Client with o's limits (zero fields take the defaults).
func New(o Options) *Client {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = DefaultMaxRedirects
	}
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	c := &Client{o: o}
	dialer := &net.Dialer{Timeout: o.Timeout, KeepAlive: 30 * time.Second, Control: c.checkDial}
	transport := &http.Transport{
		Proxy:                  nil, // a proxy would be the address dialled, and hide the one fetched
		DialContext:            dialer.DialContext,
		ForceAttemptHTTP2:      true,
		MaxIdleConns:           32,
		MaxIdleConnsPerHost:    2,
		IdleConnTimeout:        90 * time.Second,
		TLSHandshakeTimeout:    o.Timeout,
		ResponseHeaderTimeout:  o.Timeout,
		MaxResponseHeaderBytes: 64 << 10,
	}
	c.http = &http.Client{Transport: transport, CheckRedirect: c.checkRedirect}
	return c
}

// blockedError is a dial refused: addr is not a public address.
type blockedError struct{ addr string }

func (e *blockedError) Error() string { return "address not allowed: " + e.addr }

// schemeError is a URL, or a redirect's, that is not http or https.
type schemeError struct{ scheme string }

func (e *schemeError) Error() string { return fmt.Sprintf("scheme %q not allowed", e.scheme) }

// redirectError is a redirect refused: too many, or back to a URL already
// visited.
type redirectError struct{ why string }

func (e *redirectError) Error() string { return e.why }

// checkDial runs on every connection the transport opens, with the resolved
// IP it is about to connect to: a name that resolves (or re-resolves) to a
// private address is refused here whatever it said before.
func (c *Client) checkDial(network, address string, _ syscall.RawConn) error {
	if c.o.AllowPrivate {
		return nil
	}
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return &blockedError{addr: address}
	}
	if c.permit != nil && c.permit(ap) {
		return nil
	}
	if !Public(ap.Addr()) {
		return &blockedError{addr: address}
	}
	return nil
}

func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if err := checkScheme(req.URL); err != nil {
		return err
	}
	if len(via) > c.o.MaxRedirects {
		return &redirectError{why: fmt.Sprintf("more than %d redirects", c.o.MaxRedirects)}
	}
	to := req.URL.String()
	for _, r := range via {
		if r.URL.String() == to {
			return &redirectError{why: "redirect loop back to " + to}
		}
	}
	return nil
}

func checkScheme(u *url.URL) error {
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		return nil
	}
	return &schemeError{scheme: u.Scheme}
}

// response is a successful GET: its final URL and its body, read whole
// within the size limit.
type response struct {
	url         *url.URL
	status      int // 200, or 304 to a conditional GET
	header      http.Header
	contentType string
	body        []byte
}

// get fetches rawURL within the client's limits, sending accept and the
// validators. Its errors are *domain.FetchError.
func (c *Client) get(ctx context.Context, rawURL, accept string, v domain.Validators) (*response, error) {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return nil, &domain.FetchError{Problem: domain.FetchNetwork, URL: rawURL, Err: err}
	}
	if err := checkScheme(u); err != nil {
		return nil, &domain.FetchError{Problem: domain.FetchScheme, URL: rawURL, Err: err}
	}
	if u.Host == "" {
		return nil, &domain.FetchError{Problem: domain.FetchNetwork, URL: rawURL, Err: errors.New("no host")}
	}
	ctx, cancel := context.WithTimeout(ctx, c.o.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, &domain.FetchError{Problem: domain.FetchNetwork, URL: rawURL, Err: err}
	}
	req.Header.Set("User-Agent", c.o.UserAgent)
	req.Header.Set("Accept", accept)
	req.Header.Set("Accept-Language", "fa, en;q=0.5")
	conditional := v.ETag != "" || v.LastModified != ""
	if v.ETag != "" {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, c.failure(ctx, rawURL, err)
	}
	defer resp.Body.Close()
	r := &response{url: resp.Request.URL, status: resp.StatusCode, header: resp.Header, contentType: resp.Header.Get("Content-Type")}
	switch {
	case resp.StatusCode == http.StatusOK:
	case resp.StatusCode == http.StatusNotModified && conditional:
		return r, nil
	default:
		return nil, &domain.FetchError{Problem: domain.FetchStatus, URL: rawURL, Status: resp.StatusCode}
	}
	if resp.ContentLength > c.o.MaxBytes {
		return nil, c.tooBig(rawURL)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.o.MaxBytes+1))
	if err != nil {
		return nil, c.failure(ctx, rawURL, err)
	}
	if int64(len(body)) > c.o.MaxBytes {
		return nil, c.tooBig(rawURL)
	}
	r.body = body
	return r, nil
}

func (c *Client) tooBig(rawURL string) error {
	return &domain.FetchError{Problem: domain.FetchTooBig, URL: rawURL, Err: fmt.Errorf("more than %d bytes", c.o.MaxBytes)}
}

// failure names the problem of a failed request or body read.
func (c *Client) failure(ctx context.Context, rawURL string, err error) error {
	var (
		blocked  *blockedError
		scheme   *schemeError
		redirect *redirectError
		netErr   net.Error
	)
	problem := domain.FetchNetwork
	switch {
	case errors.As(err, &blocked):
		problem = domain.FetchBlocked
	case errors.As(err, &scheme):
		problem = domain.FetchScheme
	case errors.As(err, &redirect):
		problem = domain.FetchRedirects
	case errors.Is(ctx.Err(), context.DeadlineExceeded), errors.Is(err, context.DeadlineExceeded),
		errors.As(err, &netErr) && netErr.Timeout():
		problem = domain.FetchTimeout
	}
	return &domain.FetchError{Problem: problem, URL: rawURL, Err: err}
}
