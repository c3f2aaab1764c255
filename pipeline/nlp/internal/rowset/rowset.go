// Package rowset indexes the non-zero rows of a hashed feature table, so
// that the table can be stored without its empty rows. Hashed models touch
// only a small share of their rows in training; the index (a bitmap and a
// rank per 64 rows, 12 bytes per 64 rows) stays in cache where the full
// table would not.
package rowset

import "math/bits"

// Index maps row numbers of a sparse table to positions in its compact
// form.
type Index struct {
	present []uint64
	before  []uint32 // rows present before each 64-row block
	n       int      // rows present
}

// Build indexes the rows r in [0, rows) for which keep(r) is true.
func Build(rows int, keep func(r int) bool) Index {
	x := Index{present: make([]uint64, (rows+63)/64), before: make([]uint32, (rows+63)/64)}
	for r := 0; r < rows; r++ {
		if r%64 == 0 {
			x.before[r/64] = uint32(x.n)
		}
		if keep(r) {
			x.present[r/64] |= 1 << (r % 64)
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
	blk := int(r >> 6)
	if blk >= len(x.present) {
		return 0, false
	}
	w := x.present[blk]
	bit := uint64(1) << (r & 63)
	if w&bit == 0 {
		return 0, false
	}
	return int(x.before[blk]) + bits.OnesCount64(w&(bit-1)), true
}
