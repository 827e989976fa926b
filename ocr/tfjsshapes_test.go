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
		// a "[" read before a null inside: no list opens a bracket without closing one first
		{"[null,[null,64]", 1, "[null,null,64]"},
		{"[[null,[null,100]", 2, "[[null,null,100]]"},
		{"[[null,32],[null,32]]", 2, "[[null,32],[null,32]]"},
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

// A shape cell the recogniser parted at a space it saw after a comma ("[null," "16,4]]") is one
// cell again, with the brackets of its column; an underscore between two shapes and a "j" for a
// bracket are put right, and so is a list of two inbound nodes' shapes with its first bracket lost.
func TestTfjsShapeCellParted(t *testing.T) {
	lines := []string{
		"Layer (type)               Input Shape                 Output shape             Param #     Receives inputs",
		"left (InputLayer)          [null, 16,4]]               [null,16,4]              0",
		"merge_Concatenate1 (Conca  [null,16,4],_[null,16,4jj   [null,16,8]              0           left[0][0]",
		"twice (Model)              [null,16,8]],[[null,16,     [null,6]                 54          merge_Concatenate1[0][0]",
	}
	lo := &layout{}
	for _, l := range lines {
		lo.rows = append(lo.rows, []rune(l))
		c := make([]float64, len([]rune(l)))
		for i := range c {
			c[i] = 90
		}
		lo.conf = append(lo.conf, c)
	}
	lo.conf[1][28] = 40
	lo.tfjsShapes()
	got := strings.Join(lo.text(), "\n")
	want := strings.Join([]string{lines[0],
		"left (InputLayer)          [[null,16,4]]               [null,16,4]              0",
		"merge_Concatenate1 (Conca  [[null,16,4],[null,16,4]]   [null,16,8]              0           left[0][0]",
		"twice (Model)              [[null,16,8]],[[null,16,    [null,6]                 54          merge_Concatenate1[0][0]"}, "\n")
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// the cell keeps the doubt of its least sure character
	if lo.conf[1][27] != 40 || lo.conf[1][38] != 40 {
		t.Errorf("the joined cell's confidence is %v, want 40 over it", lo.conf[1][27:40])
	}
}

func TestIsShapePiece(t *testing.T) {
	for w, want := range map[string]bool{"[null,": true, "28,28,1]]": true, "3jj": true, "_": true, "(Dense)": false, "dense_1": false, "": false} {
		if got := isShapePiece(w); got != want {
			t.Errorf("isShapePiece(%q) = %v, want %v", w, got, want)
		}
	}
}

// The indexes of a reference read with a "j" for a bracket ("add_Add1[0j[0]") are brackets.
func TestFixRefBracketAsJ(t *testing.T) {
	f := newFixer(nil)
	f.seen = map[string]bool{}
	if got := f.fixRef("merge_Add1[0j[0]", []string{"merge_Add1"}); got != "merge_Add1[0][0]" {
		t.Errorf("fixRef = %q", got)
	}
}

// Specks in a shape cell (dots, colons), a doubled comma and a first item read as letters that
// are no "null" are what a shape cell never prints: the cell is cleaned, and kept doubtful.
func TestTfjsShapeCellSpecks(t *testing.T) {
	lines := []string{
		"Layer (type)                Input Shape               Output shape              Param #",
		"conv1d_Conv1D2 (Conv1D)     [ hwdti,.40,,:2:4]]       [null,38,.24]             1752",
		"dense_Dense1 (Dense)        [f(nuULL,,912]            [null,7]                  6391",
		"dense_Dense2 (Dense)        [[nul7]]                  [null,7]                  56",
		"dense_Dense3 (Dense)       (Dense)[[null,7]]          [null,7]                  56",
	}
	lo := layoutOf(lines, 95)
	lo.tfjsShapes()
	got := strings.Join(lo.text(), "\n")
	want := strings.Join([]string{lines[0],
		"conv1d_Conv1D2 (Conv1D)     [[null,40,24]]            [null,38,24]              1752",
		"dense_Dense1 (Dense)        [[null,912]]              [null,7]                  6391",
		lines[3], lines[4]}, "\n")
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if lo.conf[1][28] >= DoubtConf || lo.conf[1][54] >= DoubtConf || lo.conf[2][28] >= DoubtConf {
		t.Errorf("a cleaned cell is not doubtful: %v %v %v", lo.conf[1][28], lo.conf[1][54], lo.conf[2][28])
	}
	if lo.conf[3][28] != 95 {
		t.Errorf("a cell left alone changed its confidence: %v", lo.conf[3][28])
	}
}

