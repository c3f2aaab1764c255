package process

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/biroadpim/pantau/pipeline/bus"
	"github.com/biroadpim/pantau/pipeline/store"
	pantauv1 "github.com/biroadpim/pantau/proto/pantau/v1"
)

// Sink stores a batch of processed documents.
type Sink interface {
	InsertDocuments(ctx context.Context, rows []store.Document) error
}

// DeadLetterer sends a message a stage could not process to the dead-letter subject.
type DeadLetterer interface {
	Send(ctx context.Context, stage, reason, subject string, payload []byte, deliveries uint64, msgID string) error
}

// Options wires a Processor.
type Options struct {
	Config      Config
	JS          jetstream.JetStream
	Sink        Sink
	DeadLetters DeadLetterer
	Stages      []Stage
	Metrics     *Metrics
	Logger      *slog.Logger
	// ModelVersion is recorded on every stored row.
	ModelVersion string
	// Now returns the processing time (tests may fix it).
	Now func() time.Time
}

// Processor is the pipeline's consumer loop.
type Processor struct {
	o       Options
	cons    jetstream.Consumer
	ready   atomic.Bool
	lastErr atomic.Value
}

// New validates the options and returns a processor; Run starts it.
func New(o Options) (*Processor, error) {
	if err := o.Config.Validate(); err != nil {
		return nil, err
	}
	if o.JS == nil || o.Sink == nil || o.DeadLetters == nil {
		return nil, errors.New("process: JS, Sink and DeadLetters are required")
	}
	if o.Metrics == nil {
		o.Metrics = NewMetrics(nil)
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Stages == nil {
		o.Stages = []Stage{Normalize{MaxBodyBytes: o.Config.MaxBodyBytes}, Stories{}, Analyze{}}
	}
	return &Processor{o: o}, nil
}

// Ready reports whether the processor is consuming and its store accepts writes.
func (p *Processor) Ready() error {
	if p.ready.Load() {
		return nil
	}
	if e, ok := p.lastErr.Load().(error); ok && e != nil {
		return e
	}
	return errors.New("pipeline not started")
}

// Run consumes until ctx is cancelled, then finishes the batch in flight
// (store, then acknowledge) within ShutdownTimeout and returns.
func (p *Processor) Run(ctx context.Context) error {
	cons, err := bus.EnsureConsumer(ctx, p.o.JS, p.o.Config.Consumer)
	if err != nil {
		return err
	}
	p.cons = cons
	p.ready.Store(true)
	defer p.ready.Store(false)
	go p.watchLag(ctx)
	for ctx.Err() == nil {
		batch, err := cons.Fetch(p.o.Config.BatchSize, jetstream.FetchMaxWait(p.o.Config.BatchWait))
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			p.o.Logger.Warn("fetch failed", "err", err)
			sleep(ctx, time.Second)
			continue
		}
		var msgs []jetstream.Msg
		for m := range batch.Messages() {
			msgs = append(msgs, m)
		}
		if err := batch.Error(); err != nil && !errors.Is(err, jetstream.ErrNoMessages) && !errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
			p.o.Logger.Warn("fetch ended with error", "err", err, "messages", len(msgs))
		}
		if len(msgs) == 0 {
			continue
		}
		// The batch in flight is finished even when shutdown starts now.
		bctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), p.o.Config.ShutdownTimeout)
		err = p.handleBatch(bctx, ctx, msgs)
		cancel()
		if err != nil {
			return err
		}
	}
	return nil
}

// handleBatch runs the stages on msgs, stores the results and acknowledges.
// stop is the run context: when it is done and the store is still failing,
// the batch is left unacknowledged for redelivery.
func (p *Processor) handleBatch(ctx, stop context.Context, msgs []jetstream.Msg) error {
	start := time.Now()
	now := p.o.Now()
	rows, toAck := p.runStages(ctx, msgs, now)
	backoff := p.o.Config.RetryBackoff
	for attempt := 1; ; attempt++ {
		err := p.o.Sink.InsertDocuments(ctx, rows)
		if err == nil {
			break
		}
		p.o.Metrics.InsertErrors.Inc()
		p.o.Metrics.StoreUp.Set(0)
		p.ready.Store(false)
		p.lastErr.Store(fmt.Errorf("store unavailable: %w", err))
		p.o.Logger.Warn("store rejected batch; retrying", "err", err, "documents", len(rows), "attempt", attempt, "backoff", backoff.String())
		if stop.Err() != nil {
			// Shutting down with the store down: leave the batch for redelivery.
			for _, m := range toAck {
				_ = m.Nak()
			}
			return nil
		}
		for _, m := range toAck {
			_ = m.InProgress() // keep the batch ours while we wait
		}
		if !sleep(stop, backoff) {
			for _, m := range toAck {
				_ = m.Nak()
			}
			return nil
		}
		backoff = min(2*backoff, p.o.Config.MaxRetryBackoff)
	}
	p.o.Metrics.StoreUp.Set(1)
	p.o.Metrics.RowsInserted.Add(float64(len(rows)))
	p.ready.Store(true)
	for _, m := range toAck {
		if err := m.Ack(); err != nil {
			p.o.Logger.Warn("ack failed; the message will be redelivered and replace its own row", "err", err)
		}
	}
	p.o.Metrics.Documents.WithLabelValues("store", "ok").Add(float64(len(rows)))
	p.o.Metrics.BatchDuration.Observe(time.Since(start).Seconds())
	return nil
}

