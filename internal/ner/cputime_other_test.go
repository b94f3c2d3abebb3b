//go:build !unix

package ner

import "time"

// cpuTime is unknown here: the tests fall back to wall-clock time.
func cpuTime() time.Duration { return 0 }
