//go:build race

package dates

// raceEnabled shrinks the large-input test under the race detector, which
// slows the scanner about tenfold without adding anything to check there.
const raceEnabled = true
