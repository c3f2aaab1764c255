package ner

import "github.com/biroadpim/pantau/pipeline/nlp/internal/rowset"

// sparseRows stores the non-zero rows of a [feature][tag] weight table
// densely.
type sparseRows struct {
	idx rowset.Index
	w   []int16 // [present row][tag]
	// lanes holds each row biased by +32768 in 32-bit lanes, two per
	// uint64 (tags 2k and 2k+1): summing a row costs five additions, and
	// no lane can carry into the next below 65536 rows.
	lanes [][5]uint64
}

// compactRows builds the sparse form of w, laid out [feature][numTags].
func compactRows(w []int16) sparseRows {
	nonzero := func(f int) bool {
		for _, v := range w[f*numTags : f*numTags+numTags] {
			if v != 0 {
				return true
			}
		}
		return false
	}
	s := sparseRows{idx: rowset.Build(len(w)/numTags, nonzero)}
	s.w = make([]int16, 0, s.idx.Len()*numTags)
	for f := 0; f < len(w)/numTags; f++ {
		if nonzero(f) {
			s.w = append(s.w, w[f*numTags:f*numTags+numTags]...)
		}
	}
	s.lanes = make([][5]uint64, s.idx.Len())
	for k := range s.lanes {
		for t := 0; t < numTags; t++ {
			s.lanes[k][t/2] |= uint64(uint32(int32(s.w[k*numTags+t])+32768)) << (32 * (t % 2))
		}
	}
	return s
}

// sum returns the weight sums of features fs, per tag.
func (s *sparseRows) sum(fs []uint32) [numTags]int32 {
	var acc [5]uint64
	n := 0
	for _, f := range fs {
		k, ok := s.idx.Find(f)
		if !ok {
			continue
		}
		r := &s.lanes[k]
		acc[0] += r[0]
		acc[1] += r[1]
		acc[2] += r[2]
		acc[3] += r[3]
		acc[4] += r[4]
		n++
	}
	var out [numTags]int32
	bias := int64(n) * 32768
	for t := range out {
		out[t] = int32(int64(uint32(acc[t/2]>>(32*(t%2)))) - bias)
	}
	return out
}

// row returns the weights of feature f, or nil when they are all zero.
func (s *sparseRows) row(f uint32) *[numTags]int16 {
	k, ok := s.idx.Find(f)
	if !ok {
		return nil
	}
	return (*[numTags]int16)(s.w[k*numTags:])
}

// dense returns the full table of size n (the inverse of compactRows).
func (s *sparseRows) dense(n int) []int16 {
	w := make([]int16, n)
	for f := 0; f < n/numTags; f++ {
		if k, ok := s.idx.Find(uint32(f)); ok {
			copy(w[f*numTags:], s.w[k*numTags:k*numTags+numTags])
		}
	}
	return w
}
