package clean

import (
	"net/url"
	"strings"
)

func publisher(sitename, pageURL string, body Body) string {
	if s := strings.TrimSpace(sitename); s != "" {
		return s
	}
	return ""
}

func publicationDate(hint, metaDate, pageURL string, body Body) (date, from string) {
	if hint != "" {
		return hint, "metadata"
	}
	if metaDate != "" {
		return metaDate, "metadata"
	}
	_ = url.Parse
	return "", ""
}
