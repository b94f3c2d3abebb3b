// Package server is dateline's HTTP face: a JSON API and a server-rendered
// web UI over a store. It only reads; docs/api.md is its reference.
//
// Article text is hostile input (pages from anywhere on the web), so every
// page is rendered through html/template, the API escapes HTML in its
// JSON, and every response carries a Content-Security-Policy that forbids
// inline script.
package server

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/dateline-news/dateline/internal/article"
)

// Store is what the server reads: article.Store without its writes, so
// that the server cannot change a store even by mistake.
type Store interface {
	Get(ctx context.Context, id string) (*article.Article, error)
	Search(ctx context.Context, q article.Query) (*article.SearchResult, error)
	Entities(ctx context.Context, q article.EntityQuery) (*article.EntityList, error)
	EntityMentions(ctx context.Context, name, typ string) ([]article.DayCount, error)
	Quotes(ctx context.Context, q article.QuoteQuery) (*article.QuoteList, error)
	Trends(ctx context.Context, q article.Query) ([]article.DayCount, error)
	Stats(ctx context.Context) (article.Stats, error)
	Stories(ctx context.Context, q article.StoryQuery) (*article.StoryList, error)
	Story(ctx context.Context, id int) (*article.StoryDetail, error)
	Related(ctx context.Context, id string) (*article.Related, error)
}

// EnvToken names the environment variable that holds the token a request
// that writes must present.
const EnvToken = "DATELINE_TOKEN"

// Limits of a request. A search page is a few kilobytes of query string;
// nothing needs a body yet, so the body limit only keeps a future write
// endpoint from being handed gigabytes.
const (
	MaxHeaderBytes = 64 << 10
	MaxBodyBytes   = 1 << 20
	// requestTimeout bounds the store work behind one request, below
	// the server's WriteTimeout so that the answer still gets out.
	requestTimeout = 20 * time.Second
)

// Options tune a Server. The zero value serves read-only with
// slog.Default's logger.
type Options struct {
	// Token, when set, lets a request with any method but GET and HEAD
	// through if it carries "Authorization: Bearer TOKEN". Unset, every
	// such request is refused.
	Token  string
	Logger *slog.Logger
}

// Server serves the API and the UI over a store. It is an http.Handler.
type Server struct {
	store   Store
	log     *slog.Logger
	pages   map[string]*template.Template
	handler http.Handler
}

// New returns a server over st.
func New(st Store, opt Options) (*Server, error) {
	s := &Server{store: st, log: opt.Logger}
	if s.log == nil {
		s.log = slog.Default()
	}
	pages, err := parsePages()
	if err != nil {
		return nil, fmt.Errorf("server: %w", err)
	}
	s.pages = pages
	s.handler = s.logRequests(recoverPanics(s.log, secureHeaders(limitRequest(requireToken(opt.Token, s.routes())))))
	return s, nil
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}

func (s *Server) routes() *http.ServeMux {
	mux := http.NewServeMux()

	mux.HandleFunc("GET /api/search", s.apiSearch)
	mux.HandleFunc("GET /api/articles", s.apiSearch)
	mux.HandleFunc("GET /api/articles/{id}", s.apiArticle)
	mux.HandleFunc("GET /api/quotes", s.apiQuotes)
	mux.HandleFunc("GET /api/entities", s.apiEntities)
	mux.HandleFunc("GET /api/entities/{type}/{name}/mentions", s.apiMentions)
	mux.HandleFunc("GET /api/trends", s.apiTrends)
	mux.HandleFunc("GET /api/stats", s.apiStats)
	mux.HandleFunc("GET /api/stories", s.apiStories)
	mux.HandleFunc("GET /api/stories/{id}", s.apiStory)
	mux.HandleFunc("GET /api/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusNotFound, errorBody{"no such API route: " + r.URL.Path})
	})
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
	})

	mux.HandleFunc("GET /{$}", s.searchPage)
	mux.HandleFunc("GET /articles/{id}", s.articlePage)
	mux.HandleFunc("GET /entities", s.entitiesPage)
	mux.HandleFunc("GET /entities/{type}/{name}", s.entityPage)
	mux.HandleFunc("GET /speakers", s.speakersPage)
	mux.HandleFunc("GET /speakers/{name}", s.speakerPage)
	mux.HandleFunc("GET /quotes", s.quotesPage)
	mux.HandleFunc("GET /trends", s.trendsPage)
	mux.HandleFunc("GET /stories", s.storiesPage)
	mux.HandleFunc("GET /stories/{id}", s.storyPage)
	mux.Handle("GET /static/", staticHandler())
	mux.HandleFunc("GET /", func(w http.ResponseWriter, r *http.Request) {
		s.errorPage(w, r, http.StatusNotFound, "There is no page at this address.")
	})
	return mux
}

// NewHTTPServer returns an http.Server for h at addr with timeouts and a
// header limit, so that a slow or hostile client cannot hold connections
// or memory for long.
func NewHTTPServer(addr string, h http.Handler, log *slog.Logger) *http.Server {
	if log == nil {
		log = slog.Default()
	}
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    MaxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}

// status maps a store error to an HTTP status and a message fit to show:
// the user's mistakes in the store's words, anything else hidden.
func status(err error) (int, string) {
	var qe *article.QueryError
	switch {
	case errors.As(err, &qe):
		return http.StatusBadRequest, qe.Reason
	case errors.Is(err, article.ErrBadQuery):
		return http.StatusBadRequest, "bad query"
	case errors.Is(err, article.ErrNotFound):
		return http.StatusNotFound, "not found"
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable, "the store took too long to answer"
	default:
		return http.StatusInternalServerError, "internal error"
	}
}

// staticFS is the static folder, for the UI's stylesheet.
func staticFS() fs.FS {
	sub, err := fs.Sub(assets, "static")
	if err != nil {
		panic(err) // the folder is embedded: it is there
	}
	return sub
}

func staticHandler() http.Handler {
	files := http.StripPrefix("/static/", http.FileServerFS(staticFS()))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r) // no folder listings
			return
		}
		// The files are embedded: they change only with the binary.
		w.Header().Set("Cache-Control", "public, max-age=3600")
		files.ServeHTTP(w, r)
	})
}
