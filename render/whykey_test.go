package render

import (
	"strings"
	"testing"
)

// TestWhyKeyIsMapped checks that whyKey gives the key strings.Map(noDigits, …) gave, on reasons
// with numbers, separators, non-ASCII text and invalid UTF-8.
func TestWhyKeyIsMapped(t *testing.T) {
	for _, s := range []string{"", "a Dense layer has 1,024 × 10 + 10 = 10,250 weights", "1×2 → (None, 64)", "naïve 3", "bad \xff 4,5", "9,,9"} {
		if got, want := string(whyKey(nil, s)), "why:"+strings.Map(noDigits, s); got != want {
			t.Errorf("whyKey(%q) = %q, want %q", s, got, want)
		}
	}
}
