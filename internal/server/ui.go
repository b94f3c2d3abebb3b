package server

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/dateline-news/dateline/internal/article"
)

//go:embed templates static
var assets embed.FS

var funcs = template.FuncMap{
	"comma":    comma,
	"typeName": typeName,
	"add":      func(a, b int) int { return a + b },
	"plural": func(n int, one, many string) string {
		if n == 1 {
			return one
		}
		return many
	},
}

// parsePages parses each page template with the layout and the shared
// partials: one template set per page, since every page defines its own
// "content".
func parsePages() (map[string]*template.Template, error) {
	names, err := fs.Glob(assets, "templates/*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]*template.Template{}
	for _, name := range names {
		base := strings.TrimPrefix(name, "templates/")
		if base == "layout.html" || base == "partials.html" {
			continue
		}
		t, err := template.New(base).Funcs(funcs).ParseFS(assets, "templates/layout.html", "templates/partials.html", name)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", name, err)
		}
		pages[strings.TrimSuffix(base, ".html")] = t
	}
	return pages, nil
}

// layout is what every page tells the layout.
type layout struct {
	Title   string
	Section string // the navigation entry to mark current
	Q       string // the header's search box
}

// render writes a page whole, so that a template error is a clean 500
// and not half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, code int, name string, data any) {
	var b bytes.Buffer
	if err := s.pages[name].ExecuteTemplate(&b, "layout", data); err != nil {
		s.log.ErrorContext(r.Context(), "render", "page", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	w.Write(b.Bytes())
}

type errorView struct {
	layout
	Status  int
	Message string
}

func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, code int, msg string) {
	s.render(w, r, code, "error", errorView{layout: layout{Title: http.StatusText(code)}, Status: code, Message: msg})
}

// queryFailed answers a page whose store call failed: a query the store
// could not read shows the page again with the reason (400); anything
// else is the error page.
func (s *Server) queryFailed(w http.ResponseWriter, r *http.Request, err error, name string, show func(reason string) any) {
	code, msg := status(err)
	if code != http.StatusBadRequest {
		s.uiError(w, r, err)
		return
	}
	s.render(w, r, code, name, show(msg))
}

// uiError shows err as a page: the user's mistakes in the store's words,
// anything else logged and hidden.
func (s *Server) uiError(w http.ResponseWriter, r *http.Request, err error) {
	code, msg := status(err)
	if code >= 500 {
		s.log.ErrorContext(r.Context(), "page", "path", r.URL.Path, "err", err)
	}
	if code == http.StatusNotFound {
		msg = "Nothing by that name or id is stored."
	}
	s.errorPage(w, r, code, msg)
}

// The search page.

type searchView struct {
	layout
	Form     searchForm
	Hidden   []field  // filters kept when the form is sent again
	Filters  []filter // what narrows the results, each with a link to drop it
	Browsing bool     // no text and no filter: the whole store
	Stats    article.Stats
	Total    int
	Hits     []hitView
	Facets   []facetView
	Pager    pager
	TrendURL string
	Error    string // a bad query, in words
	// Grouped: one hit per story; GroupURL switches.
	Grouped  bool
	GroupURL string
}

type searchForm struct {
	Q, From, To, Sort string
}

type field struct{ Name, Value string }

type filter struct {
	Label, Value, RemoveURL string
}

type hitView struct {
	Title, URL, Publisher, Published string
	Snippet                          []article.SnippetPart
	// The hit's story, its duplicate copies, and (collapsed) the
	// matching articles it stands for.
	StoryLabel, StoryURL string
	Copies, Matches      int
}

type facetView struct {
	Name, Label string
	Values      []facetValue
}

type facetValue struct {
	Value, Type string
	Count       int
	URL         string
	Active      bool
}

type pager struct {
	First, Last, Total int
	Prev, Next         string
}

// listFilters are the search filters a URL may repeat.
var listFilters = []struct{ key, label string }{
	{"publisher", "Publisher"}, {"entity", "Entity"}, {"speaker", "Speaker"},
}

// singleFilters take one value each.
var singleFilters = []struct{ key, label string }{
	{"type", "Entity type"}, {"lang", "Language"}, {"from", "From"}, {"to", "To"},
	{"event_from", "Events from"}, {"event_to", "Events to"},
}

