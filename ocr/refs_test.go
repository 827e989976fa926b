package ocr

import (
	"strings"
	"testing"
)

// A row's name with characters added ("conv2dad_1") that the "Connected to" cells name as its
// class's automatic name ("conv2d_1[0][0]") is named so; a user's name, or a name two rows may
// have, stays as read.
func TestNamesByRefs(t *testing.T) {
	rowsOf := func(lines ...string) [][]rune {
		var out [][]rune
		for _, l := range lines {
			out = append(out, []rune(l))
		}
		return out
	}
	cases := []struct {
		lines []string
		spots []nameSpot
		row   int
		want  string
	}{
		{[]string{
			"conv2d (Conv2D)      in1[0][0]",
			"conv2dad_1 (Conv2D)  conv2d[0][0]",
			"flatten (Flatten)    conv2d_1[0][0]",
		}, []nameSpot{{0, 0, "conv2d", "Conv2D"}, {1, 0, "conv2dad_1", "Conv2D"}, {2, 0, "flatten", "Flatten"}}, 1, "conv2d_1   (Conv2D)  conv2d[0][0]"},
		// a user's name: the scheme does not give it
		{[]string{
			"stemx1 (Conv2D)      in1[0][0]",
			"flatten (Flatten)    stem1[0][0]",
		}, []nameSpot{{0, 0, "stemx1", "Conv2D"}, {1, 0, "flatten", "Flatten"}}, 0, "stemx1 (Conv2D)      in1[0][0]"},
		// the name read is referenced itself: it is a row's name
		{[]string{
			"dense_1a (Dense)     in1[0][0]",
			"out (Dense)          dense_1a[0][0], dense_1[0][0]",
		}, []nameSpot{{0, 0, "dense_1a", "Dense"}, {1, 0, "out", "Dense"}}, 0, "dense_1a (Dense)     in1[0][0]"},
	}
	for _, c := range cases {
		lo := &layout{rows: rowsOf(c.lines...)}
		names := make([]string, len(c.spots))
		for i, sp := range c.spots {
			names[i] = sp.text
		}
		lo.namesByRefs(newFixer(testClasses), c.spots, names)
		if got := strings.TrimRight(string(lo.rows[c.row]), " "); got != c.want {
			t.Errorf("%q: got %q, want %q", c.lines, got, c.want)
		}
	}
	for _, c := range []struct {
		want, got string
		ok        bool
	}{{"conv2d_1", "conv2dad_1", true}, {"conv2d_1", "conv2d_1", false}, {"conv2d_1", "xconv2dad_1", false}, {"dense", "denxe", false}} {
		if addedTo(c.want, c.got) != c.ok {
			t.Errorf("addedTo(%q, %q) != %v", c.want, c.got, c.ok)
		}
	}
}
