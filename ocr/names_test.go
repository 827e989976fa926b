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

// Names numbered in turn with one misread between two read right ("poot2", "pools" between "pool1"
// and "pool4", all of one class) are named by their place; a row of another class, a gap that
// does not count the rows between, or a name two characters off leaves them as read.
func TestFamilyNames(t *testing.T) {
	cases := []struct {
		lines, want []string
	}{
		{[]string{"pool1 (MaxPooling2D)", "conv4 (Conv2D)", "poot2 (MaxPooling2D)", "pools (MaxPooling2D)", "pool4 (MaxPooling2D)"},
			[]string{"pool1 (MaxPooling2D)", "conv4 (Conv2D)", "pool2 (MaxPooling2D)", "pool3 (MaxPooling2D)", "pool4 (MaxPooling2D)"}},
		{[]string{"pool1 (MaxPooling2D)", "poot2 (MaxPooling2D)", "pool5 (MaxPooling2D)"},
			[]string{"pool1 (MaxPooling2D)", "poot2 (MaxPooling2D)", "pool5 (MaxPooling2D)"}},
		{[]string{"pool1 (MaxPooling2D)", "pxot2 (MaxPooling2D)", "pool3 (MaxPooling2D)"},
			[]string{"pool1 (MaxPooling2D)", "pxot2 (MaxPooling2D)", "pool3 (MaxPooling2D)"}},
		{[]string{"pool1 (MaxPooling2D)", "poot2 (Conv2D)", "pool3 (MaxPooling2D)"},
			[]string{"pool1 (MaxPooling2D)", "poot2 (Conv2D)", "pool3 (MaxPooling2D)"}},
	}
	for _, c := range cases {
		lo := &layout{boxTop: -1}
		for _, l := range c.lines {
			lo.rows = append(lo.rows, []rune(l))
		}
		lo.familyNames()
		if got := lo.text(); strings.Join(got, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%q: got %q", c.lines, got)
		}
	}
}

// A row's name with its end lost ("activatio") that the Connected-to cells name as its class's
// automatic name ("activation_1[0][…", naming no row) is named so.
func TestNamesByRefsLost(t *testing.T) {
	rows := func() [][]rune {
		return [][]rune{
			[]rune("activation (Activation)     in1[0][0]"),
			[]rune("activatio                   activation[0][0]"),
			[]rune("(Activation)                "),
			[]rune("add (Add)                   activation_1[0][…"),
		}
	}
	fx := newFixer(append([]string{"Activation", "Add"}, testClasses...))
	lo := &layout{rows: rows()}
	spots := []nameSpot{{0, 0, "activation", "Activation"}, {1, 0, "activatio", "Activation"}, {3, 0, "add", "Add"}}
	names := []string{"activation", "activatio", "add"}
	lo.namesByRefs(fx, spots, names)
	if got := string(lo.rows[1][:13]); got != "activation_1 " || names[1] != "activation_1" {
		t.Errorf("got %q, names %q", string(lo.rows[1]), names)
	}
	// the class beside the name: no room for the longer one
	lo = &layout{rows: rows()}
	lo.rows[1] = []rune("activatio (Activation)      activation[0][0]")
	names = []string{"activation", "activatio", "add"}
	lo.namesByRefs(fx, spots, names)
	if got := string(lo.rows[1][:22]); got != "activatio (Activation)" {
		t.Errorf("a class overwritten: %q", string(lo.rows[1]))
	}
}

// One glyph read as two in an automatic name: the one name a character dropped and a letter put
// right give; a user's name, or a name two ways, stays.
func TestDropOne(t *testing.T) {
	for _, c := range []struct{ name, class, want string }{
		{"conv2qa_5", "Conv2D", "conv2d_5"},
		{"conv2d_5", "Conv2D", "conv2d_5"},
		{"denxse", "Dense", "dense"},
		{"encoder1", "Dense", "encoder1"},
	} {
		if got := dropOne(c.name, c.class); got != c.want {
			t.Errorf("dropOne(%q, %s) = %q, want %q", c.name, c.class, got, c.want)
		}
	}
}

