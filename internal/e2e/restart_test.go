package e2e

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// freePort returns a loopback port that was free a moment ago.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// server is a `pantau run` subprocess.
type server struct {
	t        *testing.T
	cmd      *exec.Cmd
	exited   chan struct{}
	log      *bytes.Buffer
	httpPort int
	natsPort int
	chPort   int
}

func startServer(t *testing.T, bin, dataDir string, httpPort, natsPort, chPort int, extraEnv ...string) *server {
	t.Helper()
	return startServerRoles(t, bin, dataDir, "process,serve", httpPort, natsPort, chPort, extraEnv...)
}

type contextT = context.Context

func startServerRoles(t *testing.T, bin, dataDir, roles string, httpPort, natsPort, chPort int, extraEnv ...string) *server {
	t.Helper()
	s := &server{t: t, log: &bytes.Buffer{}, httpPort: httpPort, natsPort: natsPort, chPort: chPort}
	s.cmd = exec.Command(bin, "run", "--data-dir", dataDir,
		"--http-addr", fmt.Sprintf("127.0.0.1:%d", httpPort),
		"--nats-port", strconv.Itoa(natsPort),
		"--clickhouse-http-addr", fmt.Sprintf("127.0.0.1:%d", chPort),
		"--roles", roles)
	s.cmd.Env = append(os.Environ(), extraEnv...)
	s.cmd.Stdout = s.log
	s.cmd.Stderr = s.log
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s.exited = make(chan struct{})
	go func() { _ = s.cmd.Wait(); close(s.exited) }()
	deadline := time.Now().Add(90 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d/readyz", httpPort))
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return s
			}
		}
		select {
		case <-s.exited:
			t.Fatalf("pantau run exited before it was ready:\n%s", s.log.String())
		case <-time.After(100 * time.Millisecond):
		}
	}
	s.kill()
	t.Fatalf("pantau run did not become ready:\n%s", s.log.String())
	return nil
}

func (s *server) kill() {
	_ = s.cmd.Process.Signal(syscall.SIGKILL)
	<-s.exited
}

func (s *server) stop() {
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.exited:
	case <-time.After(60 * time.Second):
		s.t.Errorf("pantau run did not stop within 60s after SIGTERM:\n%s", s.log.String())
		s.kill()
	}
}

// query runs SQL on the embedded engine's ClickHouse HTTP interface, as curl would.
func (s *server) query(sql string) (string, error) {
	resp, err := http.Post(fmt.Sprintf("http://127.0.0.1:%d/", s.chPort), "text/plain", strings.NewReader(sql))
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		return "", fmt.Errorf("status %d: %s", resp.StatusCode, b)
	}
	return strings.TrimSpace(string(b)), nil
}

// queryParams runs SQL with server-side {name:Type} parameters.
func (s *server) queryParams(sql string, params map[string]string) (string, error) {
	q := url.Values{}
	for k, v := range params {
		q.Set("param_"+k, v)
	}
	resp, err := http.Post(fmt.Sprintf("http://127.0.0.1:%d/?%s", s.chPort, q.Encode()), "text/plain", strings.NewReader(sql))
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		return "", fmt.Errorf("status %d: %s", resp.StatusCode, b)
	}
	return strings.TrimSpace(string(b)), nil
}

func (s *server) count() (uint64, error) {
	out, err := s.query("SELECT count() FROM pantau.documents FINAL")
	if err != nil {
		return 0, err
	}
	return strconv.ParseUint(out, 10, 64)
}

// killRounds is how many times the kill -9 test kills the pipeline mid-stream:
// a few in make test, more in make soak (PANTAU_TEST_KILL_ROUNDS=20).
func killRounds() int {
	if n, err := strconv.Atoi(os.Getenv("PANTAU_TEST_KILL_ROUNDS")); err == nil && n > 0 {
		return n
	}
	return 3
}

func TestKillAndRestartKeepEveryDocumentOnce(t *testing.T) {
	requireEngine(t)
	bin := pantauBinary(t)
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	file := filepath.Join(dir, "docs.jsonl")
	rounds := killRounds()
	unique := uint64(max(3000, 300*rounds))
	corpus(t, file, int(unique), 200)
	hp, np, cp := freePort(t), freePort(t), freePort(t)
	small := []string{"PANTAU_PIPELINE_BATCH_SIZE=50", "PANTAU_PIPELINE_CONSUMER_ACK_WAIT=2s"}

	s := startServer(t, bin, data, hp, np, cp, small...)
	if out, err := s.query("SELECT 1"); err != nil || out != "1" {
		t.Fatalf("SELECT 1 over the HTTP interface = %q, %v", out, err)
	}
	ing := exec.Command(bin, "ingest", "--quiet", "--nats-url", fmt.Sprintf("nats://127.0.0.1:%d", np), file)
	if out, err := ing.CombinedOutput(); err != nil {
		s.kill()
		t.Fatalf("pantau ingest: %v\n%s", err, out)
	}
	// kill -9 while the pipeline is part-way through the stream, several times.
	for r := 0; r < rounds; r++ {
		before, _ := s.count()
		var atKill uint64
		for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
			if n, err := s.count(); err == nil && (n > before || n == unique) {
				atKill = n
				break
			}
		}
		s.kill()
		t.Logf("round %d: killed with %d of %d documents stored", r+1, atKill, unique)
		s = startServer(t, bin, data, hp, np, cp, small...)
		if atKill == unique {
			break
		}
	}
	got := waitCount(t, func(context.Context) (uint64, error) { return s.count() }, unique, 120*time.Second)
	time.Sleep(3 * time.Second) // redeliveries after ack_wait must not add rows
	if got, _ = s.count(); got != unique {
		s.stop()
		t.Fatalf("after kill -9 and restart: %d documents visible, want exactly %d\n%s", got, unique, s.log.String())
	}
	// A second ingest of the same file publishes nothing new.
	out, err := exec.Command(bin, "ingest", "--quiet", "--nats-url", fmt.Sprintf("nats://127.0.0.1:%d", np), file).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "0 dokumen terkirim") {
		t.Errorf("second ingest: %v\n%s", err, out)
	}
	s.stop()

	// A graceful restart keeps everything.
	s = startServer(t, bin, data, hp, np, cp)
	defer s.stop()
	if got, err := s.count(); err != nil || got != unique {
		t.Fatalf("after graceful restart: %d documents (%v), want %d", got, err, unique)
	}
}
