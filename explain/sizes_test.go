package explain

import "testing"

// The sizes summary-formats.md §4.4 and §5.4 give, from real prints.
func TestFormatSize(t *testing.T) {
	cases := []struct {
		bytes int64
		unit0 string
		want  string
	}{
		{0, "B", "0.00 B"},
		{680, "B", "680.00 B"},
		{164869 * 4, "B", "644.02 KB"},
		{494609 * 4, "B", "1.89 MB"},
		{1048575, "B", "1024.00 KB"}, // the unit steps before rounding
		{0, "Byte", "0.00 Byte"},
		{682 * 4, "Byte", "2.66 KB"},
	}
	for _, c := range cases {
		if got := formatSize(c.bytes, c.unit0); got != c.want {
			t.Errorf("formatSize(%d) = %q, want %q", c.bytes, got, c.want)
		}
	}
}
