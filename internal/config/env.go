package config

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"time"
)

var errEOF = io.EOF

// EnvPrefix starts every environment variable Pantau reads.
const EnvPrefix = "PANTAU_"

// field is one leaf setting found by walking the Config struct.
type field struct {
	Key    string // yaml path, e.g. clickhouse.dsn
	Env    string // PANTAU_CLICKHOUSE_DSN
	Doc    string
	Secret bool
	Value  reflect.Value
	Type   reflect.Type
}

// fields walks v (a pointer to a struct) and returns its settable leaves.
func fields(v reflect.Value, prefix string) []field {
	v = v.Elem()
	t := v.Type()
	var out []field
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		tag := strings.Split(sf.Tag.Get("yaml"), ",")[0]
		if tag == "" || tag == "-" || !sf.IsExported() {
			continue
		}
		key := tag
		if prefix != "" {
			key = prefix + "." + tag
		}
		fv := v.Field(i)
		if sf.Type.Kind() == reflect.Struct && sf.Type != reflect.TypeOf(time.Duration(0)) {
			out = append(out, fields(fv.Addr(), key)...)
			continue
		}
		if !supported(sf.Type) {
			continue
		}
		out = append(out, field{
			Key: key, Env: EnvPrefix + strings.ToUpper(strings.ReplaceAll(key, ".", "_")),
			Doc: sf.Tag.Get("doc"), Secret: sf.Tag.Get("secret") == "true", Value: fv, Type: sf.Type,
		})
	}
	return out
}

func supported(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int64, reflect.Float64:
		return true
	case reflect.Slice:
		return t.Elem().Kind() == reflect.String
	}
	return false
}

// ApplyEnv sets fields from PANTAU_* variables in env ("KEY=value" form).
// An unknown PANTAU_ variable is an error, so typos do not pass silently.
func ApplyEnv(c *Config, env []string) error {
	byEnv := map[string]field{}
	for _, f := range fields(reflect.ValueOf(c), "") {
		byEnv[f.Env] = f
	}
	var errs []error
	for _, kv := range env {
		name, val, ok := strings.Cut(kv, "=")
		if !ok || !strings.HasPrefix(name, EnvPrefix) {
			continue
		}
		f, known := byEnv[name]
		if !known {
			if ignoredEnv[name] || strings.HasPrefix(name, "PANTAU_TEST_") {
				continue
			}
			errs = append(errs, fmt.Errorf("environment variable %s is not a Pantau setting; see docs/config.md", name))
			continue
		}
		if err := setValue(f.Value, val); err != nil {
			errs = append(errs, fmt.Errorf("environment variable %s: %w", name, err))
		}
	}
	return errors.Join(errs...)
}

// ignoredEnv are PANTAU_ variables read elsewhere (tools, tests, secrets of components).
var ignoredEnv = map[string]bool{
	"PANTAU_CHDB_LIB": true, "PANTAU_TEST_CLICKHOUSE_DSN": true, "PANTAU_YOUTUBE_API_KEY": true,
	"PANTAU_CONFIG": true,
}

// Set sets the setting named by its yaml key (e.g. "clickhouse.dsn") from text.
func Set(c *Config, key, val string) error {
	for _, f := range fields(reflect.ValueOf(c), "") {
		if f.Key == key {
			return setValue(f.Value, val)
		}
	}
	return fmt.Errorf("unknown setting %q", key)
}

func setValue(v reflect.Value, s string) error {
	s = strings.TrimSpace(s)
	switch {
	case v.Type() == reflect.TypeOf(time.Duration(0)):
		d, err := time.ParseDuration(s)
		if err != nil {
			return fmt.Errorf("%q is not a duration (e.g. 30s, 5m, 24h)", s)
		}
		v.SetInt(int64(d))
	case v.Kind() == reflect.String:
		v.SetString(s)
	case v.Kind() == reflect.Bool:
		b, err := strconv.ParseBool(s)
		if err != nil {
			return fmt.Errorf("%q is not true or false", s)
		}
		v.SetBool(b)
	case v.Kind() == reflect.Int || v.Kind() == reflect.Int64:
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return fmt.Errorf("%q is not a whole number", s)
		}
		v.SetInt(n)
	case v.Kind() == reflect.Float64:
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return fmt.Errorf("%q is not a number", s)
		}
		v.SetFloat(f)
	case v.Kind() == reflect.Slice:
		var parts []string
		for _, p := range strings.Split(s, ",") {
			if p = strings.TrimSpace(p); p != "" {
				parts = append(parts, p)
			}
		}
		v.Set(reflect.ValueOf(parts))
	default:
		return fmt.Errorf("unsupported setting type %s", v.Type())
	}
	return nil
}
