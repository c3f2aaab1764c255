package app

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/biroadpim/pantau/collectors/collector"
	"github.com/biroadpim/pantau/collectors/seen"
	"github.com/biroadpim/pantau/collectors/sources"
	"github.com/biroadpim/pantau/internal/config"
	"github.com/biroadpim/pantau/pipeline/bus"
	"github.com/biroadpim/pantau/pipeline/nlp"
	"github.com/biroadpim/pantau/pipeline/process"
)

// DefaultOptions wires the components of the configured roles: the NLP
// analyzer for the pipeline and the collectors.
func DefaultOptions(cfg config.Config) (Options, error) {
	var o Options
	if cfg.HasRole(config.RoleProcess) {
		a, err := nlp.New(nlp.Options{})
		if err != nil {
			return o, fmt.Errorf("load NLP models: %w", err)
		}
		o.Analyzer = process.NLP{A: a}
		o.ModelVersion = nlp.ModelVersion()
	}
	if cfg.HasRole(config.RoleCollect) {
		o.Collect = func(a *App) (Component, error) { return newCollector(a) }
	}
	return o, nil
}

// newCollector builds the collectors on the app's NATS connection.
func newCollector(a *App) (*collector.Collector, error) {
	all, err := a.Cfg.SourceList()
	if err != nil {
		return nil, err
	}
	selected, err := sources.Select(all, "")
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	kv, err := bus.EnsureSeenBucket(ctx, a.JS, a.Cfg.NATS.Streams.Replicas)
	if err != nil {
		return nil, err
	}
	return collector.New(collector.Options{
		Sources:       selected,
		Publisher:     bus.NewPublisher(a.JS),
		Seen:          seen.NewKV(kv),
		Registerer:    a.Registry,
		Logger:        a.Log.With("component", "collector"),
		Config:        a.Cfg.Collector,
		YouTubeAPIKey: os.Getenv("PANTAU_YOUTUBE_API_KEY"),
	})
}
