package brief

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/biroadpim/pantau/analytics/brief/deliver"
)

// Clock is the scheduler's view of time (tests inject a fake one).
type Clock interface {
	Now() time.Time
	After(d time.Duration) <-chan time.Time
}

type realClock struct{}

func (realClock) Now() time.Time                         { return time.Now() }
func (realClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// Options are what New needs besides the configuration.
type Options struct {
	Config Config
	// Conn reads documents and keeps the archive (store.Store.Conn()).
	Conn driver.Conn
	// Outlets maps source names to display titles (from the source registry).
	Outlets map[string]string
	// Log receives the scheduler's and the deliveries' records.
	Log *slog.Logger
	// Clock defaults to the wall clock.
	Clock Clock
	// Channels override the channels built from Config (tests).
	Channels []deliver.Channel
	// PDF renders the PDF (default: Chromium at Config.Chromium).
	PDF *PDFRenderer
}

// Service generates, archives, delivers and serves the morning briefs.
type Service struct {
	cfg      Config
	conn     driver.Conn
	gen      *Generator
	clock    Clock
	log      *slog.Logger
	channels []deliver.Channel
	pdf      PDFRenderer
	schedule time.Duration
	mu       sync.Mutex // one generation or delivery pass at a time
}

// New validates the configuration, reads the secret files and builds the
// service. It does not start anything: Register serves the archive, Run
// schedules generation and delivery.
func New(o Options) (*Service, error) {
	cfg := o.Config
	if err := cfg.LoadSecrets(); err != nil {
		return nil, fmt.Errorf("brief: %w", err)
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Clock == nil {
		o.Clock = realClock{}
	}
	gen, err := NewGenerator(o.Conn, cfg, GeneratorOptions{Outlets: o.Outlets, Now: o.Clock.Now, Log: o.Log})
	if err != nil {
		return nil, err
	}
	sched, _ := parseClock(cfg.Schedule)
	s := &Service{cfg: cfg, conn: o.Conn, gen: gen, clock: o.Clock, log: o.Log, channels: o.Channels, schedule: sched,
		pdf: PDFRenderer{Chromium: cfg.Chromium}}
	if s.channels == nil {
		s.channels = deliver.Channels(cfg.Email, cfg.Telegram, cfg.Webhook)
	}
	if o.PDF != nil {
		s.pdf = *o.PDF
	}
	return s, nil
}

// Generator returns the service's generator.
func (s *Service) Generator() *Generator { return s.gen }

// Render generates the brief of date and renders every format; without
// Chromium the PDF is left out (and logged), the rest still rendered.
func (s *Service) Render(ctx context.Context, date time.Time) (*Rendered, error) {
	return RenderAll(ctx, s.gen, s.pdf, date, s.log)
}

// RenderAll generates the brief of date with g and renders every format.
func RenderAll(ctx context.Context, g *Generator, pdf PDFRenderer, date time.Time, log *slog.Logger) (*Rendered, error) {
	b, err := g.Generate(ctx, date)
	if err != nil {
		return nil, err
	}
	r := &Rendered{Brief: b}
	if r.HTML, err = HTML(b); err != nil {
		return nil, err
	}
	if r.Markdown, err = Markdown(b); err != nil {
		return nil, err
	}
	if r.JSON, err = JSON(b); err != nil {
		return nil, err
	}
	if r.PDF, err = pdf.PDF(ctx, r.HTML); err != nil {
		if log != nil {
			log.Warn("brief pdf not rendered; delivering without it", "date", b.Date, "err", err)
		}
		r.PDF = nil
	}
	return r, nil
}

// due returns the scheduled time of the brief of date.
func (s *Service) due(date time.Time) time.Time {
	d := date.In(WITA)
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, WITA).Add(s.schedule)
}

// latestDue returns the date of the newest brief whose time has come at now.
func (s *Service) latestDue(now time.Time) time.Time {
	n := now.In(WITA)
	today := time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, WITA)
	if now.Before(s.due(today)) {
		return today.AddDate(0, 0, -1)
	}
	return today
}