func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	q, err := searchQuery(v, uiLimit)
	view := searchView{
		layout: layout{Title: "Search", Section: "search", Q: q.Text},
		Form:   searchForm{Q: q.Text, From: q.From, To: q.To, Sort: string(q.Sort)},
	}
	for _, f := range listFilters {
		for _, val := range values(v, f.key) {
			view.Hidden = append(view.Hidden, field{f.key, val})
			view.Filters = append(view.Filters, filter{f.label, val, withQuery("/", toggle(v, f.key, val, false))})
		}
	}
	for _, f := range singleFilters {
		if val := value(v, f.key); val != "" {
			if f.key != "from" && f.key != "to" { // those two are fields of the form
				view.Hidden = append(view.Hidden, field{f.key, val})
			}
			view.Filters = append(view.Filters, filter{f.label, val, withQuery("/", without(v, f.key))})
		}
	}
	if q.Collapse != article.CollapseNone {
		view.Hidden = append(view.Hidden, field{"collapse", string(q.Collapse)})
	}
	view.Browsing = q.Text == "" && len(view.Filters) == 0
	var res *article.SearchResult
	if err == nil {
		res, err = s.store.Search(r.Context(), q)
	}
	if err != nil {
		s.queryFailed(w, r, err, "search", func(reason string) any { view.Error = reason; return view })
		return
	}
	if view.Browsing {
		if view.Stats, err = s.store.Stats(r.Context()); err != nil {
			s.uiError(w, r, err)
			return
		}
	}
	view.Total = res.Total
	for _, h := range res.Results {
		view.Hits = append(view.Hits, hitOf(h))
	}
	view.Pager = newPager(v, "/", q.Offset, q.Limit, len(res.Results), res.Total)
	view.Facets = []facetView{
		facet(v, "publisher", "Publishers", res.Facets.Publisher, false),
		facet(v, "entity", "Names", res.Facets.Entity, false),
		facet(v, "speaker", "Speakers", res.Facets.Speaker, false),
		facet(v, "lang", "Languages", res.Facets.Language, true),
	}
	view.TrendURL = withQuery("/trends", without(v, "offset", "limit", "sort", "facets", "collapse"))
	view.Grouped = q.Collapse == article.CollapseStory
	g := without(v, "offset", "collapse")
	if !view.Grouped {
		g.Set("collapse", string(article.CollapseStory))
	}
	view.GroupURL = withQuery("/", g)
	s.render(w, r, http.StatusOK, "search", view)
}

func hitOf(h article.Hit) hitView {
	title := article.Str(h.Title)
	if title == "" {
		title = "(no title)"
	}
	v := hitView{
		Title:     title,
		URL:       articleURL(h.ID),
		Publisher: article.Str(h.Publisher),
		Published: article.DayOf(article.Str(h.Published)),
		Snippet:   article.SnippetParts(h.Snippet, h.Highlights),
		Copies:    h.Copies,
		Matches:   h.Matches,
	}
	if h.Story != nil {
		v.StoryURL = storyURL(*h.Story)
		v.StoryLabel = article.Str(h.StoryLabel)
		if v.StoryLabel == "" {
			v.StoryLabel = "story " + strconv.Itoa(*h.Story)
		}
	}
	return v
}

func facet(v url.Values, key, label string, counts []article.FacetCount, single bool) facetView {
	f := facetView{Name: key, Label: label}
	for _, c := range counts {
		active := slices.ContainsFunc(v[key], func(s string) bool { return strings.EqualFold(strings.TrimSpace(s), c.Value) })
		f.Values = append(f.Values, facetValue{
			Value: c.Value, Type: c.Type, Count: c.Count, Active: active,
			URL: withQuery("/", toggle(v, key, c.Value, single)),
		})
	}
	return f
}

// toggle returns a copy of v with val added to key, or removed when it is
// there; single replaces any value key had. Paging starts over.
func toggle(v url.Values, key, val string, single bool) url.Values {
	out := without(v, "offset")
	var kept []string
	found := false
	for _, s := range out[key] {
		if strings.EqualFold(strings.TrimSpace(s), val) {
			found = true
			continue
		}
		if strings.TrimSpace(s) != "" {
			kept = append(kept, s)
		}
	}
	switch {
	case found:
	case single:
		kept = []string{val}
	default:
		kept = append(kept, val)
	}
	if len(kept) == 0 {
		delete(out, key)
	} else {
		out[key] = kept
	}
	return out
}

