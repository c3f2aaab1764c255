// Package fhash is the allocation-free FNV-1a feature hashing shared by the
// NLP models.
package fhash

// Offset is the FNV-1a 32-bit offset basis: the hash of nothing.
const Offset uint32 = 2166136261

const prime uint32 = 16777619

// Str adds the bytes of s to h.
func Str(h uint32, s string) uint32 {
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= prime
	}
	return h
}

// Byte adds one byte to h.
func Byte(h uint32, b byte) uint32 {
	h ^= uint32(b)
	h *= prime
	return h
}

// Mix finalises a hash so that its low bits are well spread.
func Mix(h uint32) uint32 {
	h ^= h >> 16
	h *= 0x85ebca6b
	h ^= h >> 13
	h *= 0xc2b2ae35
	h ^= h >> 16
	return h
}

// Bytes adds the bytes of b to h.
func Bytes(h uint32, b []byte) uint32 {
	for _, c := range b {
		h ^= uint32(c)
		h *= prime
	}
	return h
}
