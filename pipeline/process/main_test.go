package process

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/biroadpim/pantau/pipeline/bus"
	"github.com/biroadpim/pantau/pipeline/chhttp/chhttptest"
	"github.com/biroadpim/pantau/pipeline/store"
)

// These tests run the real embedded NATS server and the real ClickHouse
// engine (through its HTTP interface, as in production over HTTP).

var (
	engineAddr string // host:port of the engine's HTTP interface
	skipReason string
)

func TestMain(m *testing.M) {
	os.Exit(func() int {
		env, err := chhttptest.Start("")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer env.Close()
		skipReason, engineAddr = env.Skip, env.Addr
		return m.Run()
	}())
}

var dbSeq int

// openStore opens a fresh database on addr (the engine, or a proxy to it).
func openStore(t *testing.T, addr string) *store.Store {
	t.Helper()
	if skipReason != "" {
		t.Skipf("embedded ClickHouse engine not installed: %s (run make libchdb)", skipReason)
	}
	dbSeq++
	st, err := store.Open(context.Background(), store.Config{HTTPAddr: addr, Database: fmt.Sprintf("pantau_p%d", dbSeq), DialTimeout: 5 * time.Second}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return st
}

type natsFixture struct {
	dir  string
	port int
	srv  interface{ Shutdown() }
	js   jetstream.JetStream
	nc   *nats.Conn
}

func startNATS(t *testing.T) *natsFixture {
	t.Helper()
	f := &natsFixture{dir: t.TempDir(), port: freePort(t)}
	f.start(t)
	nc, err := nats.Connect(fmt.Sprintf("nats://127.0.0.1:%d", f.port), nats.MaxReconnects(-1), nats.ReconnectWait(100*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	f.nc = nc
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	f.js = js
	if err := bus.EnsureStreams(context.Background(), js, bus.DefaultStreamConfig()); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *natsFixture) start(t *testing.T) {
	t.Helper()
	s, err := bus.StartEmbedded(bus.ServerOptions{StoreDir: f.dir, Port: f.port})
	if err != nil {
		t.Fatal(err)
	}
	f.srv = s
	t.Cleanup(func() { s.Shutdown(); s.WaitForShutdown() })
}

func (f *natsFixture) restart(t *testing.T) {
	t.Helper()
	f.srv.Shutdown()
	if w, ok := f.srv.(interface{ WaitForShutdown() }); ok {
		w.WaitForShutdown()
	}
	f.start(t)
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// proxy is a TCP proxy to the engine that can be cut and restored, to make
// ClickHouse unavailable without stopping the engine.
type proxy struct {
	addr   string
	target string
	mu     sync.Mutex
	ln     net.Listener
	conns  map[net.Conn]bool
}

func newProxy(t *testing.T, target string) *proxy {
	p := &proxy{addr: fmt.Sprintf("127.0.0.1:%d", freePort(t)), target: target, conns: map[net.Conn]bool{}}
	p.up(t)
	t.Cleanup(p.down)
	return p
}

func (p *proxy) up(t *testing.T) {
	ln, err := net.Listen("tcp", p.addr)
	if err != nil {
		t.Fatal(err)
	}
	p.mu.Lock()
	p.ln = ln
	p.mu.Unlock()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			u, err := net.Dial("tcp", p.target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns[c], p.conns[u] = true, true
			p.mu.Unlock()
			go func() { _, _ = io.Copy(u, c); u.Close() }()
			go func() { _, _ = io.Copy(c, u); c.Close() }()
		}
	}()
}

func (p *proxy) down() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
	for c := range p.conns {
		c.Close()
	}
	p.conns = map[net.Conn]bool{}
}
