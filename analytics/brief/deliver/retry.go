package deliver

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"
)

// RetryConfig bounds the attempts of one delivery.
type RetryConfig struct {
	Attempts   int           `yaml:"attempts" doc:"attempts per channel and brief before the delivery is recorded as failed"`
	Backoff    time.Duration `yaml:"backoff" doc:"wait before the second attempt; doubled after every failure"`
	MaxBackoff time.Duration `yaml:"max_backoff" doc:"longest wait between two attempts"`
	Timeout    time.Duration `yaml:"timeout" doc:"time limit of one attempt"`
}

// DefaultRetryConfig returns the defaults: 6 attempts over about 15 minutes.
func DefaultRetryConfig() RetryConfig {
	return RetryConfig{Attempts: 6, Backoff: 30 * time.Second, MaxBackoff: 5 * time.Minute, Timeout: time.Minute}
}

// Validate reports unusable values.
func (c RetryConfig) Validate() error {
	if c.Attempts < 1 || c.Backoff < 0 || c.MaxBackoff < c.Backoff || c.Timeout <= 0 {
		return fmt.Errorf("brief.retry: attempts (%d) must be at least 1, backoff (%s) not negative, max_backoff (%s) at least backoff, timeout (%s) positive",
			c.Attempts, c.Backoff, c.MaxBackoff, c.Timeout)
	}
	return nil
}

// Permanent marks an error that retrying cannot fix (bad credentials,
// unknown chat).
type Permanent struct{ Err error }

func (p *Permanent) Error() string { return p.Err.Error() }
func (p *Permanent) Unwrap() error { return p.Err }

// retryAfter asks the retry loop to wait at least After (Telegram 429).
type retryAfter struct {
	Err   error
	After time.Duration
}

func (r *retryAfter) Error() string { return r.Err.Error() }
func (r *retryAfter) Unwrap() error { return r.Err }

// Result is the outcome of Send with retries.
type Result struct {
	Attempts int
	Err      error
}

// Send delivers m on ch, retrying with exponential backoff until it
// succeeds, the error is permanent, attempts run out or ctx ends.
func Send(ctx context.Context, ch Channel, m Message, rc RetryConfig, log *slog.Logger) Result {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	wait := rc.Backoff
	var err error
	for attempt := 1; attempt <= rc.Attempts; attempt++ {
		actx, cancel := context.WithTimeout(ctx, rc.Timeout)
		err = ch.Send(actx, m)
		cancel()
		if err == nil {
			log.Info("brief delivered", "channel", ch.Name(), "date", m.Date, "attempt", attempt)
			return Result{Attempts: attempt}
		}
		var perm *Permanent
		if errors.As(err, &perm) || attempt == rc.Attempts || ctx.Err() != nil {
			log.Error("brief delivery failed", "channel", ch.Name(), "date", m.Date, "attempt", attempt, "err", err)
			return Result{Attempts: attempt, Err: err}
		}
		d := wait
		var ra *retryAfter
		if errors.As(err, &ra) && ra.After > d {
			d = ra.After
		}
		log.Warn("brief delivery attempt failed, retrying", "channel", ch.Name(), "date", m.Date, "attempt", attempt, "retry_in", d, "err", err)
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return Result{Attempts: attempt, Err: fmt.Errorf("%w (stopped: %v)", err, ctx.Err())}
		case <-t.C:
		}
		wait = min(2*wait, rc.MaxBackoff)
	}
	return Result{Attempts: rc.Attempts, Err: err}
}
