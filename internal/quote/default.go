package quote

import "errors"

// Default returns the finder with the shipped model, loaded once.
func Default() (*Finder, error) { return nil, errors.New("quote: no model yet") }
