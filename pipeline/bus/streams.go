package bus

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// Stream and subject names.
const (
	RawStream     = "PANTAU_RAW"
	RawSubjects   = "pantau.raw.>"
	RawPrefix     = "pantau.raw."
	DLQStream     = "PANTAU_DLQ"
	DLQSubjects   = "pantau.dlq.>"
	DLQPrefix     = "pantau.dlq."
	SeenBucket    = "pantau_seen"
	DefaultMaxAge = 30 * 24 * time.Hour
)

// StreamConfig holds the limits of Pantau's streams.
type StreamConfig struct {
	// MaxAge is how long raw documents are kept in the stream.
	MaxAge time.Duration `yaml:"max_age" doc:"how long raw documents stay in the JetStream stream"`
	// MaxBytes bounds the raw stream's size (0 = unlimited).
	MaxBytes int64 `yaml:"max_bytes" doc:"size limit of the raw stream in bytes (0 = unlimited)"`
	// Duplicates is the publish deduplication window.
	Duplicates time.Duration `yaml:"duplicate_window" doc:"window in which a re-published document id is dropped by the server"`
	// Replicas is the stream replication factor (1 on a single server, 3 on a cluster).
	Replicas int `yaml:"replicas" doc:"stream replicas (1 for one server, 3 on a NATS cluster)"`
	// DLQMaxAge is how long dead letters are kept.
	DLQMaxAge time.Duration `yaml:"dlq_max_age" doc:"how long dead letters are kept"`
}

// DefaultStreamConfig returns the defaults.
func DefaultStreamConfig() StreamConfig {
	return StreamConfig{MaxAge: DefaultMaxAge, Duplicates: 24 * time.Hour, Replicas: 1, DLQMaxAge: 90 * 24 * time.Hour}
}

// Validate reports invalid limits.
func (c StreamConfig) Validate() error {
	var errs []error
	if c.MaxAge < time.Minute {
		errs = append(errs, fmt.Errorf("nats.max_age %s is too short: use at least 1m", c.MaxAge))
	}
	if c.Duplicates <= 0 || c.Duplicates > c.MaxAge {
		errs = append(errs, fmt.Errorf("nats.duplicate_window %s must be positive and not longer than max_age %s", c.Duplicates, c.MaxAge))
	}
	if c.Replicas < 1 || c.Replicas > 5 {
		errs = append(errs, fmt.Errorf("nats.replicas %d must be between 1 and 5", c.Replicas))
	}
	if c.MaxBytes < 0 {
		errs = append(errs, fmt.Errorf("nats.max_bytes %d must not be negative", c.MaxBytes))
	}
	if c.DLQMaxAge < time.Minute {
		errs = append(errs, fmt.Errorf("nats.dlq_max_age %s is too short: use at least 1m", c.DLQMaxAge))
	}
	return errors.Join(errs...)
}

// EnsureStreams creates or updates the raw and dead-letter streams. It is
// idempotent and safe to call from every process at start.
func EnsureStreams(ctx context.Context, js jetstream.JetStream, c StreamConfig) error {
	if c == (StreamConfig{}) {
		c = DefaultStreamConfig()
	}
	if err := c.Validate(); err != nil {
		return err
	}
	maxBytes := c.MaxBytes
	if maxBytes == 0 {
		maxBytes = -1
	}
	streams := []jetstream.StreamConfig{
		{
			Name:        RawStream,
			Description: "Pantau: collected documents",
			Subjects:    []string{RawSubjects},
			Storage:     jetstream.FileStorage,
			Retention:   jetstream.LimitsPolicy,
			MaxAge:      c.MaxAge,
			MaxBytes:    maxBytes,
			Duplicates:  c.Duplicates,
			Replicas:    c.Replicas,
			Discard:     jetstream.DiscardOld,
		},
		{
			Name:        DLQStream,
			Description: "Pantau: messages a stage could not process, with the reason",
			Subjects:    []string{DLQSubjects},
			Storage:     jetstream.FileStorage,
			MaxAge:      c.DLQMaxAge,
			Duplicates:  time.Hour,
			Replicas:    c.Replicas,
		},
	}
	for _, sc := range streams {
		if _, err := js.CreateOrUpdateStream(ctx, sc); err != nil {
			return fmt.Errorf("ensure stream %s: %w", sc.Name, err)
		}
	}
	return nil
}

