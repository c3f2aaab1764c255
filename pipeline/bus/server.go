package bus

import (
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// ServerOptions configures the embedded NATS server.
type ServerOptions struct {
	// StoreDir is where JetStream keeps its streams (under the data directory).
	StoreDir string
	// Host to listen on; default 127.0.0.1.
	Host string
	// Port to listen on; -1 picks a random free port, 0 means 4222.
	Port int
	// MaxMemory and MaxStore bound JetStream's resources (0 = server default).
	MaxMemory int64
	MaxStore  int64
	// ServerName names the server (default "pantau").
	ServerName string
	// ReadyTimeout bounds the wait for the server to accept connections.
	ReadyTimeout time.Duration
}

// ErrServerNotReady is returned when the embedded server did not start in time.
var ErrServerNotReady = errors.New("embedded NATS server not ready")

// StartEmbedded starts an in-process NATS server with JetStream and waits
// until it accepts connections. The caller shuts it down with
// Shutdown and WaitForShutdown.
func StartEmbedded(o ServerOptions) (*server.Server, error) {
	if o.StoreDir == "" {
		return nil, errors.New("start embedded nats: StoreDir is empty; set the data directory")
	}
	if o.Host == "" {
		o.Host = "127.0.0.1"
	}
	if o.Port == 0 {
		o.Port = 4222
	}
	if o.ServerName == "" {
		o.ServerName = "pantau"
	}
	if o.ReadyTimeout == 0 {
		o.ReadyTimeout = 15 * time.Second
	}
	opts := &server.Options{
		ServerName:         o.ServerName,
		Host:               o.Host,
		Port:               o.Port,
		JetStream:          true,
		StoreDir:           o.StoreDir,
		JetStreamMaxMemory: o.MaxMemory,
		JetStreamMaxStore:  o.MaxStore,
		NoSigs:             true,
		MaxPayload:         8 << 20,
	}
	s, err := server.NewServer(opts)
	if err != nil {
		return nil, fmt.Errorf("start embedded nats on %s:%d: %w", o.Host, o.Port, err)
	}
	go s.Start()
	if !s.ReadyForConnections(o.ReadyTimeout) {
		s.Shutdown()
		return nil, fmt.Errorf("%w on %s:%d after %s (is the port in use?)", ErrServerNotReady, o.Host, o.Port, o.ReadyTimeout)
	}
	return s, nil
}
