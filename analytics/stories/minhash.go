package stories

import "math"

// Bands and Rows shape the LSH index: a signature of Bands*Rows MinHash
// values split into Bands bands of Rows values. Two documents become
// candidates when any band agrees, which happens with probability
// 1-(1-J^Rows)^Bands for Jaccard similarity J: about 0.68 at J=0.3, 0.996
// at J=0.5 and 0.04 at J=0.1.
const (
	Bands = 42
	Rows  = 3
	// SignatureSize is the number of MinHash values per document.
	SignatureSize = Bands * Rows
)

// permutation i is x -> a[i]*x + b[i] (mod 2^64), keeping the high 32 bits;
// a and b come from a fixed seed so every replica agrees.
var permA, permB = func() ([SignatureSize]uint64, [SignatureSize]uint64) {
	var a, b [SignatureSize]uint64
	s := uint64(0x70616e746175) // "pantau"
	next := func() uint64 {
		s += 0x9e3779b97f4a7c15
		return mix64(s)
	}
	for i := range a {
		a[i] = next() | 1
		b[i] = next()
	}
	return a, b
}()

// Signature is a MinHash signature.
type Signature []uint32

// Sign computes the MinHash signature of a set of shingles.
func Sign(shingles []uint64) Signature {
	sig := make(Signature, SignatureSize)
	for i := range sig {
		sig[i] = math.MaxUint32
	}
	for _, x := range shingles {
		for i := range sig {
			if v := uint32((permA[i]*x + permB[i]) >> 32); v < sig[i] {
				sig[i] = v
			}
		}
	}
	return sig
}

// Similarity estimates the Jaccard similarity of the sets behind two
// signatures: the share of positions where they agree.
func Similarity(a, b Signature) float64 {
	if len(a) != len(b) || len(a) == 0 {
		return 0
	}
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / float64(len(a))
}

// BandKeys returns one key per band, unique to the band's position and
// values.
func BandKeys(sig Signature) []uint64 {
	keys := make([]uint64, 0, Bands)
	for band := 0; band < Bands; band++ {
		h := uint64(band+1) * 0x9e3779b97f4a7c15
		for _, v := range sig[band*Rows : (band+1)*Rows] {
			h = mix64(h ^ uint64(v))
		}
		keys = append(keys, h)
	}
	return keys
}
