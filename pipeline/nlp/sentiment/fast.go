package sentiment

import (
	"github.com/biroadpim/pantau/pipeline/nlp/internal/fhash"
	"github.com/biroadpim/pantau/pipeline/nlp/internal/rowset"
)

// fast is the serving form of a loaded model whose members all use word
// n-gram features of one hash: the features of a text are hashed once for
// all members, the linear members' quantised weights sit side by side in
// one row per feature, and only the rows training touched are stored (the
// n-grams of news text are mostly unseen in the training reviews). It
// gives the same sums, in the same order, as the per-member tables.
type fast struct {
	maxN uint8 // longest word n-gram of any member
	// linear members
	lin    []int   // their part indices
	linN   []uint8 // their longest n-gram
	lmask  uint32
	lidx   rowset.Index
	lq     []int16 // [row][member][class]
	lscale []float32
	nn     []fastNN
}

// fastNN is a neural member's embedding table without its empty rows.
type fastNN struct {
	part int
	n    uint8
	mask uint32
	idx  rowset.Index
	q    []int8    // [row][dim]
	rs   []float32 // row scales
}

// rawFeat is a hashed feature before masking, with the n-gram order that
// introduces it (1: words, punctuation and bias; 2: bigrams; 3: trigrams).
type rawFeat struct {
	h uint32
	n uint8
}

// maxParts bounds the members of a fast model (Load accepts up to 16).
const maxParts = 16

// newFast builds the fast form of m from the quantised weights Load read,
// or returns nil when a member uses character n-grams or the linear
// members differ in hash size.
func newFast(m *Model) *fast {
	f := &fast{}
	var bits uint8
	for pi, p := range m.parts {
		if p.feat.CharMin > 0 || p.feat.WordNgram < 1 || p.feat.WordNgram > 3 {
			return nil
		}
		f.maxN = max(f.maxN, p.feat.WordNgram)
		if p.nn != nil {
			if p.nn.q8 == nil {
				return nil
			}
			continue
		}
		if p.q16 == nil || (len(f.lin) > 0 && p.feat.Bits != bits) {
			return nil
		}
		bits = p.feat.Bits
		f.lin = append(f.lin, pi)
		f.linN = append(f.linN, p.feat.WordNgram)
		f.lscale = append(f.lscale, p.scale)
	}
	if len(m.parts) > maxParts {
		return nil
	}
	if len(f.lin) > 0 {
		rows := 1 << bits
		nl := len(f.lin)
		f.lmask = uint32(rows - 1)
		nonzero := func(r int) bool {
			for _, pi := range f.lin {
				for _, v := range m.parts[pi].q16[r*numClasses : r*numClasses+numClasses] {
					if v != 0 {
						return true
					}
				}
			}
			return false
		}
		f.lidx = rowset.Build(rows, nonzero)
		f.lq = make([]int16, 0, f.lidx.Len()*nl*numClasses)
		for r := 0; r < rows; r++ {
			if !nonzero(r) {
				continue
			}
			for _, pi := range f.lin {
				f.lq = append(f.lq, m.parts[pi].q16[r*numClasses:r*numClasses+numClasses]...)
			}
		}
	}
	for pi, p := range m.parts {
		if p.nn == nil {
			continue
		}
		nn, dim := p.nn, p.nn.dim
		rows := 1 << p.feat.Bits
		nonzero := func(r int) bool { return nn.rowScale[r] != 0 }
		g := fastNN{part: pi, n: p.feat.WordNgram, mask: uint32(rows - 1), idx: rowset.Build(rows, nonzero)}
		g.q = make([]int8, 0, g.idx.Len()*dim)
		g.rs = make([]float32, 0, g.idx.Len())
		for r := 0; r < rows; r++ {
			if nonzero(r) {
				g.q = append(g.q, nn.q8[r*dim:r*dim+dim]...)
				g.rs = append(g.rs, nn.rowScale[r])
			}
		}
		f.nn = append(f.nn, g)
	}
	return f
}

