package app

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/biroadpim/pantau/internal/config"
	"github.com/biroadpim/pantau/pipeline/bus"
	"github.com/biroadpim/pantau/pipeline/process"
)

// Run runs the configured roles until ctx is cancelled or one fails, then
// shuts down in data order: collectors stop, the pipeline stores and
// acknowledges its batch in flight, the HTTP server stops, and Close
// releases NATS and ClickHouse. Run calls Close before returning.
func (a *App) Run(ctx context.Context) error {
	defer a.Close()
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	var collectWG, processWG, serveWG sync.WaitGroup
	fail := func(name string, err error) {
		if err != nil && !errors.Is(err, context.Canceled) {
			a.Log.Error("component failed", "component", name, "err", err)
			cancel(fmt.Errorf("%s: %w", name, err))
		}
	}

	storyCtx, stopStories := context.WithCancel(context.WithoutCancel(ctx))
	defer stopStories()
	var storyWG sync.WaitGroup
	if a.Cfg.HasRole(config.RoleProcess) {
		var assigner process.StoryAssigner
		if a.opts.Stories != nil {
			svc, err := a.opts.Stories(a)
			if err != nil {
				return fmt.Errorf("stories: %w", err)
			}
			assigner = svc
			storyWG.Add(1)
			go func() { defer storyWG.Done(); fail("stories", svc.Run(storyCtx)) }()
		}
		stages := []process.Stage{
			process.Normalize{MaxBodyBytes: a.Cfg.Pipeline.MaxBodyBytes},
			process.Stories{Assigner: assigner, Logger: a.Log.With("component", "stories")},
			process.Analyze{Analyzer: a.opts.Analyzer},
		}
		p, err := process.New(process.Options{
			Config: a.Cfg.Pipeline, JS: a.JS, Sink: a.Store, DeadLetters: bus.NewDeadLetters(a.JS),
			Stages: stages, Metrics: process.NewMetrics(a.Registry), Logger: a.Log.With("component", "pipeline"),
			ModelVersion: a.opts.ModelVersion,
		})
		if err != nil {
			return err
		}
		a.Processor = p
		processWG.Add(1)
		go func() { defer processWG.Done(); fail("pipeline", p.Run(ctx)) }()
	}

	collectCtx, stopCollect := context.WithCancel(ctx)
	defer stopCollect()
	if a.Cfg.HasRole(config.RoleCollect) && a.opts.Collect != nil {
		c, err := a.opts.Collect(a)
		if err != nil {
			return fmt.Errorf("collectors: %w", err)
		}
		collectWG.Add(1)
		go func() { defer collectWG.Done(); fail("collectors", c.Run(collectCtx)) }()
	}

	a.routes()
	var serveComps []Component
	if a.Cfg.HasRole(config.RoleServe) && a.opts.Serve != nil {
		comps, err := a.opts.Serve(a, a.mux)
		if err != nil {
			return fmt.Errorf("serve: %w", err)
		}
		serveComps = comps
	}
	srv := &http.Server{Handler: a.mux, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	serveCtx, stopServe := context.WithCancel(context.WithoutCancel(ctx))
	defer stopServe()
	for _, c := range serveComps {
		serveWG.Add(1)
		go func() { defer serveWG.Done(); fail("serve", c.Run(serveCtx)) }()
	}
	httpDone := make(chan error, 1)
	go func() { httpDone <- srv.Serve(a.httpLn) }()
	a.Log.Info("pantau running", "http_addr", a.HTTPAddr(), "roles", a.Cfg.Roles)

	select {
	case <-ctx.Done():
	case err := <-httpDone:
		if err != nil && !errors.Is(err, http.ErrServerClosed) {
			cancel(fmt.Errorf("http server: %w", err))
		}
	}
	a.Log.Info("shutting down in data order")
	stopCollect()
	collectWG.Wait()
	processWG.Wait() // the pipeline stores and acks its batch in flight
	stopStories()    // the story signatures of the last batch are flushed
	storyWG.Wait()
	stopServe()
	serveWG.Wait()
	sctx, scancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer scancel()
	_ = srv.Shutdown(sctx)
	if err := context.Cause(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return nil
}
