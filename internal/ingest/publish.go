package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/biroadpim/pantau/pipeline/bus"
	pantauv1 "github.com/biroadpim/pantau/proto/pantau/v1"
)

// Stats counts what an ingest did.
type Stats struct {
	Lines      int // documents read
	Published  int // stored by the server
	Duplicates int // dropped by the server as already published
	Failed     int // bad lines and publish failures
}

// Documents yields documents one at a time; Next returns a *LineError
// for a bad input line (skipped) and io.EOF at the end.
type Documents interface {
	Next() (*pantauv1.Document, error)
	Line() int
}

// Progress is called now and then with the running counts.
type Progress func(Stats)

// Publish reads every document from r and publishes it asynchronously with
// at most window acknowledgements outstanding. Bad lines are reported to
// onError and skipped.
func Publish(ctx context.Context, js jetstream.JetStream, r Documents, window int, onError func(error), progress Progress) (Stats, error) {
	if window < 1 {
		window = 1024
	}
	pub := bus.NewPublisher(js)
	var st Stats
	type pending struct {
		line int
		f    jetstream.PubAckFuture
	}
	queue := make([]pending, 0, window)
	settle := func(p pending) {
		select {
		case ack := <-p.f.Ok():
			if ack.Duplicate {
				st.Duplicates++
			} else {
				st.Published++
			}
		case err := <-p.f.Err():
			st.Failed++
			onError(&LineError{Line: p.line, Err: fmt.Errorf("gagal terbit ke NATS: %v", err)})
		case <-ctx.Done():
		}
	}
	last := time.Now()
	for {
		if err := ctx.Err(); err != nil {
			return st, err
		}
		doc, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var le *LineError
			if !errors.As(err, &le) {
				return st, err
			}
			st.Failed++
			onError(err)
			continue
		}
		st.Lines++
		if len(queue) == window {
			settle(queue[0])
			queue = queue[1:]
		}
		f, err := pub.PublishAsync(doc)
		if err != nil {
			st.Failed++
			onError(&LineError{Line: r.Line(), Err: err})
			continue
		}
		queue = append(queue, pending{line: r.Line(), f: f})
		if progress != nil && time.Since(last) > time.Second {
			progress(st)
			last = time.Now()
		}
	}
	for _, p := range queue {
		settle(p)
	}
	if progress != nil {
		progress(st)
	}
	return st, ctx.Err()
}
