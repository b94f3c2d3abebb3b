package server

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/dateline-news/dateline/internal/article"
)

// Paging limits. Limits out of range are clamped rather than refused: a
// link with ?limit=10000 still gets an answer. MaxOffset bounds how deep a
// client may page, since a deep page costs the store every row before it.
const (
	MaxOffset     = 10_000
	MaxFacetLimit = 100
	// uiLimit is a page of results in the web UI.
	uiLimit = 20
)

// entityTypes are the types an entity may have.
var entityTypes = []string{"PER", "ORG", "LOC", "MISC"}

func validType(t string) bool {
	for _, e := range entityTypes {
		if t == e {
			return true
		}
	}
	return false
}

// values returns the non-blank values of key: a form sends empty fields,
// which filter nothing.
func values(v url.Values, key string) []string {
	var out []string
	for _, s := range v[key] {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func value(v url.Values, key string) string {
	return strings.TrimSpace(v.Get(key))
}

// intParam reads key as a whole number clamped to [lo, hi], def when
// absent or blank.
func intParam(v url.Values, key string, def, lo, hi int) (int, error) {
	s := value(v, key)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			if strings.HasPrefix(s, "-") {
				return lo, nil
			}
			return hi, nil
		}
		return 0, &article.QueryError{Reason: key + " must be a whole number"}
	}
	return min(max(n, lo), hi), nil
}

// page reads limit and offset, limit defaulting to def.
func page(v url.Values, def int) (limit, offset int, err error) {
	if limit, err = intParam(v, "limit", def, 1, article.MaxLimit); err != nil {
		return 0, 0, err
	}
	if offset, err = intParam(v, "offset", 0, 0, MaxOffset); err != nil {
		return 0, 0, err
	}
	return limit, offset, nil
}

// searchQuery reads a search from URL parameters: the API's and the UI's
// are the same, so a UI address is also an API query.
func searchQuery(v url.Values, defLimit int) (article.Query, error) {
	q := article.Query{
		Text:       value(v, "q"),
		Publishers: values(v, "publisher"),
		Entities:   values(v, "entity"),
		EntityType: value(v, "type"),
		Speakers:   values(v, "speaker"),
		Language:   value(v, "lang"),
		From:       value(v, "from"),
		To:         value(v, "to"),
		EventFrom:  value(v, "event_from"),
		EventTo:    value(v, "event_to"),
		Sort:       article.Sort(value(v, "sort")),
		Collapse:   article.Collapse(value(v, "collapse")),
	}
	if q.EntityType != "" && !validType(q.EntityType) {
		return q, &article.QueryError{Reason: "type must be PER, ORG, LOC or MISC"}
	}
	var err error
	if q.Limit, q.Offset, err = page(v, defLimit); err != nil {
		return q, err
	}
	facets, err := intParam(v, "facets", article.DefaultFacetLimit, 0, MaxFacetLimit)
	if err != nil {
		return q, err
	}
	q.FacetLimit = facets
	if facets == 0 {
		q.FacetLimit = -1
	}
	return q, nil
}

func quoteQuery(v url.Values, defLimit int) (article.QuoteQuery, error) {
	q := article.QuoteQuery{
		Speaker: value(v, "speaker"),
		Text:    value(v, "q"),
		From:    value(v, "from"),
		To:      value(v, "to"),
	}
	var err error
	q.Limit, q.Offset, err = page(v, defLimit)
	return q, err
}

func entityQuery(v url.Values, defLimit int) (article.EntityQuery, error) {
	q := article.EntityQuery{Type: value(v, "type"), Text: value(v, "q")}
	if q.Type != "" && !validType(q.Type) {
		return q, &article.QueryError{Reason: "type must be PER, ORG, LOC or MISC"}
	}
	var err error
	q.Limit, q.Offset, err = page(v, defLimit)
	return q, err
}
