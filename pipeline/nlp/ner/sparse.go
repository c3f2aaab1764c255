package ner

import "github.com/biroadpim/pantau/pipeline/nlp/internal/rowset"

// sparseRows stores the non-zero rows of a [feature][tag] weight table
// densely.
type sparseRows struct {
	idx rowset.Index
	w   []int16 // [present row][tag]
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
	return s
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
