package render

import (
	"os"
	"path/filepath"
	"testing"
)

// TestKnownWidths checks every rune that kexplain measures itself against go-runewidth.
func TestKnownWidths(t *testing.T) {
	n := 0
	for r := rune(0); r <= 0x10ffff; r++ {
		k, ok := knownWidth(r)
		if !ok {
			continue
		}
		n++
		if want := wide.RuneWidth(r); k != want {
			t.Errorf("U+%04X %q: width %d, go-runewidth says %d", r, r, k, want)
		}
	}
	if n < 0x300 {
		t.Fatalf("only %d runes measured without go-runewidth", n)
	}
}

func TestTextWidth(t *testing.T) {
	for _, s := range []string{"", "dense_1 (Dense)", "✓ ← ─ × … ⌊(41 − 2) / 2⌋", "tab\there", "名前 (Dense)", "e\u0301t\u00e9", "👩‍🔬 layer", "ｗｉｄｅ"} {
		if got, want := textWidth(s), wide.StringWidth(s); got != want {
			t.Errorf("textWidth(%q) = %d, go-runewidth says %d", s, got, want)
		}
	}
	for _, c := range []struct {
		s    string
		w    int
		want string
	}{{"dense_1 (Dense)", 20, "dense_1 (Dense)"}, {"dense_1 (Dense)", 8, "dense_1…"}, {"名前名前", 5, "名前…"}, {"abc", 0, ""}} {
		if got := truncate(c.s, c.w); got != c.want {
			t.Errorf("truncate(%q, %d) = %q, want %q", c.s, c.w, got, c.want)
		}
	}
}

// TestOutputRunesKnown checks that the text output itself (the golden files, whose inputs are
// ASCII tables) prints no rune that would send the measuring to go-runewidth's table.
func TestOutputRunesKnown(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.text")
	if len(files) == 0 {
		t.Fatal("no golden text outputs")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range string(b) {
			if _, ok := knownWidth(r); !ok {
				t.Errorf("%s prints %q (U+%04X), whose width kexplain does not know itself", f, r, r)
			}
		}
	}
}