// without returns a copy of v less keys and less blank values, which a
// form sends for every empty field: links carry only what filters.
func without(v url.Values, keys ...string) url.Values {
	out := url.Values{}
	for k, vs := range v {
		if slices.Contains(keys, k) {
			continue
		}
		for _, s := range vs {
			if strings.TrimSpace(s) != "" {
				out[k] = append(out[k], s)
			}
		}
	}
	return out
}

// newPager links the pages before and after one showing n results from
// offset, of total.
func newPager(v url.Values, path string, offset, limit, n, total int) pager {
	p := pager{Total: total}
	if n > 0 {
		p.First, p.Last = offset+1, offset+n
	}
	at := func(off int) string {
		u := without(v, "offset")
		if off > 0 {
			u.Set("offset", strconv.Itoa(off))
		}
		return withQuery(path, u)
	}
	if offset > 0 {
		p.Prev = at(max(offset-limit, 0))
	}
	if next := offset + limit; next < total && next <= MaxOffset {
		p.Next = at(next)
	}
	return p
}

// The article page.

type articleView struct {
	layout
	// Where it sits among the others: its story, the earliest copy of
	// its duplicate group (when another), the group's other copies.
	StoryURL, StoryLabel             string
	DuplicateOfURL                   string
	Copies                           []copyView
	ID, Source                       string
	URL                              string // http(s) only; "" otherwise
	RawURL                           string // shown as text when not a link
	Publisher, PublisherURL          string
	Published, Language, PublishedAt string
	Authors                          []string
	Paragraphs                       []paragraph
	Groups                           []entityGroup
	Quotes                           []quoteItem
	Dates                            []dateItem
	Captions                         []article.Caption
	Removed                          []article.Removed
	APIURL                           string
}

type entityGroup struct {
	Type, Label string
	Items       []entityItem
}

type entityItem struct {
	Name, URL string
	Mentions  int
}

type quoteItem struct {
	Text, Kind, Cue     string
	Speaker, SpeakerURL string
	Anchor              string
}

type dateItem struct {
	Text, Value, Type, Anchor string
}

func (s *Server) articlePage(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	a, err := s.store.Get(r.Context(), id)
	if err != nil {
		s.uiError(w, r, err)
		return
	}
	title := article.Str(a.Title)
	if title == "" {
		title = "(no title)"
	}
	view := articleView{
		layout:     layout{Title: title},
		ID:         a.ID,
		Source:     a.Source,
		URL:        webURL(article.Str(a.URL)),
		RawURL:     article.Str(a.URL),
		Publisher:  article.Str(a.Publisher),
		Published:  article.Str(a.Published),
		Language:   article.Str(a.Language),
		Authors:    a.Authors,
		Paragraphs: paragraphs(a),
		Captions:   a.Captions,
		Removed:    a.Removed,
		APIURL:     "/api/articles/" + segment(a.ID),
	}
	if view.Publisher != "" {
		view.PublisherURL = withQuery("/", url.Values{"publisher": {view.Publisher}})
	}
	for _, t := range entityTypes {
		g := entityGroup{Type: t, Label: groupLabel(t)}
		for _, e := range a.Entities {
			if e.Type == t {
				g.Items = append(g.Items, entityItem{Name: e.Name, URL: entityURL(e.Name, e.Type), Mentions: len(e.Mentions)})
			}
		}
		if len(g.Items) > 0 {
			slices.SortStableFunc(g.Items, func(a, b entityItem) int { return b.Mentions - a.Mentions })
			view.Groups = append(view.Groups, g)
		}
	}
	for _, q := range a.Quotes {
		it := quoteItem{Text: q.Text, Kind: q.Kind, Cue: q.Cue, Anchor: "#" + anchor(q.P)}
		if sp := article.Str(q.Speaker); sp != "" {
			it.Speaker, it.SpeakerURL = sp, speakerURL(sp)
		}
		view.Quotes = append(view.Quotes, it)
	}
	for _, d := range a.Dates {
		view.Dates = append(view.Dates, dateItem{Text: d.Text, Value: d.Value, Type: d.Type, Anchor: "#" + anchor(d.P)})
	}
	rel, err := s.store.Related(r.Context(), a.ID)
	if err != nil {
		s.uiError(w, r, err)
		return
	}
	if rel.Story != nil {
		view.StoryURL, view.StoryLabel = storyURL(rel.Story.ID), rel.Story.Label
		if view.StoryLabel == "" {
			view.StoryLabel = "story " + strconv.Itoa(rel.Story.ID)
		}
	}
	if rel.DuplicateOf != nil {
		view.DuplicateOfURL = articleURL(*rel.DuplicateOf)
	}
	for _, c := range rel.Copies {
		t := article.Str(c.Title)
		if t == "" {
			t = "(no title)"
		}
		view.Copies = append(view.Copies, copyView{Title: t, URL: articleURL(c.ID), Publisher: article.Str(c.Publisher), Published: article.DayOf(article.Str(c.Published))})
	}
	s.render(w, r, http.StatusOK, "article", view)
}

