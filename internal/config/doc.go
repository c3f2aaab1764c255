// Package config assembles Pantau's configuration from the components'
// own Config structs. Precedence: defaults < YAML file (strict: unknown keys
// are errors) < PANTAU_* environment variables < command-line flags. The
// reference document docs/config.md is generated from these structs (their
// yaml and doc tags); a test fails when it drifts.
package config
