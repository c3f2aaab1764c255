// Package scripts holds the tests of the repository's shell scripts (the
// vulnerability gate run by make test). It has no code of its own.
package scripts