// copyView is a near-duplicate copy of the article shown.
type copyView struct {
	Title, URL, Publisher, Published string
}

func groupLabel(t string) string {
	switch t {
	case "PER":
		return "People"
	case "ORG":
		return "Organisations"
	case "LOC":
		return "Places"
	}
	return "Other names"
}

// webURL returns u when it is an http or https address, else "": an
// article's URL comes from the page, and javascript: or data: must never
// become a link.
func webURL(u string) string {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return ""
	}
	return p.String()
}

// The entity pages.

type entitiesView struct {
	layout
	Type, Text string
	Types      []string
	Total      int
	Items      []entityRow
	Pager      pager
	Error      string
}

type entityRow struct {
	Name, Type, URL    string
	Articles, Mentions int
}

func (s *Server) entitiesPage(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	q, err := entityQuery(v, 50)
	view := entitiesView{layout: layout{Title: "Names", Section: "entities"}, Type: q.Type, Text: q.Text, Types: entityTypes}
	var res *article.EntityList
	if err == nil {
		res, err = s.store.Entities(r.Context(), q)
	}
	if err != nil {
		s.queryFailed(w, r, err, "entities", func(reason string) any { view.Error = reason; return view })
		return
	}
	view.Total = res.Total
	for _, e := range res.Results {
		view.Items = append(view.Items, entityRow{Name: e.Name, Type: e.Type, URL: entityURL(e.Name, e.Type), Articles: e.Articles, Mentions: e.Mentions})
	}
	view.Pager = newPager(v, "/entities", q.Offset, q.Limit, len(res.Results), res.Total)
	s.render(w, r, http.StatusOK, "entities", view)
}

type entityView struct {
	layout
	Name, Type       string
	Chart            *chart
	Mentions         int
	Total            int
	Hits             []hitView
	Pager            pager
	Related          []facetValue // names in the same articles
	Quotes           []quoteHitView
	QuoteTotal       int
	SpeakerURL       string
	SearchURL        string
	TrendURL, APIURL string
}

