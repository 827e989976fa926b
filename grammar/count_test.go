package grammar

import "testing"

// TestCutCountLen: a count a Keras 3 cell cut, inside a group of digits or after its separator.
func TestCutCountLen(t *testing.T) {
	for in, want := range map[string]int{"300,0… │": 5, "1,315,…": 6, "1,100…": 5, "110 │": 0, "…": 0, ",5…": 0} {
		if got := cutCountLen(in); got != want {
			t.Errorf("cutCountLen(%q) = %d, want %d", in, got, want)
		}
	}
}

// Thousands parted as locales part them: commas (Keras), dots, apostrophes, spaces; and what stays no count.
func TestCountGroups(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"164,869", 164869, true},
		{"164.869", 164869, true},
		{"1.234.567", 1234567, true},
		{"164 869", 164869, true},
		{"1'315'722", 1315722, true}, // a Swiss locale's apostrophes
		{"1'31'722", 0, false},
		{"163968", 163968, true},
		{"0", 0, true},
		{"0.001", 0, false},
		{"644.02", 0, false},
		{"2.13", 0, false},
		{"0 256", 0, false},
		{"1,234.567", 0, false},
		{"12.34.567", 0, false},
		{"164 86", 0, false},
		{"9,223,372,036,854,775,807", 9223372036854775807, true}, // the largest int64
		{"9,223,372,036,854,775,808", 0, false},                  // one more overflows
		{"99999999999999999999", 0, false},
	} {
		n, ok := countValue(c.in)
		if ok != c.ok || ok && n != c.want {
			t.Errorf("countValue(%q) = %d, %v; want %d, %v", c.in, n, ok, c.want, c.ok)
		}
	}
	for _, c := range []struct {
		in      string
		n, spcd int
	}{
		{"164.869 params", 7, 0},
		{"0.5", 1, 0},
		{"164 869 # a comment", 3, 7},
		{"4 356", 1, 5},
		{"5 (20.00 B)", 1, 0},
		{"0 1234", 1, 0},
		{"1'315'722 (5.02 MB)", 9, 0},
		{"22'", 2, 0},
	} {
		if got := countLen(c.in); got != c.n {
			t.Errorf("countLen(%q) = %d, want %d", c.in, got, c.n)
		}
		if got := spacedCountLen(c.in); got != c.spcd {
			t.Errorf("spacedCountLen(%q) = %d, want %d", c.in, got, c.spcd)
		}
	}
}