// A name that is exactly its class's automatic name, beside the class or above it in a wrapped
// Keras 3 row, is put right by the class and its cells are decided: the glyph templates, which
// run later, do not read them again (they read "leaky_re_lu" of a LeakyReLU as "1eaky_re_1u" in a
// font whose 1 and l look alike). A user's name is not decided.
func TestSchemeNamesDecided(t *testing.T) {
	lo := &layout{boxTop: 0, rows: [][]rune{
		[]rune("Ieaky_re_lu      (None, 32)"),
		[]rune("(LeakyReLU)                "),
		[]rune("lstm (LSTM)      (None, 16)"),
		[]rune("my_rnn2 (LSTM)   (None, 16)"),
	}}
	lo.fixNames(newFixer(append([]string{"LeakyReLU"}, testClasses...)))
	want := []string{"leaky_re_lu      (None, 32)", "(LeakyReLU)", "lstm (LSTM)      (None, 16)", "my_rnn2 (LSTM)   (None, 16)"}
	for i, w := range want {
		if got := strings.TrimRight(string(lo.rows[i]), " "); got != w {
			t.Errorf("row %d: %q, want %q", i, got, w)
		}
	}
	for _, c := range [][2]int{{0, 0}, {0, 10}, {2, 0}, {2, 3}} {
		if !lo.decided[c] {
			t.Errorf("cell %v not decided by the class", c)
		}
	}
	if lo.decided[[2]int{3, 0}] {
		t.Errorf("a user's name decided by the class")
	}
}

// A name the print cut, read with a character added ("gilobal_average_p…" of a
// GlobalAveragePooling1D's "global_average_p…", a doubled "_"), is the start of the class's
// automatic name with that character dropped; a name that is one already, a user's name, and a
// name two characters off stay; the word runs into the box line the print leaves a space before.
func TestDropOneCut(t *testing.T) {
	for _, c := range []struct{ name, class, want string }{
		{"gilobal_average_p…", "GlobalAveragePooling1D", "global_average_p…"},
		{"grouped__query_atte…", "GroupedQueryAttention", "grouped_query_atte…"},
		{"global_average_p…", "GlobalAveragePooling1D", "global_average_p…"},
		{"my_own_long_name…", "GlobalAveragePooling1D", "my_own_long_name…"},
		{"giilobal_average_p…", "GlobalAveragePooling1D", "giilobal_average_p…"},
		{"global_average_pl", "GlobalAveragePooling1D", "global_average_pl"},
	} {
		if got := dropOneCut(c.name, c.class); got != c.want {
			t.Errorf("dropOneCut(%q, %s) = %q, want %q", c.name, c.class, got, c.want)
		}
	}
	lo := &layout{boxTop: 0, vcols: []int{0, 22}}
	lo.rows = [][]rune{[]rune("│ grouped__query_atte…  "), []rune("│ grouped_query_atte…   ")}
	if !lo.touchesBar(0, 2, "grouped__query_atte…") || lo.touchesBar(1, 2, "grouped_query_atte…") {
		t.Errorf("touchesBar: the word that fills the space before the box line, and only it")
	}
}