func (s *Server) entityPage(w http.ResponseWriter, r *http.Request) {
	name, typ := r.PathValue("name"), r.PathValue("type")
	if !validType(typ) {
		s.errorPage(w, r, http.StatusNotFound, "There is no entity type "+typ+": types are PER, ORG, LOC and MISC.")
		return
	}
	v := r.URL.Query()
	limit, offset, err := page(v, uiLimit)
	if err != nil {
		s.uiError(w, r, err)
		return
	}
	ctx := r.Context()
	series, err := s.store.EntityMentions(ctx, name, typ)
	if err != nil {
		s.uiError(w, r, err)
		return
	}
	only := url.Values{"entity": {name}, "type": {typ}}
	view := entityView{
		layout:    layout{Title: name, Section: "entities"},
		Name:      name,
		Type:      typ,
		SearchURL: withQuery("/", only),
		TrendURL:  withQuery("/trends", only),
		APIURL:    "/api/entities/" + segment(typ) + "/" + segment(name) + "/mentions",
	}
	for _, d := range series {
		view.Mentions += d.Mentions
	}
	view.Chart = newChart(series, func(from, to string) string {
		return withQuery("/", url.Values{"entity": {name}, "type": {typ}, "from": {from}, "to": {to}})
	})
	if view.Chart != nil {
		view.Chart.Title = "Articles naming " + name + " over time"
		view.Chart.Desc = view.Chart.describe("Articles naming " + name)
	}
	res, err := s.store.Search(ctx, article.Query{Entities: []string{name}, EntityType: typ, Sort: article.SortNewest, Limit: limit, Offset: offset})
	if err != nil {
		s.uiError(w, r, err)
		return
	}
	view.Total = res.Total
	for _, h := range res.Results {
		view.Hits = append(view.Hits, hitOf(h))
	}
	view.Pager = newPager(v, entityURL(name, typ), offset, limit, len(res.Results), res.Total)
	for _, c := range res.Facets.Entity {
		if !strings.EqualFold(c.Value, name) {
			view.Related = append(view.Related, facetValue{Value: c.Value, Type: c.Type, Count: c.Count, URL: entityURL(c.Value, c.Type)})
		}
	}
	if typ == "PER" || typ == "ORG" {
		ql, err := s.store.Quotes(ctx, article.QuoteQuery{Speaker: name, Limit: 5})
		if err != nil {
			s.uiError(w, r, err)
			return
		}
		view.QuoteTotal = ql.Total
		view.Quotes = quoteHits(ql.Results)
		if ql.Total > 0 {
			view.SpeakerURL = speakerURL(name)
		}
	}
	s.render(w, r, http.StatusOK, "entity", view)
}

// The quote pages: a speaker's, and quotes by words.

type quotesView struct {
	layout
	Speaker, EntityURL string
	Form               searchForm
	Total              int
	Days               []quoteDay
	Pager              pager
	Error              string
	APIURL             string
}

// quoteDay is the quotes of the articles of one day: "by date".
type quoteDay struct {
	Date   string // "" for undated articles
	Quotes []quoteHitView
}

type quoteHitView struct {
	Text, Kind, Cue     string
	Speaker, SpeakerURL string
	Title, URL          string // the article, at the quote's paragraph
	Published           string
}

func quoteHits(hs []article.QuoteHit) []quoteHitView {
	var out []quoteHitView
	for _, h := range hs {
		title := article.Str(h.Title)
		if title == "" {
			title = "(no title)"
		}
		q := quoteHitView{
			Text: h.Text, Kind: h.Kind, Cue: h.Cue,
			Title: title, URL: articleURL(h.ArticleID) + "#" + anchor(h.P),
			Published: article.DayOf(article.Str(h.Published)),
		}
		if sp := article.Str(h.Speaker); sp != "" {
			q.Speaker, q.SpeakerURL = sp, speakerURL(sp)
		}
		out = append(out, q)
	}
	return out
}

func byDay(qs []quoteHitView) []quoteDay {
	var days []quoteDay
	for _, q := range qs {
		if n := len(days); n > 0 && days[n-1].Date == q.Published {
			days[n-1].Quotes = append(days[n-1].Quotes, q)
			continue
		}
		days = append(days, quoteDay{Date: q.Published, Quotes: []quoteHitView{q}})
	}
	return days
}

func (s *Server) speakerPage(w http.ResponseWriter, r *http.Request) {
	s.quotes(w, r, r.PathValue("name"))
}

func (s *Server) quotesPage(w http.ResponseWriter, r *http.Request) {
	s.quotes(w, r, "")
}

