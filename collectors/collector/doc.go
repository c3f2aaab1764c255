// Package collector is the collection component of Pantau: it runs the
// sources of the registry (news portals through package news; Telegram,
// Mastodon and YouTube through their packages) on their intervals or once,
// versions what they find against the seen store (a JetStream key-value
// bucket), publishes new and changed documents on pantau.raw.<source>, and
// exports per-source Prometheus metrics.
//
// Wiring:
//
//	kv, _ := bus.EnsureSeenBucket(ctx, js, 1)
//	c, err := collector.New(collector.Options{
//		Sources:    list,                   // sources.Select(...)
//		Publisher:  bus.NewPublisher(js),
//		Seen:       seen.NewKV(kv),
//		Registerer: prometheus.DefaultRegisterer,
//		Logger:     logger.With("component", "collector"),
//		Config:     cfg.Collector,
//	})
//	err = c.Run(ctx) // or c.RunOnce(ctx)
package collector
