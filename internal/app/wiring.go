package main

import (
	"fmt"

	"github.com/biroadpim/pantau/internal/app"
	"github.com/biroadpim/pantau/internal/config"
	"github.com/biroadpim/pantau/pipeline/nlp"
	"github.com/biroadpim/pantau/pipeline/process"
)

// appOptions wires the optional components (NLP, collectors, API) into the app.
func appOptions(cfg config.Config) (app.Options, error) {
	var o app.Options
	if cfg.HasRole(config.RoleProcess) {
		a, err := nlp.New(nlp.Options{})
		if err != nil {
			return o, fmt.Errorf("load NLP models: %w", err)
		}
		o.Analyzer = process.NLP{A: a}
		o.ModelVersion = nlp.ModelVersion()
	}
	return o, nil
}
