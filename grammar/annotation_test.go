package grammar

import "testing"

// TestCutAnnotation: a note typed after a row's cells is cut; the cells before it stay, and
// text that only holds a mark inside a word stays whole.
func TestCutAnnotation(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"   <-- why?", "   "},
		{"  # ???", "  "},
		{"  ← this one", "  "},
		{"add_1990[0][0]   <-- why?", "add_1990[0][0]   "},
		{"  )  👈 here", "  )  "},
		{"add_1990[0][0]", "add_1990[0][0]"},
		{"a<-b", "a<-b"},
		{"", ""},
	} {
		if got := cutAnnotation(c.in); got != c.want {
			t.Errorf("cutAnnotation(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
