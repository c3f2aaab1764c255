package rowset

import "testing"

func TestFind(t *testing.T) {
	keep := map[int]bool{0: true, 5: true, 63: true, 64: true, 65: true, 130: true, 199: true}
	x := Build(200, func(r int) bool { return keep[r] })
	if x.Len() != len(keep) {
		t.Fatalf("Len = %d, want %d", x.Len(), len(keep))
	}
	pos := 0
	for r := 0; r < 200; r++ {
		k, ok := x.Find(uint32(r))
		if ok != keep[r] {
			t.Fatalf("Find(%d) present = %v, want %v", r, ok, keep[r])
		}
		if ok {
			if k != pos {
				t.Fatalf("Find(%d) = %d, want %d", r, k, pos)
			}
			pos++
		}
	}
	if _, ok := x.Find(1 << 20); ok {
		t.Fatal("Find beyond the table reported a row")
	}
}
