package ocr

import (
	"strings"
	"testing"
)

// A TensorFlow.js shape cell with a bracket added or dropped at an end is given the brackets of
// its column; a list of lists, a cut cell and a cell of no known column keep theirs.
func TestRebracket(t *testing.T) {
	for _, c := range []struct {
		in    string
		depth int
		want  string
	}{
		{"[null,512]]", 1, "[null,512]"},
		{"[[null,800]", 1, "[null,800]"},
		{"[[[null,50,8]]]", 2, "[[null,50,8]]"},
		{"[[null,32],[null,32]]]", 2, "[[null,32],[null,32]]"},
		{"[[null,32],[null,32]]", 1, "[[null,32],[null,32]]"}, // a layer with two outputs
		{"[[null,20,4]],[[null,25,4]]", 2, "[[null,20,4]],[[null,25,4]]"},
		{"[[null,16,16,32],[null,16,1", 2, "[[null,16,16,32],[null,16,1"},
		{"[[[null,16,16", 2, "[[null,16,16"},
		{"[null,512]]", 0, "[null,512]]"},
		{"[[null,256}]", 2, "[[null,256]]"},
		{"{null,5,32)", 1, "[null,5,32]"},
	} {
		if got := rebracket(c.in, c.depth); got != c.want {
			t.Errorf("rebracket(%q, %d) = %q, want %q", c.in, c.depth, got, c.want)
		}
	}
}

func TestTfjsShapes(t *testing.T) {
	lines := []string{
		"Layer (type)                Input Shape               Output shape              Param #",
		"",
		"flatten_Flatten1 (Flatten)  [[null,50,16]]            [[null,800]               0",
		"dense_Dense1 (Dense)        [[null,800]]              [null,512]]               410112",
	}
	lo := &layout{}
	for _, l := range lines {
		lo.rows = append(lo.rows, []rune(l))
	}
	lo.tfjsShapes()
	got := strings.Join(lo.text(), "\n")
	want := strings.Join([]string{lines[0], "",
		"flatten_Flatten1 (Flatten)  [[null,50,16]]            [null,800]                0",
		"dense_Dense1 (Dense)        [[null,800]]              [null,512]                410112"}, "\n")
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
