package server

import (
	"bytes"
	"encoding/json"
	"net/http"

	"github.com/dateline-news/dateline/internal/article"
)

type errorBody struct {
	Error string `json:"error"`
}

// writeJSON encodes v whole before writing, so that an encoding error is
// a clean 500 and not half a body. HTML in strings stays escaped
// (\u003c): a browser that sniffs the answer as a page finds no markup.
func writeJSON(w http.ResponseWriter, code int, v any) {
	var b bytes.Buffer
	if err := json.NewEncoder(&b).Encode(v); err != nil {
		code = http.StatusInternalServerError
		b.Reset()
		b.WriteString(`{"error":"internal error"}` + "\n")
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	w.Write(b.Bytes())
}

// apiError answers err as JSON, and logs it when it is the server's fault.
func (s *Server) apiError(w http.ResponseWriter, r *http.Request, err error) {
	code, msg := status(err)
	if code >= 500 {
		s.log.ErrorContext(r.Context(), "api", "path", r.URL.Path, "err", err)
	}
	writeJSON(w, code, errorBody{msg})
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	q, err := searchQuery(r.URL.Query(), article.DefaultLimit)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	res, err := s.store.Search(r.Context(), q)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

func (s *Server) apiArticle(w http.ResponseWriter, r *http.Request) {
	a, err := s.store.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	a.Normalize()
	rel, err := s.store.Related(r.Context(), a.ID)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, article.StoredArticle{Article: a, Related: *rel})
}

func (s *Server) apiQuotes(w http.ResponseWriter, r *http.Request) {
	q, err := quoteQuery(r.URL.Query(), article.DefaultLimit)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	res, err := s.store.Quotes(r.Context(), q)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

func (s *Server) apiEntities(w http.ResponseWriter, r *http.Request) {
	q, err := entityQuery(r.URL.Query(), article.DefaultLimit)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	res, err := s.store.Entities(r.Context(), q)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

// mentionsBody is one entity's series: articles and mentions per day.
type mentionsBody struct {
	Name   string             `json:"name"`
	Type   string             `json:"type"`
	Series []article.DayCount `json:"series"`
}

func (s *Server) apiMentions(w http.ResponseWriter, r *http.Request) {
	name, typ := r.PathValue("name"), r.PathValue("type")
	if !validType(typ) {
		s.apiError(w, r, &article.QueryError{Reason: "type must be PER, ORG, LOC or MISC"})
		return
	}
	series, err := s.store.EntityMentions(r.Context(), name, typ)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, mentionsBody{Name: name, Type: typ, Series: series})
}

// trendsBody is the contract's /api/trends object.
type trendsBody struct {
	Series []article.DayCount `json:"series"`
}

func (s *Server) apiTrends(w http.ResponseWriter, r *http.Request) {
	q, err := searchQuery(r.URL.Query(), article.DefaultLimit)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	series, err := s.store.Trends(r.Context(), q)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	if series == nil {
		series = []article.DayCount{}
	}
	writeJSON(w, http.StatusOK, trendsBody{series})
}

func (s *Server) apiStats(w http.ResponseWriter, r *http.Request) {
	st, err := s.store.Stats(r.Context())
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, st)
}
