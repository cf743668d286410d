package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// axePath is axe-core as npm installs it from testdata/axe/package-lock.json.
var axePath = filepath.Join("testdata", "axe", "node_modules", "axe-core", "axe.min.js")

var axeSource = sync.OnceValues(func() (string, error) {
	b, err := os.ReadFile(axePath)
	return string(b), err
})

// axeViolation is one failed axe rule and the elements that fail it.
type axeViolation struct {
	ID      string `json:"id"`
	Impact  string `json:"impact"`
	Help    string `json:"help"`
	HelpURL string `json:"helpUrl"`
	Nodes   []struct {
		Target         []any  `json:"target"`
		FailureSummary string `json:"failureSummary"`
	} `json:"nodes"`
}

func (v axeViolation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "[%s] %s: %s (%s)", v.Impact, v.ID, v.Help, v.HelpURL)
	for i, n := range v.Nodes {
		if i == 5 {
			fmt.Fprintf(&b, "\n    … and %d more", len(v.Nodes)-i)
			break
		}
		fmt.Fprintf(&b, "\n    %v\n      %s", n.Target, strings.ReplaceAll(n.FailureSummary, "\n", "\n      "))
	}
	return b.String()
}

// axe injects axe-core into the page through the DevTools protocol (which
// the page's Content-Security-Policy does not govern) and runs every rule
// that applies to WCAG 2.2 A/AA and axe's best practices.
func (s *session) axe() []axeViolation {
	s.t.Helper()
	src, err := axeSource()
	if err != nil {
		s.t.Fatal(err)
	}
	var vs []axeViolation
	s.step("running axe-core",
		chromedp.Evaluate(src+"\n;true", nil),
		chromedp.Evaluate(`axe.run(document, {
			runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
			resultTypes: ["violations"],
		}).then(r => r.violations)`, &vs, awaitPromise),
	)
	return vs
}

// TestAccessibility runs axe-core on every main page at both sizes and fails
// on any finding but a minor one (a moderate one is, e.g., content outside
// every landmark).
func TestAccessibility(t *testing.T) {
	if _, err := os.Stat(axePath); err != nil {
		missing(t, "axe-core not installed in internal/e2e/testdata/axe: run ./scripts/test, which installs it")
	}
	eachPage(t, func(t *testing.T, tr *tour, p page) {
		for _, size := range [][2]int64{{desktopW, desktopH}, {phoneW, phoneH}} {
			tr.setViewport(size[0], size[1])
			var failing, other []string
			for _, v := range tr.axe() {
				if v.Impact != "minor" {
					failing = append(failing, v.String())
				} else {
					other = append(other, v.String())
				}
			}
			if len(other) > 0 {
				t.Logf("%s at %d px: %d minor axe findings:\n  %s", p.name, size[0], len(other), strings.Join(other, "\n  "))
			}
			if len(failing) > 0 {
				t.Errorf("%s at %d px (%s): %d moderate, serious or critical axe violations:\n  %s",
					p.name, size[0], tr.location(), len(failing), strings.Join(failing, "\n  "))
			}
		}
		tr.setViewport(desktopW, desktopH)
	})
}
