package main

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
)

// TestPprofLoopbackOnly: the profiles are served on loopback only; serve
// refuses any other address before it opens anything.
func TestPprofLoopbackOnly(t *testing.T) {
	for _, ok := range []string{"", "127.0.0.1:6060", "[::1]:6060", "localhost:0", "127.0.0.2:6060"} {
		if err := checkPprofAddr(ok); err != nil {
			t.Errorf("%q refused: %v", ok, err)
		}
	}
	for _, bad := range []string{":6060", "0.0.0.0:6060", "[::]:6060", "10.0.0.1:6060", "cal.example.ir:6060", "6060"} {
		if err := checkPprofAddr(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	_, err := parseServe([]string{"--pprof", ":6060"}, func(string) string { return "" }, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "loopback") {
		t.Errorf("serve --pprof :6060: %v", err)
	}
}

// TestPprofServesProfiles: the profiles' index answers on the address
// given, and not after stop.
func TestPprofServesProfiles(t *testing.T) {
	at, stop, err := servePprof("127.0.0.1:0", slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	b, err := fetchBody(context.Background(), "http://"+at+"/debug/pprof/")
	if err != nil || !strings.Contains(string(b), "goroutine") {
		t.Errorf("the index: %v\n%.200s", err, b)
	}
	stop()
	if _, err := fetchBody(context.Background(), "http://"+at+"/debug/pprof/"); err == nil {
		t.Error("profiles still served after stop")
	}
}