// A nested model's row wraps its class under the start of its cell, left of its "└": the class
// there names the row's name, and a letter added after the automatic name, in a word longer
// than its box, goes ("zero_padding2da" of a ZeroPadding2D's "zero_padding2d").
func TestNestedRowWrappedClass(t *testing.T) {
	lo := &layout{boxTop: 0, rows: [][]rune{
		[]rune("│    └ zero_padding2da   │ (None, 31, 31, 4) │"),
		[]rune("│ (ZeroPadding2D)        │                   │"),
	}}
	lo.placed = []placedWord{{Row: 0, Col: 7, Text: []rune("zero_padding2da"), Cells: 14}}
	lo.fixNames(newFixer(append([]string{"ZeroPadding2D"}, testClasses...)))
	if got := string(lo.rows[0]); !strings.HasPrefix(got, "│    └ zero_padding2d    ") {
		t.Errorf("row: %q", got)
	}
	// a box that holds the word as read: a user's name, kept
	lo = &layout{boxTop: 0, rows: [][]rune{
		[]rune("│    └ zero_padding2da   │ (None, 31, 31, 4) │"),
		[]rune("│ (ZeroPadding2D)        │                   │"),
	}}
	lo.placed = []placedWord{{Row: 0, Col: 7, Text: []rune("zero_padding2da"), Cells: 15}}
	lo.fixNames(newFixer(append([]string{"ZeroPadding2D"}, testClasses...)))
	if got := string(lo.rows[0]); !strings.HasPrefix(got, "│    └ zero_padding2da   ") {
		t.Errorf("user's name: %q", got)
	}
}

// A name run into its class ("Blk_77(Conv2D)") read the space the print leaves between them as
// its last character: where the references name the row without it, and no row is named so, it
// is the name. A name a space apart from its class, or that the references do not name, stays.
func TestGluedNameByRefs(t *testing.T) {
	rows := []string{
		"│ Blk_77(Conv2D)      │ (None, 8, 8, 16) │    4,624 │ act_1[0][0]   │",
		"│ Norm_7 (BatchNorma… │ (None, 8, 8, 16) │       64 │ Blk_7[0][0]   │",
		"│ Mix_33 (Conv2D)     │ (None, 8, 8, 16) │    2,320 │ Norm_7[0][0]  │",
		"│ Out_22(Conv2D)      │ (None, 8, 8, 16) │    2,320 │ Mix_3[0][0]   │",
	}
	lo := &layout{boxTop: 0}
	for _, r := range rows {
		lo.rows = append(lo.rows, []rune(r))
	}
	lo.fixNames(newFixer(testClasses))
	want := []string{
		"│ Blk_7 (Conv2D)      │",
		"│ Norm_7 (BatchNorma… │",
		"│ Mix_33 (Conv2D)     │",
		"│ Out_22(Conv2D)      │",
	}
	for i, w := range want {
		if got := string(lo.rows[i]); !strings.HasPrefix(got, w) {
			t.Errorf("row %d: %q, want it to start %q", i, got, w)
		}
	}
}

// A Keras 3 name parted where the recogniser read a glyph as a space, its class wrapped under
// it: with the class's automatic name's glyph in that space, the two words spell that name, so
// they are one (the glyph in doubt). Words that spell no automatic name of the class stay.
func TestJoinSpaced(t *testing.T) {
	fx := newFixer([]string{"InputLayer", "MaxPooling2D", "Dense"})
	cases := []struct {
		row, class, want string
	}{
		{"│ i put_layer         │", "(InputLayer)", "│ input_layer         │"},
		{"│ max_pooli g2d_1     │", "(MaxPooling2D)", "│ max_pooling2d_1     │"},
		{"│ my dense            │", "(Dense)", "│ my dense            │"},
		{"│ i put_layer         │", "(Dense)", "│ i put_layer         │"},
		{"│ i  put_layer        │", "(InputLayer)", "│ i  put_layer        │"}, // two spaces
	}
	for _, c := range cases {
		lo := layoutOf([]string{c.row}, 95)
		ts := rowTokens(lo.rows[0])
		gap := ts[0].col + len([]rune(ts[0].text))
		lo.joinSpaced(fx, 0, &ts[0], ts[1], c.class)
		if got := string(lo.rows[0]); got != c.want {
			t.Errorf("%q under %s: %q, want %q", c.row, c.class, got, c.want)
		}
		if c.want != c.row && lo.conf[0][gap] >= DoubtConf {
			t.Errorf("%q: the glyph given back is not in doubt", c.row)
		}
	}
}

