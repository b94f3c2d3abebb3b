package server

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestSecurityHeaders(t *testing.T) {
	s := newTestServer(t, Options{})
	for _, target := range []string{"/", "/?q=%22", "/nothing", "/static/style.css", "/api/search?q=nato", "/api/articles/x", "/api/nothing", "/healthz"} {
		for _, method := range []string{"GET", "HEAD", "POST"} {
			res, _ := get(t, s, method, target)
			h := res.Header
			for key, want := range map[string]string{
				"Content-Security-Policy": contentSecurityPolicy,
				"X-Content-Type-Options":  "nosniff",
				"X-Frame-Options":         "DENY",
				"Referrer-Policy":         "no-referrer",
			} {
				if got := h.Get(key); got != want {
					t.Errorf("%s %s: %s = %q, want %q", method, target, key, got, want)
				}
			}
		}
	}
	for _, part := range []string{"default-src 'self'", "style-src 'self'", "img-src 'self' data:", "frame-ancestors 'none'", "object-src 'none'"} {
		if !strings.Contains(contentSecurityPolicy, part) {
			t.Errorf("the policy lacks %s", part)
		}
	}
	if strings.Contains(contentSecurityPolicy, "unsafe-inline") || strings.Contains(contentSecurityPolicy, "unsafe-eval") {
		t.Errorf("the policy allows inline code: %s", contentSecurityPolicy)
	}
}

func TestWritesNeedToken(t *testing.T) {
	tests := []struct {
		name   string
		token  string // the server's
		method string
		auth   string // the request's Authorization header
		status int
	}{
		{"read without token", "", "GET", "", 200},
		{"head without token", "", "HEAD", "", 200},
		{"write, server has no token", "", "POST", "", 403},
		{"write, server has no token, client sends one", "", "POST", "Bearer ", 403},
		{"delete, server has no token", "", "DELETE", "", 403},
		{"write without credentials", "s3cret", "POST", "", 401},
		{"write with a wrong token", "s3cret", "PUT", "Bearer s3cre", 401},
		{"write with a longer token", "s3cret", "PUT", "Bearer s3cret0", 401},
		{"write with another scheme", "s3cret", "POST", "Basic s3cret", 401},
		// Past the check, the router finds no write route.
		{"write with the token", "s3cret", "POST", "Bearer s3cret", 405},
		{"read with a token configured", "s3cret", "GET", "", 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t, Options{Token: tt.token})
			req := httptest.NewRequest(tt.method, "/api/search", strings.NewReader(`{}`))
			if tt.auth != "" {
				req.Header.Set("Authorization", tt.auth)
			}
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, req)
			if rec.Code != tt.status {
				t.Errorf("status %d, want %d: %s", rec.Code, tt.status, rec.Body)
			}
			if rec.Code == 401 && rec.Header().Get("WWW-Authenticate") == "" {
				t.Error("401 without WWW-Authenticate")
			}
		})
	}
}

func TestBodyLimited(t *testing.T) {
	var read int64
	var readErr error
	h := limitRequest(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		read, readErr = io.Copy(io.Discard, r.Body)
	}))
	req := httptest.NewRequest("POST", "/", bytes.NewReader(make([]byte, MaxBodyBytes+1)))
	h.ServeHTTP(httptest.NewRecorder(), req)
	if readErr == nil || read > MaxBodyBytes {
		t.Errorf("read %d bytes, err %v; want at most %d and an error", read, readErr, MaxBodyBytes)
	}
}

func TestHTTPServerLimits(t *testing.T) {
	srv := NewHTTPServer("127.0.0.1:0", http.NotFoundHandler(), nil)
	if srv.ReadHeaderTimeout <= 0 || srv.ReadTimeout <= 0 || srv.WriteTimeout <= 0 || srv.IdleTimeout <= 0 {
		t.Errorf("timeouts unset: %+v", srv)
	}
	if srv.WriteTimeout <= requestTimeout {
		t.Errorf("WriteTimeout %v should outlast the request timeout %v", srv.WriteTimeout, requestTimeout)
	}
	if srv.MaxHeaderBytes != MaxHeaderBytes {
		t.Errorf("MaxHeaderBytes %d", srv.MaxHeaderBytes)
	}

	// Over the wire: a header past the limit is refused.
	ts := httptest.NewUnstartedServer(newTestServer(t, Options{}))
	ts.Config = NewHTTPServer("", ts.Config.Handler, nil)
	ts.Start()
	defer ts.Close()
	req, _ := http.NewRequest("GET", ts.URL+"/healthz", nil)
	req.Header.Set("X-Big", strings.Repeat("a", 2*MaxHeaderBytes))
	res, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("status %d for a huge header", res.StatusCode)
	}
}

func TestRequestLog(t *testing.T) {
	var buf bytes.Buffer
	s := newTestServer(t, Options{Logger: slog.New(slog.NewTextHandler(&buf, nil))})
	get(t, s, "GET", "/api/search?q=%22")
	line := buf.String()
	for _, want := range []string{"msg=request", "method=GET", "path=/api/search", "status=400", "duration="} {
		if !strings.Contains(line, want) {
			t.Errorf("log lacks %s: %s", want, line)
		}
	}
}

func TestPanicIsA500(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(slog.NewTextHandler(&buf, nil))
	h := recoverPanics(log, http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if rec.Code != 500 || !strings.Contains(buf.String(), "boom") {
		t.Errorf("status %d, log %q", rec.Code, buf.String())
	}
}

func TestRequestsHaveADeadline(t *testing.T) {
	var deadline time.Time
	h := limitRequest(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		deadline, _ = r.Context().Deadline()
	}))
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
	if deadline.IsZero() || time.Until(deadline) > requestTimeout {
		t.Errorf("deadline %v", deadline)
	}
}
