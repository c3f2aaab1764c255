package chdb

import (
	"errors"
	"fmt"
	"runtime"
	"unsafe"
)

// conn is one chdb_connection. A connection runs one statement at a time.
type conn struct {
	lib    *library
	handle unsafe.Pointer // chdb_connection* as returned by chdb_connect
	id     int
}

// connect opens a connection with the given argv (argv[0] is a program
// name, the rest are --options).
func connect(lib *library, argv []string, id int) (*conn, error) {
	bufs := make([][]byte, len(argv))
	ptrs := make([]unsafe.Pointer, len(argv)+1)
	for i, a := range argv {
		bufs[i] = append([]byte(a), 0)
		ptrs[i] = unsafe.Pointer(&bufs[i][0])
	}
	h := lib.connect(int32(len(argv)), unsafe.Pointer(&ptrs[0]))
	runtime.KeepAlive(bufs)
	runtime.KeepAlive(ptrs)
	if h == nil || *(*unsafe.Pointer)(h) == nil {
		return nil, errors.New("chdb_connect failed (see the engine's messages on stderr)")
	}
	return &conn{lib: lib, handle: h, id: id}, nil
}

func (c *conn) raw() unsafe.Pointer { return *(*unsafe.Pointer)(c.handle) }

func (c *conn) close() {
	if c.handle != nil {
		c.lib.closeConn(c.handle)
		c.handle = nil
	}
}

// bytePtr returns a pointer to b's data, or to a NUL byte when b is empty.
func bytePtr(b []byte) unsafe.Pointer {
	if len(b) == 0 {
		return unsafe.Pointer(&zero[0])
	}
	return unsafe.Pointer(&b[0])
}

var zero = []byte{0}

// query runs one statement and returns its output.
func (c *conn) query(sql, format string) ([]byte, error) {
	q := []byte(sql)
	f := []byte(format)
	res := c.lib.queryN(c.raw(), bytePtr(q), uintptr(len(q)), bytePtr(f), uintptr(len(f)))
	runtime.KeepAlive(q)
	runtime.KeepAlive(f)
	return c.result(res)
}

// queryParams runs one statement with server-side {name:Type} parameters.
// Values must already be in escaped text form.
func (c *conn) queryParams(sql, format string, names, values []string) ([]byte, error) {
	if len(names) == 0 {
		return c.query(sql, format)
	}
	q := []byte(sql)
	f := []byte(format)
	n := len(names)
	nb := make([][]byte, n)
	vb := make([][]byte, n)
	np := make([]unsafe.Pointer, n)
	vp := make([]unsafe.Pointer, n)
	nl := make([]uintptr, n)
	vl := make([]uintptr, n)
	for i := range names {
		nb[i], vb[i] = []byte(names[i]), []byte(values[i])
		np[i], vp[i] = bytePtr(nb[i]), bytePtr(vb[i])
		nl[i], vl[i] = uintptr(len(nb[i])), uintptr(len(vb[i]))
	}
	res := c.lib.queryParamsN(c.raw(), bytePtr(q), uintptr(len(q)), bytePtr(f), uintptr(len(f)),
		unsafe.Pointer(&np[0]), unsafe.Pointer(&nl[0]), unsafe.Pointer(&vp[0]), unsafe.Pointer(&vl[0]), uintptr(n))
	runtime.KeepAlive(q)
	runtime.KeepAlive(f)
	runtime.KeepAlive(nb)
	runtime.KeepAlive(vb)
	runtime.KeepAlive(np)
	runtime.KeepAlive(vp)
	runtime.KeepAlive(nl)
	runtime.KeepAlive(vl)
	return c.result(res)
}

// result copies a chdb_result and destroys it.
func (c *conn) result(res unsafe.Pointer) ([]byte, error) {
	if res == nil {
		return nil, fmt.Errorf("chdb: query returned no result")
	}
	defer c.lib.destroyResult(res)
	if msg := goString(c.lib.resultError(res)); msg != "" {
		return nil, parseError(msg)
	}
	n := c.lib.resultLength(res)
	buf := c.lib.resultBuffer(res)
	if n == 0 || buf == nil {
		return []byte{}, nil
	}
	out := make([]byte, n)
	copy(out, unsafe.Slice((*byte)(buf), n))
	return out, nil
}
