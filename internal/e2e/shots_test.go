package e2e

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/chromedp/chromedp"
)

// screenshotDir is docs/screenshots at the repository root.
var screenshotDir = filepath.Join("..", "..", "docs", "screenshots")

// shoot writes docs/screenshots/NAME-1280.png and NAME-390.png of the page as
// it is, with sel scrolled to the middle (or as near as the page allows), when
// RUYDAD_SCREENSHOTS=1. It leaves the tab
// at the desktop size.
func (s *session) shoot(name, sel string) {
	s.t.Helper()
	if os.Getenv(screenshotsEnv) != "1" {
		return
	}
	if err := os.MkdirAll(screenshotDir, 0o755); err != nil {
		s.t.Fatal(err)
	}
	for _, size := range [][2]int64{{desktopW, desktopH}, {phoneW, phoneH}} {
		var png []byte
		s.setViewport(size[0], size[1])
		s.run(
			chromedp.WaitVisible(sel, chromedp.ByQuery),
			chromedp.Evaluate(fmt.Sprintf(`document.querySelector(%s).scrollIntoView({block: "center"})`, js(sel)), nil),
			s.fontsReady(),
			chromedp.CaptureScreenshot(&png),
		)
		file := filepath.Join(screenshotDir, fmt.Sprintf("%s-%d.png", name, size[0]))
		if err := os.WriteFile(file, png, 0o644); err != nil {
			s.t.Fatal(err)
		}
	}
	s.setViewport(desktopW, desktopH)
	s.run(chromedp.Evaluate(`window.scrollTo(0, 0)`, nil))
}

// setViewport emulates a window of w×h CSS pixels; the phone size is
// emulated as a mobile device, so the page's viewport meta tag applies.
func (s *session) setViewport(w, h int64) {
	s.t.Helper()
	if w == phoneW {
		s.run(chromedp.EmulateViewport(w, h, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait))
	} else {
		s.run(chromedp.EmulateViewport(w, h))
	}
	s.run(chromedp.Poll(fmt.Sprintf(`window.innerWidth === %d`, w), nil))
}

// fontsReady waits until the bundled Vazirmatn faces have loaded, so that
// screenshots and layout checks see the real text metrics.
func (s *session) fontsReady() chromedp.Action {
	return chromedp.Evaluate(`document.fonts.ready.then(() => true)`, nil, awaitPromise)
}