// rawFeatures is Featurizer.Features without character n-grams and
// masking, for n-grams up to maxN: the features of a member of order n are
// the entries with n <= the member's WordNgram, in the same order.
func rawFeatures(dst []rawFeat, words []word, maxN uint8) []rawFeat {
	add := func(h uint32, n uint8) { dst = append(dst, rawFeat{fhash.Mix(h), n}) }
	add(fhash.Str(fhash.Offset, "<bias>"), 1)
	prev, prev2 := "<s>", "<s>"
	prevIntens := false
	for i := range words {
		w := &words[i]
		if w.punct {
			switch w.norm {
			case "!":
				add(fhash.Str(fhash.Offset, "p:!"), 1)
			case "?":
				add(fhash.Str(fhash.Offset, "p:?"), 1)
			}
			prev, prev2 = "<p>", prev
			prevIntens = false
			continue
		}
		s := w.stem
		var tag byte = 'w'
		if w.neg {
			tag = 'n'
		}
		add(fhash.Str(fhash.Byte(fhash.Offset, tag), s), 1)
		if w.norm != s {
			add(fhash.Str(fhash.Byte(fhash.Offset, 'f'), w.norm), 1)
		}
		if prevIntens {
			add(fhash.Str(fhash.Byte(fhash.Offset, 'i'), s), 1)
		}
		if maxN >= 2 {
			h := fhash.Str(fhash.Byte(fhash.Offset, 'b'), prev)
			add(fhash.Str(fhash.Byte(h, ' '), s), 2)
		}
		if maxN >= 3 {
			h := fhash.Str(fhash.Byte(fhash.Offset, 't'), prev2)
			h = fhash.Str(fhash.Byte(h, ' '), prev)
			add(fhash.Str(fhash.Byte(h, ' '), s), 3)
		}
		prev2, prev = prev, s
		prevIntens = w.intens
	}
	return dst
}

// sum3 is the linear members' loop of logits for the usual three members,
// with their scales and orders in registers and no inner loop; the sums are
// the same, in the same order.
func (f *fast) sum3(raw []rawFeat, s *[maxParts][numClasses]float32) {
	n0, n1, n2 := f.linN[0], f.linN[1], f.linN[2]
	c0, c1, c2 := f.lscale[0], f.lscale[1], f.lscale[2]
	var a, b, c [numClasses]float32
	for _, r := range raw {
		k, ok := f.lidx.Find(r.h & f.lmask)
		if !ok {
			continue
		}
		q := (*[3 * numClasses]int16)(f.lq[k*3*numClasses:])
		// explicit conversions round each product as the dequantised
		// tables did
		if r.n <= n0 {
			a[0] += float32(float32(q[0]) * c0)
			a[1] += float32(float32(q[1]) * c0)
			a[2] += float32(float32(q[2]) * c0)
		}
		if r.n <= n1 {
			b[0] += float32(float32(q[3]) * c1)
			b[1] += float32(float32(q[4]) * c1)
			b[2] += float32(float32(q[5]) * c1)
		}
		if r.n <= n2 {
			c[0] += float32(float32(q[6]) * c2)
			c[1] += float32(float32(q[7]) * c2)
			c[2] += float32(float32(q[8]) * c2)
		}
	}
	s[0], s[1], s[2] = a, b, c
}

// addRow16 adds a dequantised 16-wide embedding row to x.
func addRow16(x *[16]float32, q *[16]int8, sc float32) {
	for i := range x {
		x[i] += float32(float32(q[i]) * sc)
	}
}

// logits returns the ensemble's averaged logits of words, as rawLogits
// computes them.
func (f *fast) logits(m *Model, words []word, b *buffer) [numClasses]float64 {
	b.raw = rawFeatures(b.raw[:0], words, f.maxN)
	var each [maxParts][numClasses]float64
	// linear members: one row holds all of them
	var s [maxParts][numClasses]float32
	nl := len(f.lin)
	if nl == 3 {
		f.sum3(b.raw, &s)
	} else {
		for _, r := range b.raw {
			k, ok := f.lidx.Find(r.h & f.lmask)
			if !ok {
				continue
			}
			row := f.lq[k*nl*numClasses : (k+1)*nl*numClasses]
			for j := 0; j < nl; j++ {
				if r.n > f.linN[j] {
					continue
				}
				sc := f.lscale[j]
				q := row[j*numClasses : j*numClasses+numClasses]
				// explicit conversions round each product as the
				// dequantised tables did
				s[j][0] += float32(float32(q[0]) * sc)
				s[j][1] += float32(float32(q[1]) * sc)
				s[j][2] += float32(float32(q[2]) * sc)
			}
		}
	}
	for j, pi := range f.lin {
		for c := range each[pi] {
			each[pi][c] = float64(s[j][c])
		}
	}
	for gi := range f.nn {
		g := &f.nn[gi]
		nn := m.parts[g.part].nn
		if len(b.nn.x) < nn.dim {
			b.nn.x = make([]float32, nn.dim)
		}
		x := b.nn.x[:nn.dim]
		clear(x)
		count := 0
		for _, r := range b.raw {
			if r.n > g.n {
				continue
			}
			count++
			k, ok := g.idx.Find(r.h & g.mask)
			if !ok {
				continue
			}
			q, sc := g.q[k*nn.dim:k*nn.dim+nn.dim], g.rs[k]
			if len(x) == 16 {
				// the usual width: fixed-size arrays, no bounds checks
				addRow16((*[16]float32)(x), (*[16]int8)(q), sc)
				continue
			}
			for i := range x {
				x[i] += float32(float32(q[i]) * sc)
			}
		}
		each[g.part] = nn.head(x, count, &b.nn)
	}
	var z [numClasses]float64
	for pi := range m.parts {
		for c := range z {
			z[c] += each[pi][c]
		}
	}
	return z
}
