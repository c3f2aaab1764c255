package bus

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"google.golang.org/protobuf/proto"

	pantauv1 "github.com/biroadpim/pantau/proto/pantau/v1"
)

// DeadLetterEntry is one stored dead letter.
type DeadLetterEntry struct {
	Seq    uint64
	Time   time.Time
	Letter *pantauv1.DeadLetter
	// Doc is the payload decoded as a document, when it decodes.
	Doc *pantauv1.Document
}

// ListDeadLetters returns up to limit dead letters (oldest first), of one
// stage or of all when stage is empty.
func ListDeadLetters(ctx context.Context, js jetstream.JetStream, stage string, limit int) ([]DeadLetterEntry, error) {
	st, err := js.Stream(ctx, DLQStream)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", DLQStream, err)
	}
	info, err := st.Info(ctx)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", DLQStream, err)
	}
	var out []DeadLetterEntry
	for seq := info.State.FirstSeq; seq <= info.State.LastSeq && info.State.Msgs > 0 && (limit <= 0 || len(out) < limit); seq++ {
		m, err := st.GetMsg(ctx, seq)
		if errors.Is(err, jetstream.ErrMsgNotFound) {
			continue
		}
		if err != nil {
			return out, fmt.Errorf("read dead letter %d: %w", seq, err)
		}
		e, err := decodeDeadLetter(m)
		if err != nil {
			return out, err
		}
		if stage != "" && e.Letter.GetStage() != stage {
			continue
		}
		out = append(out, e)
	}
	return out, nil
}

func decodeDeadLetter(m *jetstream.RawStreamMsg) (DeadLetterEntry, error) {
	dl := &pantauv1.DeadLetter{}
	if err := proto.Unmarshal(m.Data, dl); err != nil {
		return DeadLetterEntry{}, fmt.Errorf("dead letter %d does not decode: %w", m.Sequence, err)
	}
	e := DeadLetterEntry{Seq: m.Sequence, Time: m.Time, Letter: dl}
	doc := &pantauv1.Document{}
	if proto.Unmarshal(dl.GetPayload(), doc) == nil && doc.GetId() != "" {
		e.Doc = doc
	}
	return e, nil
}

// ReplayDeadLetter publishes the payload of dead letter seq back to its
// original subject, under a new Nats-Msg-Id so the duplicate window does
// not drop it, and (unless keep) deletes the dead letter.
func ReplayDeadLetter(ctx context.Context, js jetstream.JetStream, seq uint64, keep bool) (DeadLetterEntry, error) {
	st, err := js.Stream(ctx, DLQStream)
	if err != nil {
		return DeadLetterEntry{}, fmt.Errorf("open %s: %w", DLQStream, err)
	}
	m, err := st.GetMsg(ctx, seq)
	if err != nil {
		return DeadLetterEntry{}, fmt.Errorf("dead letter %d: %w", seq, err)
	}
	e, err := decodeDeadLetter(m)
	if err != nil {
		return e, err
	}
	subject := e.Letter.GetSubject()
	if len(subject) <= len(RawPrefix) || subject[:len(RawPrefix)] != RawPrefix {
		return e, fmt.Errorf("dead letter %d came from %q, not a raw document subject; it cannot be replayed", seq, subject)
	}
	msg := &nats.Msg{Subject: subject, Data: e.Letter.GetPayload(), Header: nats.Header{}}
	msg.Header.Set(jetstream.MsgIDHeader, fmt.Sprintf("replay:%d:%s", seq, e.Letter.GetMsgId()))
	if _, err := js.PublishMsg(ctx, msg); err != nil {
		return e, fmt.Errorf("replay dead letter %d to %s: %w", seq, subject, err)
	}
	if !keep {
		if err := st.DeleteMsg(ctx, seq); err != nil {
			return e, fmt.Errorf("replayed dead letter %d but could not delete it: %w", seq, err)
		}
	}
	return e, nil
}