// A shape cell put flush against the name before it, a cell left of its column, is moved a space
// right, where its cell has room; a shape at its column after a name read too long, a name that
// ends a space before the column, and a cell with no room, stay.
func TestTfjsGlued(t *testing.T) {
	lines := []string{
		"Layer (type)               Input Shape          Output shape         Param #",
		"up_sampling1d_UpSampling1D[[null,12,3]]         [null,24,3]          0",
		"up_sampLing1d_UpSampling1D2[[null,24,3]]        [null,48,3]          0",
		"zero_padding1d_ZeroPadding [[null,48,3]]        [null,50,3]          0",
		"cropping1d_Cropping1D1 (Cr[[null,50,3],[null,50,3]]null,46,3]        0",
	}
	lo := &layout{}
	for _, l := range lines {
		lo.rows = append(lo.rows, []rune(l))
	}
	lo.tfjsGlued()
	got := strings.Join(lo.text(), "\n")
	want := strings.Join([]string{lines[0],
		"up_sampling1d_UpSampling1D [[null,12,3]]        [null,24,3]          0",
		lines[2],
		lines[3], lines[4]}, "\n")
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// A header misread ("Cutput shape", "Param 0") still gives the columns, and a first item holding a
// letter no digit is read as ("[fmul2l" of "[[null", an "l" read as "2") is the batch's null: the
// row keeps its shapes and is read.
func TestTfjsHeaderMisreadBatchNullWithDigit(t *testing.T) {
	lines := []string{
		"Layer (type)            Input Shape           Cutput shape         Param 0     Receives inputs",
		"",
		"conv2d_Conv2D9(Conv2D)  [fmul2l,8,8,16]]      [null,8,8,16]        2320        conv2d_Conv2D8[0][0]",
		"dense_Dense3 (Dense)    [[null,64]]           [null,10]            650         flatten_Flatten1[0][0]",
	}
	lo := &layout{}
	for _, l := range lines {
		lo.rows = append(lo.rows, []rune(l))
	}
	lo.tfjsShapes()
	got := strings.Join(lo.text(), "\n")
	want := strings.Join([]string{lines[0], "",
		"conv2d_Conv2D9(Conv2D)  [[null,8,8,16]]       [null,8,8,16]        2320        conv2d_Conv2D8[0][0]",
		lines[3]}, "\n")
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"[fmul2l", true}, {"[[nu11", true}, {"[[ngli", true}, {"[[null", false}, {"[[lO", true},
		{"[[12", false}, {"[l0O", false}, {"[[nulll2345", false},
	} {
		if got := isBatchNull(c.in); got != c.want {
			t.Errorf("isBatchNull(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

// A dimension read as a mark no digit is confused with ("%" of an "8") is an unknown "?": the
// cell stays a shape and its row is read; digits, letters and the batch's null are left as read.
func TestTfjsUnreadDim(t *testing.T) {
	for in, want := range map[string]string{
		"[[null,2,%,64]]": "[[null,2,?,64]]",
		"[null,4,&]":      "[null,4,?]",
		"[[null,8,8,64]]": "[[null,8,8,64]]",
		"[[null,l6,64]]":  "[[null,l6,64]]",
		"[%,4]":           "[%,4]",
	} {
		if got := unreadDims(in); got != want {
			t.Errorf("unreadDims(%q) = %q, want %q", in, got, want)
		}
	}
	lines := []string{
		"Layer (type)                Input Shape               Output shape              Param #",
		"",
		"bn_a (BatchNormalizat       [[null,4,%,32]]           [null,4,4,32]             128",
	}
	lo := &layout{}
	for _, l := range lines {
		lo.rows = append(lo.rows, []rune(l))
	}
	lo.tfjsShapes()
	if got := string(lo.rows[2]); !strings.Contains(got, "[[null,4,?,32]] ") {
		t.Errorf("got %q", got)
	}
}

// A shape cell whose opening bracket the recogniser read into the batch's null, both as letters
// ("Paid, 1]" of "[null,1]"): the column's brackets and the null are given back, in doubt. A
// word with digits before its comma, or an open cell, is no such shape. Our own rows.
func TestTfjsShapeLostOpener(t *testing.T) {
	lines := []string{
		"Layer (type)                Input Shape               Output shape              Param #",
		"dense_Dense3 (Dense)        [[null,32]]               Paid, 1]                  32",
		"average_pooling2d_AveragePo [[null,62,62,16]]         inuii,20,20,16]           0",
		"lstm_LSTM1 (LSTM)           Pnul,null,8]]             [null,null,4]             208",
		"dense_Dense4 (Dense)        [[null,32]]               ab12,1]                   33",
	}
	lo := layoutOf(lines, 95)
	lo.tfjsShapes()
	got := strings.Join(lo.text(), "\n")
	want := strings.Join([]string{lines[0],
		"dense_Dense3 (Dense)        [[null,32]]               [null,1]                  32",
		"average_pooling2d_AveragePo [[null,62,62,16]]         [null,20,20,16]           0",
		"lstm_LSTM1 (LSTM)           [[null,null,8]]           [null,null,4]             208",
		lines[4]}, "\n")
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if lo.conf[1][54] >= DoubtConf {
		t.Errorf("a cell given its bracket back is not doubtful: %v", lo.conf[1][54])
	}
	for _, w := range []string{"Paid,1]", "inuii,20,20,16]"} {
		if !lostOpener(w) {
			t.Errorf("lostOpener(%q) = false", w)
		}
	}
	for _, w := range []string{"[null,1]", "ab12,1]", "null,3", "x,4]", "conv2d_a,4]"} {
		if lostOpener(w) {
			t.Errorf("lostOpener(%q) = true", w)
		}
	}
}

// layoutOf is a layout of the lines, every character read at confidence conf.
func layoutOf(lines []string, conf float64) *layout {
	lo := &layout{}
	for _, l := range lines {
		lo.rows = append(lo.rows, []rune(l))
		c := make([]float64, len([]rune(l)))
		for i := range c {
			c[i] = conf
		}
		lo.conf = append(lo.conf, c)
	}
	return lo
}
