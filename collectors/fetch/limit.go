package fetch

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// Internal headers between Fetcher and limitTransport. The request header
// is removed before the request leaves; the response header is added to the
// response Colly hands back, after the body was read.
const (
	hdrTruncate  = "X-Pantau-Truncate"
	hdrTruncated = "X-Pantau-Truncated"
)

// limitTransport bounds response bodies after decompression. Bodies larger
// than max are refused (ErrBodyTooLarge), or, when the request asked for it
// with hdrTruncate, cut at max and marked with hdrTruncated. Either way a
// body is read as a stream and never more than max+1 bytes of it are held.
//
// Gzip bodies are decompressed here rather than by Colly, which would
// inflate a gzip bomb without a bound: Content-Encoding gzip (when the
// transport has not already done so), a gzip Content-Type, or a .gz path,
// each only when the body really starts with the gzip magic number.
type limitTransport struct {
	base http.RoundTripper
	max  int64
}

func (t *limitTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	truncate := req.Header.Get(hdrTruncate) != ""
	if truncate {
		req = req.Clone(req.Context())
		req.Header.Del(hdrTruncate)
	}
	resp, err := t.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	if resp.ContentLength > t.max && !truncate {
		resp.Body.Close()
		return nil, fmt.Errorf("%s: %d bytes declared, limit %d: %w", req.URL, resp.ContentLength, t.max, ErrBodyTooLarge)
	}
	var body io.Reader = resp.Body
	if maybeGzip(req, resp) {
		br := bufio.NewReader(resp.Body)
		if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
			zr, err := gzip.NewReader(br)
			if err != nil {
				resp.Body.Close()
				return nil, fmt.Errorf("%s: gzip body: %w", req.URL, err)
			}
			body = zr
			resp.Uncompressed = true
			resp.Header.Del("Content-Encoding")
			resp.Header.Del("Content-Length")
			resp.ContentLength = -1
		} else {
			body = br
			resp.Uncompressed = true // not gzip after all: keep Colly from trying
		}
	}
	resp.Body = &limitBody{r: body, c: resp.Body, left: t.max, max: t.max, truncate: truncate, header: resp.Header}
	return resp, nil
}

// maybeGzip reports whether the body may be gzip data Colly would inflate.
func maybeGzip(req *http.Request, resp *http.Response) bool {
	ce := strings.ToLower(resp.Header.Get("Content-Encoding"))
	ct := strings.ToLower(resp.Header.Get("Content-Type"))
	return (!resp.Uncompressed && strings.Contains(ce, "gzip")) ||
		strings.Contains(ct, "gzip") ||
		strings.HasSuffix(strings.ToLower(req.URL.Path), ".gz")
}

type limitBody struct {
	r        io.Reader
	c        io.Closer
	left     int64
	max      int64
	truncate bool
	header   http.Header
}

func (b *limitBody) Read(p []byte) (int, error) {
	if b.left < 0 {
		return 0, b.over()
	}
	if b.left == 0 && b.truncate {
		// Probe one byte: a body of exactly max bytes is not truncated.
		var one [1]byte
		n, err := io.ReadFull(b.r, one[:])
		if n == 0 {
			if err == io.ErrUnexpectedEOF {
				err = io.EOF
			}
			return 0, err
		}
		b.left = -1
		return 0, b.over()
	}
	if int64(len(p)) > b.left+1 {
		p = p[:b.left+1]
	}
	if b.truncate && int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.r.Read(p)
	b.left -= int64(n)
	if b.left < 0 {
		return n - 1, b.over()
	}
	return n, err
}

// over ends the body: an error, or a clean end marked as truncated.
func (b *limitBody) over() error {
	if b.truncate {
		b.header.Set(hdrTruncated, "1")
		return io.EOF
	}
	return fmt.Errorf("limit %d bytes: %w", b.max, ErrBodyTooLarge)
}

func (b *limitBody) Close() error { return b.c.Close() }
