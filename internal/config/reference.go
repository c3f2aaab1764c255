package config

import (
	"fmt"
	"reflect"
	"strings"
	"time"
)

// Reference renders the configuration reference (docs/config.md) from the
// Config struct: every key, its environment variable, type, default and
// meaning.
func Reference() string {
	def := Default()
	var b strings.Builder
	b.WriteString("# Configuration reference\n\n")
	b.WriteString("Generated from the code by `pantau config reference`; a test fails when this file drifts.\n")
	b.WriteString("Precedence: defaults < YAML file (`--config`, strict: unknown keys are errors) < `PANTAU_*`\n")
	b.WriteString("environment variables < command-line flags. Lists are comma-separated in environment variables.\n")
	b.WriteString("Secrets (marked) belong in environment variables or files, never in a committed YAML file.\n\n")
	b.WriteString("| key | environment variable | type | default | description |\n|---|---|---|---|---|\n")
	for _, f := range fields(reflect.ValueOf(&def), "") {
		doc := f.Doc
		if f.Secret {
			doc += " **(secret)**"
		}
		fmt.Fprintf(&b, "| `%s` | `%s` | %s | %s | %s |\n", f.Key, f.Env, typeName(f.Type), defaultText(f), doc)
	}
	return b.String()
}

func typeName(t reflect.Type) string {
	switch {
	case t == reflect.TypeOf(time.Duration(0)):
		return "duration"
	case t.Kind() == reflect.Slice:
		return "list of strings"
	case t.Kind() == reflect.Int || t.Kind() == reflect.Int64:
		return "integer"
	case t.Kind() == reflect.Float64:
		return "number"
	}
	return t.Kind().String()
}

func defaultText(f field) string {
	v := f.Value
	switch {
	case f.Type == reflect.TypeOf(time.Duration(0)):
		return "`" + time.Duration(v.Int()).String() + "`"
	case v.Kind() == reflect.Slice:
		if v.Len() == 0 {
			return "(none)"
		}
		parts := make([]string, v.Len())
		for i := range parts {
			parts[i] = v.Index(i).String()
		}
		return "`" + strings.Join(parts, ",") + "`"
	case v.Kind() == reflect.String && v.String() == "":
		return "(empty)"
	}
	return fmt.Sprintf("`%v`", v.Interface())
}
