//go:build !unix

package sqlite_test

import "time"

// cpuTime is not measured here; benchmarks then skip per-CPU figures.
func cpuTime() time.Duration { return 0 }