// ConsumerConfig configures the pipeline's durable pull consumer.
type ConsumerConfig struct {
	// Durable is the consumer name shared by all pipeline replicas.
	Durable string `yaml:"durable" doc:"durable consumer name shared by all pipeline replicas"`
	// AckWait is how long a delivered message may stay unacknowledged.
	AckWait time.Duration `yaml:"ack_wait" doc:"how long a delivered message may stay unacknowledged before redelivery"`
	// MaxDeliver bounds redeliveries before a message goes to the dead-letter subject.
	MaxDeliver int `yaml:"max_deliver" doc:"deliveries before a message is sent to the dead-letter subject"`
	// MaxAckPending bounds messages in flight across replicas.
	MaxAckPending int `yaml:"max_ack_pending" doc:"messages in flight (unacknowledged) across all replicas"`
}

// DefaultConsumerConfig returns the defaults.
func DefaultConsumerConfig() ConsumerConfig {
	return ConsumerConfig{Durable: "pipeline", AckWait: 60 * time.Second, MaxDeliver: 10, MaxAckPending: 5000}
}

// Validate reports an unusable consumer configuration.
func (c ConsumerConfig) Validate() error {
	var errs []error
	if c.Durable == "" {
		errs = append(errs, errors.New("pipeline.consumer.durable is empty: name the consumer"))
	}
	if c.AckWait < time.Second {
		errs = append(errs, fmt.Errorf("pipeline.consumer.ack_wait %s is too short: use at least 1s", c.AckWait))
	}
	if c.MaxDeliver < 2 {
		errs = append(errs, fmt.Errorf("pipeline.consumer.max_deliver %d must be at least 2", c.MaxDeliver))
	}
	if c.MaxAckPending < 1 {
		errs = append(errs, fmt.Errorf("pipeline.consumer.max_ack_pending %d must be positive", c.MaxAckPending))
	}
	return errors.Join(errs...)
}

// EnsureConsumer creates or updates the durable pull consumer on the raw stream.
func EnsureConsumer(ctx context.Context, js jetstream.JetStream, c ConsumerConfig) (jetstream.Consumer, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	cons, err := js.CreateOrUpdateConsumer(ctx, RawStream, jetstream.ConsumerConfig{
		Durable:       c.Durable,
		Description:   "Pantau pipeline",
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       c.AckWait,
		MaxDeliver:    -1, // the pipeline itself dead-letters after MaxDeliver, with the reason
		MaxAckPending: c.MaxAckPending,
		FilterSubject: RawSubjects,
		DeliverPolicy: jetstream.DeliverAllPolicy,
	})
	if err != nil {
		return nil, fmt.Errorf("ensure consumer %s on %s: %w", c.Durable, RawStream, err)
	}
	return cons, nil
}

// EnsureSeenBucket creates or opens the key-value bucket that collectors use
// to remember what they already published.
func EnsureSeenBucket(ctx context.Context, js jetstream.JetStream, replicas int) (jetstream.KeyValue, error) {
	if replicas < 1 {
		replicas = 1
	}
	kv, err := js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{
		Bucket:      SeenBucket,
		Description: "Pantau collectors: documents already published",
		Storage:     jetstream.FileStorage,
		Replicas:    replicas,
	})
	if err != nil {
		return nil, fmt.Errorf("ensure key-value bucket %s: %w", SeenBucket, err)
	}
	return kv, nil
}