// pending is a message moving through the stages.
type pending struct {
	msg        jetstream.Msg
	item       *Item
	deliveries uint64
	msgID      string
}

// runStages decodes msgs and runs the stages over the batch: a BatchStage
// sees all surviving items at once, other stages one item at a time. Items
// a stage rejects are dead-lettered (and terminated); the rest become rows,
// returned with the messages to acknowledge once they are stored.
func (p *Processor) runStages(ctx context.Context, msgs []jetstream.Msg, now time.Time) ([]store.Document, []jetstream.Msg) {
	items := make([]*pending, 0, len(msgs))
	for _, m := range msgs {
		pd := &pending{msg: m, deliveries: 1, msgID: m.Headers().Get(jetstream.MsgIDHeader)}
		if md, err := m.Metadata(); err == nil {
			pd.deliveries = md.NumDelivered
		}
		if max := p.o.Config.Consumer.MaxDeliver; max > 0 && pd.deliveries > uint64(max) {
			p.deadLetter(ctx, pd, "deliver", fmt.Sprintf("delivered %d times without being stored (max_deliver %d)", pd.deliveries, max))
			continue
		}
		doc := &pantauv1.Document{}
		if err := proto.Unmarshal(m.Data(), doc); err != nil {
			p.deadLetter(ctx, pd, "decode", "cannot decode document: "+err.Error())
			continue
		}
		pd.item = &Item{Doc: doc, Analysis: &pantauv1.Analysis{}}
		items = append(items, pd)
	}
	for _, st := range p.o.Stages {
		errs := p.runStage(ctx, st, items)
		kept := items[:0]
		for i, pd := range items {
			if errs[i] != nil {
				p.deadLetter(ctx, pd, st.Name(), errs[i].Error())
				continue
			}
			kept = append(kept, pd)
		}
		p.o.Metrics.Documents.WithLabelValues(st.Name(), "ok").Add(float64(len(kept)))
		items = kept
	}
	rows := make([]store.Document, 0, len(items))
	toAck := make([]jetstream.Msg, 0, len(items))
	for _, pd := range items {
		if pd.item.Analysis.GetModelVersion() == "" {
			pd.item.Analysis.ModelVersion = p.o.ModelVersion
		}
		rows = append(rows, store.FromProcessed(&pantauv1.ProcessedDocument{Document: pd.item.Doc, Analysis: pd.item.Analysis, ProcessedAt: timestamppb.New(now)}))
		toAck = append(toAck, pd.msg)
	}
	return rows, toAck
}

// runStage runs one stage over the items and returns one error per item.
// A BatchStage that panics is run again item by item, so that only the
// document that caused the panic is dead-lettered.
func (p *Processor) runStage(ctx context.Context, st Stage, items []*pending) []error {
	its := make([]*Item, len(items))
	for i, pd := range items {
		its[i] = pd.item
	}
	if bs, ok := st.(BatchStage); ok {
		if errs, ok := runBatchStage(ctx, bs, its); ok {
			return errs
		}
		p.o.Logger.Warn("batch stage panicked; retrying item by item", "stage", st.Name())
	}
	errs := make([]error, len(its))
	for i, it := range its {
		errs[i] = runItemStage(ctx, st, it)
	}
	return errs
}

func runBatchStage(ctx context.Context, bs BatchStage, its []*Item) (errs []error, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			ok = false
		}
	}()
	errs = bs.ProcessBatch(ctx, its)
	if len(errs) != len(its) {
		errs = make([]error, len(its))
		for i := range errs {
			errs[i] = fmt.Errorf("stage %s returned a wrong number of results", bs.Name())
		}
	}
	return errs, true
}

// runItemStage runs one stage on one item, turning a panic into an error so
// that one bad document cannot stop the pipeline.
func runItemStage(ctx context.Context, st Stage, it *Item) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("stage %s panicked: %v", st.Name(), r)
		}
	}()
	return st.Process(ctx, it)
}

func (p *Processor) deadLetter(ctx context.Context, pd *pending, stage, reason string) {
	m, deliveries, msgID := pd.msg, pd.deliveries, pd.msgID
	p.o.Metrics.Documents.WithLabelValues(stage, "dead_letter").Inc()
	if err := p.o.DeadLetters.Send(ctx, stage, reason, m.Subject(), m.Data(), deliveries, msgID); err != nil {
		// Without a dead letter the message must not be dropped: leave it for redelivery.
		p.o.Logger.Error("dead letter failed; message left for redelivery", "stage", stage, "err", err)
		_ = m.Nak()
		return
	}
	p.o.Metrics.DeadLetters.WithLabelValues(stage).Inc()
	p.o.Logger.Warn("message dead-lettered", "stage", stage, "reason", reason, "subject", m.Subject())
	_ = m.Term()
}

// watchLag publishes the consumer's pending count until ctx ends.
func (p *Processor) watchLag(ctx context.Context) {
	t := time.NewTicker(5 * time.Second)
	defer t.Stop()
	for {
		if info, err := p.cons.Info(ctx); err == nil {
			p.o.Metrics.Pending.Set(float64(info.NumPending + uint64(info.NumAckPending)))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Pending returns the messages not yet acknowledged by the pipeline consumer.
func (p *Processor) Pending(ctx context.Context) (uint64, error) {
	if p.cons == nil {
		return 0, errors.New("pipeline not started")
	}
	info, err := p.cons.Info(ctx)
	if err != nil {
		return 0, err
	}
	return info.NumPending + uint64(info.NumAckPending), nil
}

func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
