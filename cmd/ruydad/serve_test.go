package main

import (
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
)

func TestServeBaseURLAndSecureCookies(t *testing.T) {
	for _, tt := range []struct {
		name   string
		env    map[string]string
		args   []string
		base   string
		secure bool
	}{
		{"nothing set", nil, nil, "", false},
		{"from the environment", map[string]string{"RUYDAD_BASE_URL": "https://cal.example.ir/"}, nil, "https://cal.example.ir", true},
		{"the flag wins", map[string]string{"RUYDAD_BASE_URL": "https://cal.example.ir"}, []string{"--base-url", "http://10.0.0.5:8080"}, "http://10.0.0.5:8080", false},
		{"scheme in capitals", nil, []string{"--base-url", "HTTPS://Cal.Example.ir"}, "https://Cal.Example.ir", true},
		{"IPv6", nil, []string{"--base-url", "http://[::1]:8080/"}, "http://[::1]:8080", false},
		{"secure cookies from the environment", map[string]string{"RUYDAD_SECURE_COOKIES": "1"}, nil, "", true},
		{"secure cookies off by flag", map[string]string{"RUYDAD_SECURE_COOKIES": "true"}, []string{"--secure-cookies=false"}, "", false},
		{"https, secure cookies off by flag", nil, []string{"--base-url", "https://cal.example.ir", "--secure-cookies=false"}, "https://cal.example.ir", false},
		{"https, secure cookies off by the environment", map[string]string{"RUYDAD_SECURE_COOKIES": "0"}, []string{"--base-url", "https://cal.example.ir"}, "https://cal.example.ir", false},
		{"http, secure cookies on by flag", nil, []string{"--base-url", "http://cal.example.ir", "--secure-cookies"}, "http://cal.example.ir", true},
	} {
		c, err := parseServe(tt.args, func(k string) string { return tt.env[k] }, io.Discard)
		if err != nil || c.baseURL != tt.base || c.secure != tt.secure {
			t.Errorf("%s: base %q, secure %v, %v; want %q, %v", tt.name, c.baseURL, c.secure, err, tt.base, tt.secure)
		}
	}
}

// Issue 14, item 3: --trusted-proxy (or RUYDAD_TRUSTED_PROXY) names the
// proxies whose X-Forwarded-For counts; by default none does.
func TestServeTrustedProxies(t *testing.T) {
	for _, tt := range []struct {
		env  map[string]string
		args []string
		want string // the prefixes, or the error
	}{
		{nil, nil, "[]"},
		{nil, []string{"--trusted-proxy", "127.0.0.1"}, "[127.0.0.1/32]"},
		{nil, []string{"--trusted-proxy", "10.1.2.3/8, ::1 ,fd00::/8"}, "[10.0.0.0/8 ::1/128 fd00::/8]"},
		{map[string]string{"RUYDAD_TRUSTED_PROXY": "192.168.0.0/16"}, nil, "[192.168.0.0/16]"},
		{map[string]string{"RUYDAD_TRUSTED_PROXY": "192.168.0.0/16"}, []string{"--trusted-proxy", ""}, "[]"},
		{nil, []string{"--trusted-proxy", "proxy.local"}, `--trusted-proxy: "proxy.local" is neither an IP address nor a CIDR range`},
		{nil, []string{"--trusted-proxy", "10.0.0.0/33"}, `"10.0.0.0/33" is neither`},
	} {
		c, err := parseServe(tt.args, func(k string) string { return tt.env[k] }, io.Discard)
		got := fmt.Sprint(c.proxies)
		if err != nil {
			got = err.Error()
		}
		if !strings.Contains(got, tt.want) {
			t.Errorf("%v %v: %s, want %s", tt.env, tt.args, got, tt.want)
		}
	}
}

