package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	"unicode"

	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/store"
)

// listFlag is a flag that may be given several times.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ", ") }
func (l *listFlag) Set(v string) error {
	*l = append(*l, v)
	return nil
}

func runSearch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", "the store: a folder (default $"+store.EnvDB+", else ./"+store.DefaultDir+")")
	asJSON := fs.Bool("json", false, "print the /api/search object (JSON) instead of text")
	limit := fs.Int("limit", 10, "results to show")
	offset := fs.Int("offset", 0, "results to skip")
	var publishers, entities, speakers listFlag
	fs.Var(&publishers, "publisher", "only this publisher (repeat for any of several)")
	fs.Var(&entities, "entity", "only articles naming this entity, by canonical name (repeat: all of them)")
	fs.Var(&speakers, "speaker", "only articles quoting this speaker (repeat: all of them)")
	etype := fs.String("type", "", "the --entity filter's type and the entity facet's: PER, ORG, LOC or MISC")
	lang := fs.String("lang", "", "only this language (ISO 639-1)")
	from := fs.String("from", "", "published on or after: YYYY, YYYY-MM or YYYY-MM-DD")
	to := fs.String("to", "", "published on or before: YYYY, YYYY-MM or YYYY-MM-DD")
	eventFrom := fs.String("event-from", "", "only articles naming a date (year, month, week or day) on or after this")
	eventTo := fs.String("event-to", "", "only articles naming a date on or before this")
	sortBy := fs.String("sort", "", "relevance, newest or oldest (default: relevance with a query, newest without)")
	facets := fs.Bool("facets", false, "also print the facet counts (text output)")
	setUsage(fs, stderr, `Usage: dateline search [flags] QUERY...

Ranked full-text search of the store. QUERY: words (all must match),
"a phrase", a OR b, a NOT b (or a -b), prefix*, (grouping). Quote the query
for the shell when it holds quotes or starts a word with "-":
  dateline search --from 2020-03 '"prime minister" -brexit'
With no QUERY, lists articles newest first (with the filters).

Flags:`)
	words, err := parseInterspersed(fs, args)
	if done, err := parseOutcome(err); done || err != nil {
		return err
	}
	q := article.Query{
		Text:       strings.Join(words, " "),
		Publishers: publishers,
		Entities:   entities,
		EntityType: *etype,
		Speakers:   speakers,
		Language:   *lang,
		From:       *from,
		To:         *to,
		EventFrom:  *eventFrom,
		EventTo:    *eventTo,
		Sort:       article.Sort(*sortBy),
		Limit:      *limit,
		Offset:     *offset,
	}
	if !*asJSON && !*facets {
		q.FacetLimit = -1 // nobody will see them
	}
	loc := store.Location(*db, os.Getenv)
	st, err := store.Open(ctx, loc, store.Options{MustExist: true})
	if errors.Is(err, store.ErrNoStore) {
		return fmt.Errorf("no store at %s: run 'dateline ingest --db %s INPUT...' first, or set --db or $%s", loc, loc, store.EnvDB)
	}
	if err != nil {
		return err
	}
	defer st.Close()
	start := time.Now()
	res, err := st.Search(ctx, q)
	if errors.Is(err, article.ErrBadQuery) {
		var qe *article.QueryError
		if errors.As(err, &qe) {
			err = qe
		}
		fmt.Fprintf(stderr, "dateline search: %v\n", err)
		return errUsage
	}
	if err != nil {
		return err
	}
	took := time.Since(start)
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	if *asJSON {
		enc := json.NewEncoder(out)
		enc.SetEscapeHTML(false)
		return enc.Encode(res)
	}
	printResults(out, res, q, took, isTerminal(stdout) && os.Getenv("NO_COLOR") == "", *facets)
	return nil
}

// parseInterspersed parses flags anywhere among the query's words, so
// that "dateline search nato --limit 5" works; after "--" everything is
// query.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var words []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		consumed := len(args) - fs.NArg()
		if consumed > 0 && args[consumed-1] == "--" {
			return append(words, fs.Args()...), nil
		}
		if fs.NArg() == 0 {
			return words, nil
		}
		words = append(words, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// isTerminal reports whether w is a terminal (a character device), for
// highlighting and progress. Pipes and files get plain text.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// termSafe makes article text safe to print on a terminal: control
// characters (escape sequences above all, which could move the cursor,
// retitle the window or worse) become spaces.
func termSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
}

func printResults(w io.Writer, res *article.SearchResult, q article.Query, took time.Duration, tty, facets bool) {
	what := "articles"
	if q.Text != "" {
		what = fmt.Sprintf("results for %s", termSafe(q.Text))
	}
	switch {
	case res.Total == 0:
		fmt.Fprintf(w, "No %s.\n", what)
	case len(res.Results) == 0:
		fmt.Fprintf(w, "%d %s; none past %d.\n", res.Total, what, q.Offset)
	default:
		fmt.Fprintf(w, "%d %s (%d–%d, %.3f s)\n", res.Total, what, q.Offset+1, q.Offset+len(res.Results), took.Seconds())
	}
	bold, plain := "[", "]"
	if tty {
		bold, plain = "\x1b[1m", "\x1b[0m"
	}
	for i, h := range res.Results {
		title := article.Str(h.Title)
		if title == "" {
			title = "(no title)"
		}
		fmt.Fprintf(w, "\n%d. %s\n", q.Offset+i+1, termSafe(title))
		var meta []string
		for _, s := range []string{article.Str(h.Publisher), article.Str(h.Published), h.ID} {
			if s != "" {
				meta = append(meta, termSafe(s))
			}
		}
		if h.Score != 0 {
			meta = append(meta, fmt.Sprintf("score %.2f", h.Score))
		}
		fmt.Fprintf(w, "   %s\n", strings.Join(meta, " · "))
		if h.Snippet == "" {
			continue
		}
		var b strings.Builder
		for _, p := range article.SnippetParts(h.Snippet, h.Highlights) {
			if p.Hit {
				b.WriteString(bold + termSafe(p.Text) + plain)
			} else {
				b.WriteString(termSafe(p.Text))
			}
		}
		fmt.Fprintf(w, "   %s\n", b.String())
	}
	if !facets {
		return
	}
	for _, f := range []struct {
		name string
		fc   []article.FacetCount
	}{{"publisher", res.Facets.Publisher}, {"entity", res.Facets.Entity}, {"speaker", res.Facets.Speaker}, {"language", res.Facets.Language}} {
		if len(f.fc) == 0 {
			continue
		}
		var parts []string
		for _, c := range f.fc {
			v := termSafe(c.Value)
			if c.Type != "" {
				v += " (" + c.Type + ")"
			}
			parts = append(parts, fmt.Sprintf("%s %d", v, c.Count))
		}
		fmt.Fprintf(w, "\n%s: %s\n", f.name, strings.Join(parts, ", "))
	}
}
