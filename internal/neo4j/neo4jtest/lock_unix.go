//go:build unix

package neo4jtest

import (
	"os"
	"syscall"
)

// lockExclusive blocks until f is locked; the lock goes with the process.
func lockExclusive(f *os.File) error {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if err != syscall.EINTR {
			return err
		}
	}
}
