package bus

import (
	"context"
	"fmt"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	pantauv1 "github.com/biroadpim/pantau/proto/pantau/v1"
)

// Header names set on dead letters so they can be read without decoding.
const (
	HeaderDLQReason = "Pantau-Dlq-Reason"
	HeaderDLQStage  = "Pantau-Dlq-Stage"
)

// DeadLetters publishes messages a stage could not process to pantau.dlq.<stage>.
type DeadLetters struct {
	js jetstream.JetStream
}

// NewDeadLetters returns a dead-letter publisher on js.
func NewDeadLetters(js jetstream.JetStream) *DeadLetters { return &DeadLetters{js: js} }

// Send publishes the failed message with the stage and the reason. msgID,
// when set, makes repeated sends of the same failure idempotent.
func (d *DeadLetters) Send(ctx context.Context, stage, reason, subject string, payload []byte, deliveries uint64, msgID string) error {
	dl := &pantauv1.DeadLetter{
		Stage: stage, Reason: reason, Subject: subject, Payload: payload,
		FailedAt: timestamppb.New(time.Now()), Deliveries: deliveries, MsgId: msgID,
	}
	data, err := proto.Marshal(dl)
	if err != nil {
		return fmt.Errorf("encode dead letter: %w", err)
	}
	m := &nats.Msg{Subject: DLQPrefix + stage, Data: data, Header: nats.Header{}}
	m.Header.Set(HeaderDLQReason, truncate(reason, 1024))
	m.Header.Set(HeaderDLQStage, stage)
	if msgID != "" {
		m.Header.Set(jetstream.MsgIDHeader, "dlq:"+stage+":"+msgID)
	}
	if _, err := d.js.PublishMsg(ctx, m); err != nil {
		return fmt.Errorf("publish dead letter to %s: %w", m.Subject, err)
	}
	return nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