func TestServeRefusesABadBaseURL(t *testing.T) {
	for _, tt := range []struct {
		env  map[string]string
		args []string
		want string // in the error
	}{
		{nil, []string{"--base-url", "cal.example.ir"}, "--base-url: \"cal.example.ir\" must be an absolute http:// or https:// URL"},
		{nil, []string{"--base-url", "ftp://cal.example.ir"}, "absolute http:// or https://"},
		{nil, []string{"--base-url", "https://"}, "names no host"},
		{nil, []string{"--base-url", "https://:8080"}, "names no host"},
		{nil, []string{"--base-url", "https://cal.example.ir/ruydad"}, "must not have a path"},
		{nil, []string{"--base-url", "https://cal.example.ir/?x=1"}, "must not have a query"},
		{nil, []string{"--base-url", "https://cal.example.ir?"}, "must not have a query"},
		{nil, []string{"--base-url", "https://cal.example.ir/#top"}, "must not have a fragment"},
		{nil, []string{"--base-url", "https://me:pw@cal.example.ir"}, "user name or password"},
		{nil, []string{"--base-url", "https://cal example.ir"}, "not a URL"},
		{map[string]string{"RUYDAD_BASE_URL": "cal.example.ir"}, nil, "RUYDAD_BASE_URL: \"cal.example.ir\""},
		{map[string]string{"RUYDAD_SECURE_COOKIES": "yes"}, nil, "RUYDAD_SECURE_COOKIES=\"yes\": want 1 or 0"},
	} {
		_, err := parseServe(tt.args, func(k string) string { return tt.env[k] }, io.Discard)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v %v: %v, want an error with %q", tt.env, tt.args, err, tt.want)
		}
	}
	// serve stops before opening anything.
	db := filepath.Join(t.TempDir(), "never.db")
	if err := run(t.Context(), []string{"serve", "--db", db, "--base-url", "https://cal.example.ir/x"}, func(string) string { return "" }, nil, io.Discard, io.Discard); err == nil {
		t.Error("serve started with a base URL that has a path")
	}
}

// TestServeLinksToItsBaseURL: the pages' absolute links name the base URL
// given, else the address served on; cookies are Secure under https.
func TestServeLinksToItsBaseURL(t *testing.T) {
	for _, tt := range []struct {
		env    map[string]string
		link   string // "": the address served on
		secure bool
	}{
		{nil, "", false},
		{map[string]string{"RUYDAD_BASE_URL": "https://cal.example.ir"}, "webcal://cal.example.ir/calendar.ics", true},
	} {
		env := map[string]string{"RUYDAD_DB": filepath.Join(t.TempDir(), "cal.db")}
		for k, v := range tt.env {
			env[k] = v
		}
		base, stop := startServe(t, env)
		resp, err := http.Get(base + "/calendar/1403/2")
		if err != nil {
			stop()
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		stop()
		want := tt.link
		if want == "" {
			want = "webcal://" + strings.TrimPrefix(base, "http://") + "/calendar.ics"
		}
		if !strings.Contains(string(body), `href="`+want+`"`) {
			t.Errorf("%v: the month page does not subscribe to %s", tt.env, want)
		}
		if secure := strings.Contains(resp.Header.Get("Set-Cookie"), "; Secure"); secure != tt.secure {
			t.Errorf("%v: cookie %q, want Secure %v", tt.env, resp.Header.Get("Set-Cookie"), tt.secure)
		}
	}
}

// Issue 18: --litestream (or RUYDAD_LITESTREAM=1) says Litestream
// replicates the database beside the server; off by default.
func TestServeLitestreamSetting(t *testing.T) {
	for _, tt := range []struct {
		env  map[string]string
		args []string
		want string // true, false, or the error
	}{
		{nil, nil, "false"},
		{nil, []string{"--litestream"}, "true"},
		{map[string]string{"RUYDAD_LITESTREAM": "1"}, nil, "true"},
		{map[string]string{"RUYDAD_LITESTREAM": "true"}, []string{"--litestream=false"}, "false"},
		{map[string]string{"RUYDAD_LITESTREAM": "on"}, nil, `RUYDAD_LITESTREAM="on": want 1 or 0`},
	} {
		c, err := parseServe(tt.args, func(k string) string { return tt.env[k] }, io.Discard)
		got := fmt.Sprint(c.litestream)
		if err != nil {
			got = err.Error()
		}
		if !strings.Contains(got, tt.want) {
			t.Errorf("%v %v: %s, want %s", tt.env, tt.args, got, tt.want)
		}
	}
}