// ArchiveCatchUpDays is how many missed days before the latest due brief
// are generated for the archive after downtime (they are not delivered).
const ArchiveCatchUpDays = 2

// recheck is the wait before another pass when something failed.
const recheck = 5 * time.Minute

// Run generates and delivers the briefs on schedule until ctx ends. It
// never fails the process: errors are logged and retried at the next pass.
func (s *Service) Run(ctx context.Context) error {
	if !s.cfg.Enabled {
		s.log.Info("morning brief schedule disabled (brief.enabled=false); the archive is still served")
		<-ctx.Done()
		return nil
	}
	s.log.Info("morning brief scheduled", "at", s.cfg.Schedule+" WITA", "channels", len(s.channels))
	for {
		ok := s.tick(ctx)
		if ctx.Err() != nil {
			return nil
		}
		now := s.clock.Now()
		wait := s.due(s.latestDue(now).AddDate(0, 0, 1)).Sub(now)
		if !ok && wait > recheck {
			wait = recheck
		}
		if wait < time.Second {
			wait = time.Second
		}
		select {
		case <-ctx.Done():
			return nil
		case <-s.clock.After(wait):
		}
	}
}

// tick is one scheduling pass at the clock's time: missing briefs of the
// last days are generated and archived, and the latest one is delivered on
// every channel that has not received it, unless it is more than CatchUp
// late. It reports whether everything succeeded.
func (s *Service) tick(ctx context.Context) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.clock.Now()
	latest := s.latestDue(now)
	ok := true
	for i := ArchiveCatchUpDays; i >= 0; i-- {
		date := latest.AddDate(0, 0, -i)
		key := date.Format("2006-01-02")
		r, err := s.load(ctx, key)
		if err != nil {
			s.log.Error("brief archive unavailable", "date", key, "err", err)
			return false
		}
		if r == nil {
			start := time.Now()
			if r, err = s.Render(ctx, date); err != nil {
				s.log.Error("brief generation failed", "date", key, "err", err)
				ok = false
				continue
			}
			if err := s.save(ctx, r); err != nil {
				s.log.Error("brief archive failed", "date", key, "err", err)
				ok = false
				continue
			}
			s.log.Info("brief generated", "date", key, "documents", r.Brief.Headline.Total.N, "took", time.Since(start).Round(time.Millisecond))
		}
		if i > 0 {
			continue
		}
		if late := now.Sub(s.due(date)); late > s.cfg.CatchUp {
			s.log.Warn("brief not delivered: too late after downtime; it is in the archive", "date", key, "late", late.Round(time.Minute))
			continue
		}
		if !s.deliver(ctx, key, r) {
			ok = false
		}
	}
	return ok
}

type deliverResult = deliver.Result

// deliver sends r on every channel that has not received it yet.
func (s *Service) deliver(ctx context.Context, date string, r *Rendered) bool {
	if len(s.channels) == 0 {
		return true
	}
	done, err := s.delivered(ctx, date)
	if err != nil {
		s.log.Error("brief deliveries unavailable", "date", date, "err", err)
		return false
	}
	m := deliver.Message{Date: date, Text: string(r.Markdown), HTML: string(r.HTML), PDF: r.PDF, JSON: r.JSON}
	if r.Brief != nil {
		m.Subject = Subject(r.Brief)
	} else {
		m.Subject = "Brief Isu Pagi " + date
		if b, err := decodeBrief(r.JSON); err == nil {
			m.Subject = Subject(b)
		}
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	ok := true
	for _, ch := range s.channels {
		if done[ch.Name()] == StatusOK {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			res := deliver.Send(ctx, ch, m, s.cfg.Retry, s.log.With("component", "brief"))
			// Record even when ctx ended: the outcome must survive a restart.
			if err := s.record(context.WithoutCancel(ctx), date, ch.Name(), res); err != nil {
				s.log.Error("brief delivery not recorded", "date", date, "channel", ch.Name(), "err", err)
			}
			if res.Err != nil {
				mu.Lock()
				ok = false
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return ok
}

// ErrNotYet is returned for a brief whose period has not ended.
var ErrNotYet = errors.New("brief period has not ended")
