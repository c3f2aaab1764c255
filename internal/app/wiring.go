package app

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"time"

	analyticsapi "github.com/biroadpim/pantau/analytics/api"
	"github.com/biroadpim/pantau/analytics/brief"
	"github.com/biroadpim/pantau/analytics/leaders"
	"github.com/biroadpim/pantau/analytics/stories"
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
	var analyzer *nlp.Analyzer
	if cfg.HasRole(config.RoleProcess) || cfg.HasRole(config.RoleServe) {
		a, err := nlp.New(nlp.Options{})
		if err != nil {
			return o, fmt.Errorf("load NLP models: %w", err)
		}
		analyzer = a
	}
	if cfg.HasRole(config.RoleProcess) {
		o.Analyzer = process.NLP{A: analyzer}
		o.ModelVersion = nlp.ModelVersion()
		o.Stories = func(a *App) (StoryService, error) {
			return stories.New(a.Store.Conn(), a.Cfg.Stories, a.Log.With("component", "stories"))
		}
	}
	if cfg.HasRole(config.RoleServe) {
		o.Serve = func(a *App, mux *http.ServeMux) ([]Component, error) {
			tokens, err := a.Cfg.APITokens()
			if err != nil {
				return nil, err
			}
			api, err := analyticsapi.New(analyticsapi.Options{
				Conn:        a.Store.Conn(),
				Logger:      a.Log.With("component", "api"),
				Tokens:      tokens,
				RequireAuth: !config.IsLoopback(a.Cfg.HTTPAddr),
				Analyzer: analyticsapi.AnalyzerFunc(func(title, lead, body string) any {
					return analyzer.AnalyzeDocument(title, lead, body)
				}),
				Scorer: leaders.ToneFunc(func(text string) float64 { return analyzer.Analyze(text).Sentiment.Score }),
			})
			if err != nil {
				return nil, err
			}
			api.Register(mux)
			outlets := map[string]string{}
			if srcs, err := a.Cfg.SourceList(); err == nil {
				for _, s := range srcs {
					outlets[s.Name] = s.Title
				}
			}
			svc, err := brief.New(brief.Options{Config: a.Cfg.Brief, Conn: a.Store.Conn(), Outlets: outlets, Log: a.Log.With("component", "brief")})
			if err != nil {
				return nil, err
			}
			// The archive sits behind the API's token check and rate limit.
			briefs := http.NewServeMux()
			svc.Register(briefs)
			mux.Handle(brief.ArchivePath, api.Protect(briefs))
			return []Component{svc}, nil
		}
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
