// Package rowset indexes the non-zero rows of a hashed feature table, so
// that the table can be stored without its empty rows. Hashed models touch
// only a small share of their rows in training; the index (a bitmap and a
// rank per 64 rows, 16 bytes per 64 rows) stays in cache where the full
// table would not.
package rowset

import "math/bits"

// Index maps row numbers of a sparse table to positions in its compact
// form.
type Index struct {
	blocks []block
	n      int // rows present
}

// block covers 64 rows: which are present, and how many rows are present
// before it. Keeping both in one place costs one cache miss per look-up.
type block struct {
	present uint64
	before  uint32
}

// Build indexes the rows r in [0, rows) for which keep(r) is true.
func Build(rows int, keep func(r int) bool) Index {
	x := Index{blocks: make([]block, (rows+63)/64)}
	for r := 0; r < rows; r++ {
		if r%64 == 0 {
			x.blocks[r/64].before = uint32(x.n)
		}
		if keep(r) {
			x.blocks[r/64].present |= 1 << (r % 64)
			x.n++
		}
	}
	return x
}

// Len returns the number of rows present.
func (x *Index) Len() int { return x.n }

// Find returns the position of row r in the compact table, and false when
// the row is absent (or out of range).
func (x *Index) Find(r uint32) (int, bool) {
	i := int(r >> 6)
	if i >= len(x.blocks) {
		return 0, false
	}
	b := &x.blocks[i]
	bit := uint64(1) << (r & 63)
	if b.present&bit == 0 {
		return 0, false
	}
	return int(b.before) + bits.OnesCount64(b.present&(bit-1)), true
}
