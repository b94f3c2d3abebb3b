//go:build !unix

package langeval

import "time"

// cpuTime is not measured here; Result.CPUNsPerCall stays 0.
func cpuTime() time.Duration { return 0 }
