package process

import (
	"errors"
	"fmt"
	"time"

	"github.com/biroadpim/pantau/pipeline/bus"
)

// Config configures the pipeline.
type Config struct {
	// BatchSize is the most messages fetched and stored together.
	BatchSize int `yaml:"batch_size" doc:"most documents fetched, processed and stored in one batch"`
	// BatchWait is how long a fetch waits to fill a batch.
	BatchWait time.Duration `yaml:"batch_wait" doc:"how long a fetch waits to fill a batch before storing what it has"`
	// MaxBodyBytes bounds a document's body; larger documents are dead-lettered.
	MaxBodyBytes int `yaml:"max_body_bytes" doc:"largest body accepted; larger documents go to the dead-letter subject"`
	// RetryBackoff is the first wait before retrying a failed store; it doubles up to MaxRetryBackoff.
	RetryBackoff    time.Duration `yaml:"retry_backoff" doc:"first wait before retrying a batch the store rejected (doubles each time)"`
	MaxRetryBackoff time.Duration `yaml:"max_retry_backoff" doc:"longest wait between store retries"`
	// ShutdownTimeout bounds finishing the batch in flight at shutdown.
	ShutdownTimeout time.Duration `yaml:"shutdown_timeout" doc:"time allowed at shutdown to store and acknowledge the batch in flight"`
	// Consumer configures the durable consumer.
	Consumer bus.ConsumerConfig `yaml:"consumer"`
}

// DefaultConfig returns the defaults.
func DefaultConfig() Config {
	return Config{
		BatchSize: 1000, BatchWait: time.Second, MaxBodyBytes: 1 << 20,
		RetryBackoff: 500 * time.Millisecond, MaxRetryBackoff: 30 * time.Second,
		ShutdownTimeout: 20 * time.Second, Consumer: bus.DefaultConsumerConfig(),
	}
}

// Validate reports an unusable configuration.
func (c Config) Validate() error {
	var errs []error
	if c.BatchSize < 1 || c.BatchSize > 10000 {
		errs = append(errs, fmt.Errorf("pipeline.batch_size %d must be between 1 and 10000", c.BatchSize))
	}
	if c.BatchWait < 10*time.Millisecond {
		errs = append(errs, fmt.Errorf("pipeline.batch_wait %s is too short: use at least 10ms", c.BatchWait))
	}
	if c.MaxBodyBytes < 1024 {
		errs = append(errs, fmt.Errorf("pipeline.max_body_bytes %d is too small: use at least 1024", c.MaxBodyBytes))
	}
	if c.RetryBackoff <= 0 || c.MaxRetryBackoff < c.RetryBackoff {
		errs = append(errs, fmt.Errorf("pipeline.retry_backoff %s must be positive and at most max_retry_backoff %s", c.RetryBackoff, c.MaxRetryBackoff))
	}
	if c.ShutdownTimeout <= 0 {
		errs = append(errs, fmt.Errorf("pipeline.shutdown_timeout %s must be positive", c.ShutdownTimeout))
	}
	if err := c.Consumer.Validate(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}
