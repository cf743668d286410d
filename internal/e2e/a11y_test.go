package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
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

// focusStop is what the focus ring of the element Tab reached looks like.
type focusStop struct {
	Name     string  `json:"name"`
	None     bool    `json:"none"`     // no outline at all
	Contrast float64 `json:"contrast"` // the ring against the colour around it, the worst side
	Ring     string  `json:"ring"`
	Behind   string  `json:"behind"`
}

// focusStopJS describes document.activeElement's focus ring: its colour
// against the colour found just outside it and in the gap between it and
// the element, on each side (what the page shows there, by
// elementsFromPoint, so a link floating over the header is judged against
// the header).
const focusStopJS = `(() => {
	const el = document.activeElement;
	if (!el || el === document.body) return null;
	const rgb = s => { const m = s.match(/[\d.]+/g).map(Number); return {r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1}; };
	const lum = c => { const f = v => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
	const over = (top, under) => ({r: top.r * top.a + under.r * (1 - top.a), g: top.g * top.a + under.g * (1 - top.a), b: top.b * top.a + under.b * (1 - top.a), a: 1});
	const behind = (x, y) => {
		const layers = document.elementsFromPoint(x, y).filter(e => e !== el && !el.contains(e));
		let c = {r: 255, g: 255, b: 255, a: 1};
		for (const e of layers.reverse()) { const bg = rgb(getComputedStyle(e).backgroundColor); if (bg.a > 0) c = over(bg, c); }
		return c;
	};
	const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "") + " " + (el.textContent || el.value || "").trim().slice(0, 30);
	const cs = getComputedStyle(el);
	const w = parseFloat(cs.outlineWidth), off = parseFloat(cs.outlineOffset);
	if (cs.outlineStyle === "none" || !(w > 0)) return {name, none: true};
	const ring = rgb(cs.outlineColor), r = el.getBoundingClientRect();
	let worst = Infinity, at = "";
	for (const d of off > 1 ? [off + w + 1, off / 2] : [off + w + 1]) {
		for (const [x, y] of [[r.left + r.width / 2, r.top - d], [r.left + r.width / 2, r.bottom + d], [r.left - d, r.top + r.height / 2], [r.right + d, r.top + r.height / 2]]) {
			if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
			const b = behind(x, y), l1 = lum(ring), l2 = lum(b);
			const c = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
			if (c < worst) { worst = c; at = "rgb(" + [b.r, b.g, b.b].map(Math.round).join(", ") + ")"; }
		}
	}
	return {name, contrast: worst === Infinity ? 99 : worst, ring: cs.outlineColor, behind: at};
})()`

// TestFocusRingContrast tabs through the main pages as a keyboard user does
// and checks that every focused element shows a ring that contrasts at
// least 3:1 with what lies around it (WCAG 1.4.11).
func TestFocusRingContrast(t *testing.T) {
	eachPage(t, func(t *testing.T, tr *tour, p page) {
		tr.run(chromedp.Evaluate(`document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)`, nil))
		seen := map[string]bool{}
		for i := 0; i < 80; i++ {
			var stop *focusStop
			tr.run(chromedp.KeyEvent(kb.Tab), chromedp.Evaluate(focusStopJS, &stop))
			if stop == nil {
				break
			}
			if seen[stop.Name] {
				continue
			}
			seen[stop.Name] = true
			if stop.None || stop.Contrast < 3 {
				t.Errorf("%s: tab stop %d, %s: ring %s against %s, contrast %.2f (none: %v), want 3:1 or more",
					p.name, i+1, stop.Name, stop.Ring, stop.Behind, stop.Contrast, stop.None)
			}
		}
		if len(seen) < 5 {
			t.Errorf("%s: Tab reached only %d elements", p.name, len(seen))
		}
	})
}