// A glyph read with the word after the space instead ("g" "lobal_max_pooling2d"): the two spell
// the class's automatic name as they stand, and the second word is a character longer than its
// box. A second word that fits its box (a user's two words) stays apart.
func TestJoinSpacedGlyphInNextWord(t *testing.T) {
	fx := newFixer([]string{"GlobalMaxPooling2D"})
	for _, c := range []struct {
		cells float64
		want  string
	}{{18.4, "│ global_max_pooling2d   │"}, {19, "│ g lobal_max_pooling2d  │"}} {
		lo := layoutOf([]string{"│ g lobal_max_pooling2d  │"}, 95)
		lo.placed = []placedWord{{Row: 0, Col: 2, Text: []rune("g"), Cells: 1}, {Row: 0, Col: 4, Text: []rune("lobal_max_pooling2d"), Cells: c.cells}}
		ts := rowTokens(lo.rows[0])
		lo.joinSpaced(fx, 0, &ts[0], ts[1], "(GlobalMaxPooling2D)")
		if got := string(lo.rows[0]); got != c.want {
			t.Errorf("box of %v cells: %q, want %q", c.cells, got, c.want)
		}
	}
}

// The same with a name the print cut, its small "l"s read as capitals: the word after the space
// runs into the box line.
func TestJoinSpacedCutName(t *testing.T) {
	fx := newFixer([]string{"GlobalMaxPooling1D", "GlobalMaxPooling2D"})
	for _, c := range []struct{ row, want string }{
		{"│ g Lobal_max_pooLi…│", "│ global_max_pooli… │"},
		{"│ g Lobal_max_pooLi… │", "│ g Lobal_max_pooLi… │"}, // it ends where the print ends it
	} {
		lo := layoutOf([]string{c.row}, 95)
		lo.vcols = []int{0, len([]rune(c.row)) - 1}
		ts := rowTokens(lo.rows[0])
		lo.joinSpaced(fx, 0, &ts[0], ts[1], "(GlobalMaxPoolin…")
		if got := string(lo.rows[0]); got != c.want {
			t.Errorf("%q: %q, want %q", c.row, got, c.want)
		}
	}
}

// A class that fills its box cell is read with its "(" in the space the box leaves before its
// line, a column left of the name above it: it is still the class wrapped under that name, and
// the name's capital "L" is put right by it. A class two columns left is another cell's.
func TestWrappedClassFillingCell(t *testing.T) {
	for _, c := range []struct{ class, want string }{
		{"│(GlobalAveragePoolin…│", "│ global_average_poo… │"},
		{"(GlobalAveragePoolin… │", "│ gLobal_average_poo… │"},
	} {
		lo := &layout{boxTop: 0, rows: [][]rune{
			[]rune("│ gLobal_average_poo… │"),
			[]rune(c.class),
		}}
		lo.fixNames(newFixer(testClasses))
		if got := string(lo.rows[0]); got != c.want {
			t.Errorf("under %q: %q, want %q", c.class, got, c.want)
		}
	}
}

// A name run into its class whose word fills the cells of the name, the lost space and the class
// holds a character the print did not write: where dropping it gives the class's automatic name
// ("1lstm_1(LSTM)" over a box of thirteen cells), it goes. A word apart from its class that fits
// its box keeps its characters.
func TestGluedNameExtraCharacter(t *testing.T) {
	for _, c := range []struct {
		row, word string
		cells     float64
		want      string
	}{
		{"│ 1lstm_1(LSTM)                   │", "1lstm_1(LSTM)", 13, "│ lstm_1 (LSTM)"},
		{"│ 1lstm_1 (LSTM)                  │", "1lstm_1", 7, "│ 1lstm_1 (LSTM)"},
	} {
		lo := &layout{boxTop: 0, rows: [][]rune{[]rune(c.row + " (None, 50, 64) │")}}
		lo.placed = []placedWord{{Row: 0, Col: 2, Text: []rune(c.word), Cells: c.cells}}
		lo.fixNames(newFixer(testClasses))
		if got := string(lo.rows[0]); !strings.HasPrefix(got, c.want) {
			t.Errorf("%q: %q, want %q…", c.word, got, c.want)
		}
	}
}
