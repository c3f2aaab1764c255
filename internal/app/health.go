package app

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/biroadpim/pantau/internal/config"
)

// routes registers the operational endpoints.
func (a *App) routes() {
	a.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("ok\n"))
	})
	a.mux.HandleFunc("GET /readyz", a.readyz)
	a.mux.Handle("GET /metrics", promhttp.HandlerFor(a.Registry, promhttp.HandlerOpts{Registry: a.Registry}))
}

// Readiness checks each part this process depends on.
func (a *App) Readiness(ctx context.Context) map[string]string {
	checks := map[string]string{}
	if a.NC != nil {
		if a.NC.Status() == nats.CONNECTED {
			checks["nats"] = "ok"
		} else {
			checks["nats"] = "not connected: " + a.NC.Status().String()
		}
	}
	if a.Store != nil {
		pctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		defer cancel()
		if err := a.Store.Ping(pctx); err != nil {
			checks["clickhouse"] = err.Error()
		} else {
			checks["clickhouse"] = "ok"
		}
	}
	if a.Cfg.HasRole(config.RoleProcess) {
		if a.Processor == nil {
			checks["pipeline"] = "not started"
		} else if err := a.Processor.Ready(); err != nil {
			checks["pipeline"] = err.Error()
		} else {
			checks["pipeline"] = "ok"
		}
	}
	return checks
}

func (a *App) readyz(w http.ResponseWriter, r *http.Request) {
	checks := a.Readiness(r.Context())
	code := http.StatusOK
	for _, v := range checks {
		if v != "ok" {
			code = http.StatusServiceUnavailable
		}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(map[string]any{"ready": code == http.StatusOK, "checks": checks})
}
