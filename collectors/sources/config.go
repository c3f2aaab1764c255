package sources

import (
	"fmt"
	"reflect"

	"gopkg.in/yaml.v3"
)

// Config is the 'sources:' key of the main configuration. It is either an
// inline list of sources:
//
//	sources:
//	  - name: prokal
//	    kind: news
//	    ...
//
// or a mapping naming a registry file:
//
//	sources:
//	  file: /etc/pantau/sources.yaml
//
// When neither is given the embedded Kaltim registry is used.
type Config struct {
	// File is a registry file; empty means the embedded default.
	File string `yaml:"file"`
	// Inline holds sources given directly in the main config.
	Inline []Source `yaml:"-"`
}

type configMapping struct {
	File string `yaml:"file"`
}

// UnmarshalYAML accepts a list of sources or a {file: path} mapping and
// validates what it decodes.
func (c *Config) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.SequenceNode:
		list, err := DecodeList(n, "config")
		if err != nil {
			return err
		}
		c.Inline = list
		return nil
	case yaml.MappingNode:
		if err := checkKeys(n, reflect.TypeFor[configMapping](), "config"); err != nil {
			return err
		}
		var m configMapping
		if err := n.Decode(&m); err != nil {
			return fmt.Errorf("config:%d: sources: %w", n.Line, err)
		}
		c.File = m.File
		return nil
	}
	return fmt.Errorf("config:%d: sources must be a list of sources or {file: path}", n.Line)
}

// Resolve returns the configured sources: the inline list, the file's, or
// the embedded default.
func (c Config) Resolve() ([]Source, error) {
	switch {
	case len(c.Inline) > 0 && c.File != "":
		return nil, fmt.Errorf("sources: give either an inline list or file, not both")
	case len(c.Inline) > 0:
		return c.Inline, nil
	case c.File != "":
		return Load(c.File)
	}
	return Default(), nil
}

// Validate checks that a configured file can be loaded.
func (c Config) Validate() error {
	_, err := c.Resolve()
	return err
}
