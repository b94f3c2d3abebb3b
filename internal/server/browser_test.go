package server

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// envBrowserTest set to 1 makes a missing browser a failure: CI installs
// one and must not pass by skipping.
const envBrowserTest = "DATELINE_BROWSER_TEST"

// findBrowser returns a Chromium binary, Debian's first.
func findBrowser(t *testing.T) string {
	t.Helper()
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv(envBrowserTest) == "1" {
		t.Fatalf("no Chromium found and %s=1: install Debian's chromium", envBrowserTest)
	}
	t.Skipf("no Chromium found (apt-get install chromium; %s=1 makes this a failure)", envBrowserTest)
	return ""
}

// TestBrowser drives headless Chromium through the UI as a person would:
// a search typed and sent with the keyboard, a result followed to its
// article, the highlighted names and quotes there, a speaker's page and
// an entity's page with its chart.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no browser")
	}
	browser := findBrowser(t)

	s, err := New(openLinkedStore(t), Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewUnstartedServer(s)
	ts.Config = NewHTTPServer("", s, nil)
	ts.Start()
	defer ts.Close()

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(browser),
		chromedp.NoSandbox, // CI runs as root, where Chromium's sandbox cannot start
		chromedp.DisableGPU,
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()
	ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()

	// Errors the page reports: a script error, a resource the policy
	// blocked, a file that failed to load.
	var (
		mu       sync.Mutex
		problems []string
	)
	if err := chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *cdplog.EventEntryAdded:
			if ev.Entry.Level == cdplog.EntryLevelError {
				problems = append(problems, ev.Entry.Text+" "+ev.Entry.URL)
			}
		case *runtime.EventExceptionThrown:
			problems = append(problems, ev.ExceptionDetails.Text)
		}
	}); err != nil {
		t.Fatalf("browser: %v", err)
	}

	var (
		focused, location, heading, title, speakerTitle, entityTitle string
		entities, quotes, dates, speakerQuotes, bars, trendBars      []*chromedp.Node
		entityBG                                                     string
		chartHeight                                                  float64
		groupedHeading, storyTitle                                   string
		groupedHits, storyItems, storyBars, storyQuotes              []*chromedp.Node
	)
	err = chromedp.Do(ctx,
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, cdplog.Enable, cdp.Empty{})
			return err
		}),
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(chromedp.ID("q")),
		// The first Tab reaches the skip link.
		chromedp.KeyEvent(kb.Tab),
		into(&focused, chromedp.Evaluate[string](`document.activeElement.textContent`)),
		// Type the query into the search box and send it with Enter.
		chromedp.Focus(chromedp.ID("q")),
		chromedp.KeyEvent("nato"),
		chromedp.KeyEvent(kb.Enter),
		// The home page lists articles too: wait for what only the
		// results of this query have.
		chromedp.WaitVisible(chromedp.CSS(`a[href="/trends?q=nato"]`)),
		into(&location, chromedp.Location()),
		into(&heading, chromedp.Text(chromedp.ID("results-h"))),
		// Follow the first result with the keyboard.
		chromedp.Focus(chromedp.CSS(`ol.hits li:first-child h3 a`)),
		chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(`article h1`)),
		into(&title, chromedp.Text(chromedp.CSS(`article h1`))),
		into(&entities, chromedp.Nodes(chromedp.CSSAll(`.body a.ent`), chromedp.AtLeast(0))),
		into(&quotes, chromedp.Nodes(chromedp.CSSAll(`.body mark.quote`), chromedp.AtLeast(0))),
		into(&dates, chromedp.Nodes(chromedp.CSSAll(`.body span.date`), chromedp.AtLeast(0))),
		into(&entityBG, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('.body a.ent-PER')).backgroundColor`)),
		// The speaker of the quote.
		chromedp.Click(chromedp.CSS(`.body a.who`)),
		chromedp.WaitVisible(chromedp.CSS(`section.day ul.quotes`)),
		into(&speakerTitle, chromedp.Text(chromedp.CSS(`main h1`))),
		into(&speakerQuotes, chromedp.Nodes(chromedp.CSSAll(`section.day ul.quotes > li`), chromedp.AtLeast(0))),
		// The speaker's entity page, with its chart.
		chromedp.Click(chromedp.CSS(`header.page p.meta a[href^="/entities/"]`)),
		chromedp.WaitVisible(chromedp.CSS(`svg.chart-svg`)),
		into(&entityTitle, chromedp.Text(chromedp.CSS(`main h1`))),
		into(&bars, chromedp.Nodes(chromedp.CSSAll(`svg.chart-svg rect.bar`), chromedp.AtLeast(0))),
		into(&chartHeight, chromedp.Evaluate[float64](`document.querySelector('svg.chart-svg').getBoundingClientRect().height`)),
		// A trend of a query.
		chromedp.Navigate(ts.URL+"/trends?q=wildfire"),
		chromedp.WaitVisible(chromedp.CSS(`svg.chart-svg`)),
		into(&trendBars, chromedp.Nodes(chromedp.CSSAll(`svg.chart-svg rect.bar`), chromedp.AtLeast(0))),
		// Search grouped by story, then the story's page by keyboard.
		chromedp.Navigate(ts.URL+"/?q=wildfire"),
		chromedp.WaitVisible(chromedp.CSS(`p.group-toggle a`)),
		chromedp.Click(chromedp.CSS(`p.group-toggle a`)),
		chromedp.WaitReady(chromedp.CSS(`input[name="collapse"]`)),
		into(&groupedHeading, chromedp.Text(chromedp.ID("results-h"))),
		into(&groupedHits, chromedp.Nodes(chromedp.CSSAll(`ol.hits > li`), chromedp.AtLeast(0))),
		chromedp.Focus(chromedp.CSS(`ol.hits li:first-child a.story-link`)),
		chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(`ol.timeline`)),
		into(&storyTitle, chromedp.Text(chromedp.CSS(`main h1`))),
		into(&storyItems, chromedp.Nodes(chromedp.CSSAll(`ol.timeline > li`), chromedp.AtLeast(0))),
		into(&storyBars, chromedp.Nodes(chromedp.CSSAll(`svg.chart-svg rect.bar`), chromedp.AtLeast(0))),
		into(&storyQuotes, chromedp.Nodes(chromedp.CSSAll(`ul.quotes > li`), chromedp.AtLeast(0))),
	)
	if err != nil {
		t.Fatalf("browser: %v", err)
	}

	if focused != "Skip to content" {
		t.Errorf("the first Tab focused %q, want the skip link", focused)
	}
	if !strings.Contains(location, "q=nato") {
		t.Errorf("after Enter the browser is at %s", location)
	}
	if heading != "2 articles" {
		t.Errorf("results heading %q", heading)
	}
	if title != "NATO chief Stoltenberg makes first visit to Kyiv" {
		t.Errorf("article title %q", title)
	}
	if len(entities) < 4 || len(quotes) != 1 || len(dates) != 1 {
		t.Errorf("article highlights: %d entities, %d quotes, %d dates", len(entities), len(quotes), len(dates))
	}
	if entityBG == "" || entityBG == "rgba(0, 0, 0, 0)" {
		t.Errorf("the stylesheet did not apply: a person's background is %q", entityBG)
	}
	if speakerTitle != "Jens Stoltenberg" || len(speakerQuotes) != 2 {
		t.Errorf("speaker page %q with %d quotes", speakerTitle, len(speakerQuotes))
	}
	if !strings.HasPrefix(entityTitle, "Jens Stoltenberg") || len(bars) != 2 || chartHeight < 50 {
		t.Errorf("entity page %q: %d bars, chart %.0f px high", entityTitle, len(bars), chartHeight)
	}
	if len(trendBars) != 1 {
		t.Errorf("trend of wildfire: %d bars", len(trendBars))
	}
	if groupedHeading != "1 result, one per story" || len(groupedHits) != 1 {
		t.Errorf("grouped search: %q with %d hits", groupedHeading, len(groupedHits))
	}
	if storyTitle != "Athens, wildfire, heat" || len(storyItems) != 2 || len(storyBars) == 0 || len(storyQuotes) != 1 {
		t.Errorf("story page %q: %d items, %d bars, %d quotes", storyTitle, len(storyItems), len(storyBars), len(storyQuotes))
	}
	mu.Lock()
	defer mu.Unlock()
	for _, p := range problems {
		t.Errorf("the page reported: %s", p)
	}
}

// into runs a, keeps its value in dst, and returns nothing, so that steps
// that read the page fit in one chromedp.Do.
func into[T any](dst *T, a chromedp.Action[T]) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		v, err := a(ctx, t)
		*dst = v
		return chromedp.Void{}, err
	}
}
