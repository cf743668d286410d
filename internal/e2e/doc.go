// Package e2e holds ruydad's browser tests: user journeys driven through a
// real headless Chromium (chromedp) against the real server over a real
// SQLite file, screenshots for the README, a phone-width layout check and
// axe-core accessibility checks. The package has no code of its own; its
// tests skip when Chromium or axe-core is missing, unless
// RUYDAD_REQUIRE_BROWSER=1 (set by scripts/test) makes that a failure.
//
// RUYDAD_SCREENSHOTS=1 writes the screenshots to docs/screenshots.
// RUYDAD_CHROMIUM names another Chromium or Chrome binary than
// /usr/bin/chromium.
package e2e
