package server

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/dateline-news/dateline/internal/article"
)

// storyQuery reads a story listing from URL parameters.
func storyQuery(v url.Values, defLimit int) (article.StoryQuery, error) {
	q := article.StoryQuery{
		Text:   value(v, "q"),
		Entity: value(v, "entity"),
		From:   value(v, "from"),
		To:     value(v, "to"),
	}
	var err error
	q.Limit, q.Offset, err = page(v, defLimit)
	return q, err
}

// storyID reads a story id from the path: a positive whole number, else
// not found.
func storyID(r *http.Request) (int, error) {
	id, err := strconv.Atoi(r.PathValue("id"))
	if err != nil || id <= 0 {
		return 0, article.ErrNotFound
	}
	return id, nil
}

func storyURL(id int) string { return "/stories/" + strconv.Itoa(id) }

func (s *Server) apiStories(w http.ResponseWriter, r *http.Request) {
	q, err := storyQuery(r.URL.Query(), article.DefaultLimit)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	res, err := s.store.Stories(r.Context(), q)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

func (s *Server) apiStory(w http.ResponseWriter, r *http.Request) {
	id, err := storyID(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	d, err := s.store.Story(r.Context(), id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, d)
}

// The stories index.

type storiesView struct {
	layout
	Form    storyForm
	Total   int
	Stories []storyRow
	Pager   pager
	Error   string
	APIURL  string
}

type storyForm struct{ Q, Entity, From, To string }

type storyRow struct {
	article.Story
	URL, Span string
}

func daySpan(first, last *string) string {
	f, l := article.Str(first), article.Str(last)
	switch {
	case f == "":
		return "undated"
	case f == l:
		return f
	}
	return f + " to " + l
}

func (s *Server) storiesPage(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	q, err := storyQuery(v, uiLimit)
	view := storiesView{
		layout: layout{Title: "Stories", Section: "stories"},
		Form:   storyForm{Q: q.Text, Entity: q.Entity, From: q.From, To: q.To},
		APIURL: withQuery("/api/stories", without(v)),
	}
	var res *article.StoryList
	if err == nil {
		res, err = s.store.Stories(r.Context(), q)
	}
	if err != nil {
		s.queryFailed(w, r, err, "stories", func(reason string) any { view.Error = reason; return view })
		return
	}
	view.Total = res.Total
	for _, st := range res.Results {
		view.Stories = append(view.Stories, storyRow{Story: st, URL: storyURL(st.ID), Span: daySpan(st.First, st.Last)})
	}
	view.Pager = newPager(v, "/stories", q.Offset, q.Limit, len(res.Results), res.Total)
	s.render(w, r, http.StatusOK, "stories", view)
}

// A story's page.

type storyView struct {
	layout
	article.Story
	Span      string
	Chart     *chart
	Items     []storyItemView
	ByOutlet  []facetValue
	Quotes    []quoteHitView
	SearchURL string
	APIURL    string
	// SplitFrom and SplitInto link the stories a split set apart from
	// this one.
	SplitFrom, SplitInto []storyLink
}

type storyLink struct {
	ID  int
	URL string
}

type storyItemView struct {
	Title, URL, Publisher, Published string
	Copies                           int
	CopyURLs                         []string
}

func (s *Server) storyPage(w http.ResponseWriter, r *http.Request) {
	id, err := storyID(r)
	if err != nil {
		s.uiError(w, r, err)
		return
	}
	d, err := s.store.Story(r.Context(), id)
	if err != nil {
		s.uiError(w, r, err)
		return
	}
	if d.ID != id { // merged into another: its address is the other's
		http.Redirect(w, r, storyURL(d.ID), http.StatusMovedPermanently)
		return
	}
	title := d.Label
	if title == "" {
		title = "Story " + strconv.Itoa(d.ID)
	}
	view := storyView{
		layout: layout{Title: title, Section: "stories"},
		Story:  d.Story,
		Span:   daySpan(d.First, d.Last),
		APIURL: "/api/stories/" + strconv.Itoa(d.ID),
		Quotes: quoteHits(d.Quotes),
	}
	perDay := map[string]int{}
	var days []string
	for _, it := range d.Items {
		iv := storyItemView{
			Title: article.Str(it.Title), URL: articleURL(it.ID), Publisher: article.Str(it.Publisher),
			Published: article.DayOf(article.Str(it.Published)), Copies: it.Copies,
		}
		if iv.Title == "" {
			iv.Title = "(no title)"
		}
		for _, c := range it.CopyIDs {
			iv.CopyURLs = append(iv.CopyURLs, articleURL(c))
		}
		view.Items = append(view.Items, iv)
		if iv.Published != "" {
			if perDay[iv.Published] == 0 {
				days = append(days, iv.Published)
			}
			perDay[iv.Published] += it.Copies
		}
	}
	var series []article.DayCount
	for _, day := range days { // items are in time order
		series = append(series, article.DayCount{Date: day, Count: perDay[day]})
	}
	view.Chart = newChart(series, func(from, to string) string {
		return withQuery("/", url.Values{"from": {from}, "to": {to}})
	})
	if view.Chart != nil {
		view.Chart.Title = "Articles of this story over time"
		view.Chart.Desc = view.Chart.describe("Articles of this story")
	}
	for _, o := range d.ByOutlet {
		view.ByOutlet = append(view.ByOutlet, facetValue{Value: o.Value, Count: o.Count, URL: withQuery("/", url.Values{"publisher": {o.Value}})})
	}
	for _, id := range d.SplitFrom {
		view.SplitFrom = append(view.SplitFrom, storyLink{ID: id, URL: storyURL(id)})
	}
	for _, id := range d.SplitInto {
		view.SplitInto = append(view.SplitInto, storyLink{ID: id, URL: storyURL(id)})
	}
	if len(d.Entities) > 0 {
		u := url.Values{}
		for _, e := range d.Entities {
			u.Add("entity", e)
		}
		view.SearchURL = withQuery("/", u)
	}
	s.render(w, r, http.StatusOK, "story", view)
}
