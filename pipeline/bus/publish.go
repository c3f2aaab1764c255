package bus

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	pantauv1 "github.com/biroadpim/pantau/proto/pantau/v1"
)

// sourceName is what a source name may look like: it becomes a subject token.
var sourceName = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,63}$`)

// ErrInvalidDocument marks a document that cannot be published as it is.
var ErrInvalidDocument = errors.New("invalid document")

// ValidSourceName reports whether name can be used as a source (subject token).
func ValidSourceName(name string) bool { return sourceName.MatchString(name) }

// Publisher publishes collected documents on pantau.raw.<source>.
type Publisher struct {
	js jetstream.JetStream
}

// NewPublisher returns a publisher on js.
func NewPublisher(js jetstream.JetStream) *Publisher { return &Publisher{js: js} }

// PublishResult says whether the server stored the message or dropped it as
// a duplicate.
type PublishResult struct {
	Duplicate bool
	Sequence  uint64
}

// Publish validates doc, fills its id and collection time when missing, and
// publishes it with its id as Nats-Msg-Id.
func (p *Publisher) Publish(ctx context.Context, doc *pantauv1.Document) error {
	_, err := p.PublishDoc(ctx, doc)
	return err
}

// PublishDoc is Publish that also reports whether the server dropped the
// message as a duplicate.
func (p *Publisher) PublishDoc(ctx context.Context, doc *pantauv1.Document) (PublishResult, error) {
	msg, err := message(doc)
	if err != nil {
		return PublishResult{}, err
	}
	ack, err := p.js.PublishMsg(ctx, msg)
	if err != nil {
		return PublishResult{}, fmt.Errorf("publish document %s to %s: %w", doc.GetId(), msg.Subject, err)
	}
	return PublishResult{Duplicate: ack.Duplicate, Sequence: ack.Sequence}, nil
}

// message prepares doc and builds its message: subject pantau.raw.<source>,
// the document id (and version) as Nats-Msg-Id.
func message(doc *pantauv1.Document) (*nats.Msg, error) {
	if err := Prepare(doc); err != nil {
		return nil, err
	}
	data, err := proto.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("encode document %s: %w", doc.GetId(), err)
	}
	msg := &nats.Msg{Subject: RawPrefix + doc.GetSource(), Data: data, Header: nats.Header{}}
	msg.Header.Set(jetstream.MsgIDHeader, MsgID(doc.GetId(), doc.GetVersion()))
	return msg, nil
}

// Prepare checks the fields every document needs and fills derivable ones:
// canonical URL, id, version and collection time.
func Prepare(doc *pantauv1.Document) error {
	if doc == nil {
		return fmt.Errorf("%w: nil document", ErrInvalidDocument)
	}
	if !ValidSourceName(doc.GetSource()) {
		return fmt.Errorf("%w: source %q must be lower-case letters, digits, '-' or '_' (at most 64)", ErrInvalidDocument, doc.GetSource())
	}
	if doc.GetCanonicalUrl() == "" && doc.GetUrl() != "" {
		c, err := CanonicalURL(doc.GetUrl())
		if err != nil {
			return fmt.Errorf("%w: %v", ErrInvalidDocument, err)
		}
		doc.CanonicalUrl = c
	}
	if doc.GetId() == "" {
		switch {
		case doc.GetNativeId() != "":
			doc.Id = PostID(doc.GetSource(), doc.GetNativeId())
		case doc.GetCanonicalUrl() != "":
			doc.Id = DocumentID(doc.GetCanonicalUrl())
		default:
			return fmt.Errorf("%w: no url, native id or id to identify it", ErrInvalidDocument)
		}
	}
	if doc.GetKind() == pantauv1.Kind_KIND_UNSPECIFIED {
		doc.Kind = pantauv1.Kind_KIND_ARTICLE
	}
	if doc.GetVersion() == 0 {
		doc.Version = 1
	}
	if doc.GetCollectedAt() == nil {
		doc.CollectedAt = timestamppb.New(time.Now())
	}
	return nil
}

// PublishAsync prepares and publishes doc without waiting for the server's
// acknowledgement; the caller reads the future's Ok/Err channels. The
// JetStream context bounds the number of acknowledgements outstanding.
func (p *Publisher) PublishAsync(doc *pantauv1.Document) (jetstream.PubAckFuture, error) {
	msg, err := message(doc)
	if err != nil {
		return nil, err
	}
	f, err := p.js.PublishMsgAsync(msg)
	if err != nil {
		return nil, fmt.Errorf("publish document %s to %s: %w", doc.GetId(), msg.Subject, err)
	}
	return f, nil
}
