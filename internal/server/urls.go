package server

import (
	"net/url"
	"strconv"
)

// The UI's addresses. Names become one escaped path segment each, so a
// name with a slash, a question mark or markup stays one name. The
// template escapes them again for the attribute.

func articleURL(id string) string { return "/articles/" + segment(id) }

func entityURL(name, typ string) string {
	return "/entities/" + segment(typ) + "/" + segment(name)
}

func speakerURL(name string) string { return "/speakers/" + segment(name) }

// segment escapes s as one path segment. (A name that is only "." or
// ".." cannot be one: URL parsers resolve it, escaped or not.)
func segment(s string) string { return url.PathEscape(s) }

// withQuery returns path with v as its query string.
func withQuery(path string, v url.Values) string {
	if len(v) == 0 {
		return path
	}
	return path + "?" + v.Encode()
}

func anchor(p int) string { return "p" + strconv.Itoa(p) }

// typeName spells an entity type for people.
func typeName(t string) string {
	switch t {
	case "PER":
		return "person"
	case "ORG":
		return "organisation"
	case "LOC":
		return "place"
	case "MISC":
		return "other"
	}
	return t
}