// quotes serves a speaker's page when speaker is set, else the quotes
// page, whose speaker filter is a parameter.
func (s *Server) quotes(w http.ResponseWriter, r *http.Request, speaker string) {
	v := r.URL.Query()
	q, err := quoteQuery(v, uiLimit)
	path := "/quotes"
	view := quotesView{layout: layout{Title: "Quotes", Section: "quotes"}}
	if speaker != "" {
		q.Speaker = speaker
		path = speakerURL(speaker)
		view.layout = layout{Title: speaker, Section: "speakers"}
		view.Speaker = speaker
	}
	view.Form = searchForm{Q: q.Text, From: q.From, To: q.To}
	var res *article.QuoteList
	if err == nil {
		res, err = s.store.Quotes(r.Context(), q)
	}
	if err != nil {
		s.queryFailed(w, r, err, "quotes", func(reason string) any { view.Error = reason; return view })
		return
	}
	unfiltered := q.Text == "" && q.From == "" && q.To == ""
	if speaker != "" && res.Total == 0 && unfiltered {
		s.errorPage(w, r, http.StatusNotFound, "No quote by "+speaker+" is stored.")
		return
	}
	view.Total = res.Total
	view.Days = byDay(quoteHits(res.Results))
	view.Pager = newPager(v, path, q.Offset, q.Limit, len(res.Results), res.Total)
	api := without(v, "offset", "limit")
	if speaker != "" {
		api.Set("speaker", speaker)
		if len(res.Results) > 0 && article.Str(res.Results[0].SpeakerType) != "" {
			view.EntityURL = entityURL(speaker, article.Str(res.Results[0].SpeakerType))
		}
	}
	view.APIURL = withQuery("/api/quotes", api)
	s.render(w, r, http.StatusOK, "quotes", view)
}

type speakersView struct {
	layout
	Speakers []facetValue
}

// speakersPage lists the speakers quoted in most articles: the speaker
// facet over the whole store.
func (s *Server) speakersPage(w http.ResponseWriter, r *http.Request) {
	res, err := s.store.Search(r.Context(), article.Query{Limit: 1, FacetLimit: MaxFacetLimit})
	if err != nil {
		s.uiError(w, r, err)
		return
	}
	view := speakersView{layout: layout{Title: "Speakers", Section: "speakers"}}
	for _, c := range res.Facets.Speaker {
		view.Speakers = append(view.Speakers, facetValue{Value: c.Value, Count: c.Count, URL: speakerURL(c.Value)})
	}
	s.render(w, r, http.StatusOK, "speakers", view)
}

// The trend page.

type trendsView struct {
	layout
	Q, Entity string
	Filters   []filter
	Hidden    []field
	Chart     *chart
	SearchURL string
	APIURL    string
	Error     string
}

func (s *Server) trendsPage(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	q, err := searchQuery(v, uiLimit)
	view := trendsView{layout: layout{Title: "Trends", Section: "trends"}, Q: q.Text}
	if len(q.Entities) > 0 {
		view.Entity = q.Entities[0]
	}
	for _, f := range listFilters {
		for i, val := range values(v, f.key) {
			if f.key == "entity" && i == 0 {
				continue // in the form's entity field
			}
			view.Hidden = append(view.Hidden, field{f.key, val})
			view.Filters = append(view.Filters, filter{f.label, val, withQuery("/trends", toggle(v, f.key, val, false))})
		}
	}
	for _, f := range singleFilters {
		if val := value(v, f.key); val != "" {
			view.Hidden = append(view.Hidden, field{f.key, val})
			view.Filters = append(view.Filters, filter{f.label, val, withQuery("/trends", without(v, f.key))})
		}
	}
	var series []article.DayCount
	if err == nil {
		series, err = s.store.Trends(r.Context(), q)
	}
	if err != nil {
		s.queryFailed(w, r, err, "trends", func(reason string) any { view.Error = reason; return view })
		return
	}
	base := without(v, "offset", "limit", "sort", "facets", "from", "to")
	view.Chart = newChart(series, func(from, to string) string {
		u := without(base)
		u.Set("from", from)
		u.Set("to", to)
		return withQuery("/", u)
	})
	what := "Articles"
	switch {
	case q.Text != "" && view.Entity != "":
		what = "Articles matching “" + q.Text + "” and naming " + view.Entity
	case q.Text != "":
		what = "Articles matching “" + q.Text + "”"
	case view.Entity != "":
		what = "Articles naming " + view.Entity
	}
	if view.Chart != nil {
		view.Chart.Title = what + " over time"
		view.Chart.Desc = view.Chart.describe(what)
	}
	view.SearchURL = withQuery("/", without(v, "offset"))
	view.APIURL = withQuery("/api/trends", without(v, "offset", "limit", "sort", "facets"))
	s.render(w, r, http.StatusOK, "trends", view)
}

// comma writes n with thousands separators.
func comma(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}
