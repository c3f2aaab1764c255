package chhttp

import (
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/ClickHouse/ch-go/compress"
	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/zstd"
)

// frameSize is the uncompressed size of one ClickHouse-framed block in a
// compressed response.
const frameSize = 1 << 20

var writerPools = map[compress.Method]*sync.Pool{
	compress.LZ4:  {New: func() any { return compress.NewWriter(compress.LevelZero, compress.LZ4) }},
	compress.ZSTD: {New: func() any { return compress.NewWriter(compress.LevelZero, compress.ZSTD) }},
}

// frame compresses out into ClickHouse-framed blocks (what compress=1 asks
// for); method is LZ4 unless the client named ZSTD in
// network_compression_method.
func frame(out []byte, method string) ([]byte, error) {
	m := compress.LZ4
	if strings.EqualFold(method, "ZSTD") {
		m = compress.ZSTD
	}
	pool := writerPools[m]
	w := pool.Get().(*compress.Writer)
	defer pool.Put(w)
	var framed []byte
	for len(out) > 0 {
		n := min(len(out), frameSize)
		if err := w.Compress(out[:n]); err != nil {
			return nil, fmt.Errorf("compress response: %w", err)
		}
		framed = append(framed, w.Data...)
		out = out[n:]
	}
	return framed, nil
}

// decodeBody undoes the request's Content-Encoding and, with decompress=1,
// the ClickHouse block framing.
func decodeBody(body io.Reader, contentEncoding string, framed bool) (io.Reader, func(), error) {
	closeFn := func() {}
	switch strings.ToLower(strings.TrimSpace(contentEncoding)) {
	case "", "identity":
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(body)
		if err != nil {
			return nil, nil, fmt.Errorf("gzip request body: %w", err)
		}
		body, closeFn = zr, func() { zr.Close() }
	case "deflate":
		zr, err := zlib.NewReader(body)
		if err != nil {
			return nil, nil, fmt.Errorf("deflate request body: %w", err)
		}
		body, closeFn = zr, func() { zr.Close() }
	case "br":
		body = brotli.NewReader(body)
	case "zstd":
		zr, err := zstd.NewReader(body)
		if err != nil {
			return nil, nil, fmt.Errorf("zstd request body: %w", err)
		}
		body, closeFn = zr, zr.Close
	default:
		return nil, nil, fmt.Errorf("unsupported Content-Encoding %q: use gzip, deflate, br, zstd or none", contentEncoding)
	}
	if framed {
		body = eofReader{compress.NewReader(body)}
	}
	return body, closeFn, nil
}

// eofReader reports the clean end of a framed stream as io.EOF (the ch-go
// reader wraps it when no further block header follows).
type eofReader struct{ r io.Reader }

func (e eofReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && errors.Is(err, io.EOF) {
		err = io.EOF
	}
	return n, err
}
