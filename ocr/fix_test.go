package ocr

import (
	"testing"
)

var testClasses = []string{"Add", "AdditiveAttention", "Sequential", "Bidirectional", "Softmax", "Conv1D", "Conv2D", "Conv3D", "Convolution1D", "Dense", "Dropout", "Flatten", "MaxPooling1D", "MaxPooling2D",
	"BatchNormalization", "InputLayer", "GlobalAveragePooling2D", "GlobalMaxPooling1D", "Embedding", "LSTM", "UpSampling1D"}

func TestFixWords(t *testing.T) {
	f := newFixer(testClasses)
	cases := []struct{ in, want []string }{
		{[]string{"max_poolingid_MaxPooling1D1", "[[null,124,32]]"}, []string{"max_pooling1d_MaxPooling1D1", "[[null,124,32]]"}},
		// a TensorFlow.js name cut in its class part: the snake part by the classes it can be
		{[]string{"max_poolingid_MaxPoo", "[[null,124,32]]"}, []string{"max_pooling1d_MaxPoo", "[[null,124,32]]"}},
		// a letter misread in the snake part of a cut class part that starts one class only; one
		// that starts several (MaxPooling1D, MaxPooling2D) leaves it
		{[]string{"batch_nornalization_BatchNorma", "[[null,124,32]]"}, []string{"batch_normalization_BatchNorma", "[[null,124,32]]"}},
		{[]string{"max_poaling_MaxPoo", "[[null,124,32]]"}, []string{"max_poaling_MaxPoo", "[[null,124,32]]"}},
		{[]string{"Gropout_Dropout1", "(Dropout)"}, []string{"dropout_Dropout1", "(Dropout)"}},
		{[]string{"my_net_Dropout1", "(Dropout)"}, []string{"my_net_Dropout1", "(Dropout)"}},
		{[]string{"convid_Conv1D1", "(ConviD)", "[{null1,128,32]]", "[nul1,124,32]", "5152"}, []string{"conv1d_Conv1D1", "(Conv1D)", "[[null,128,32]]", "[null,124,32]", "5152"}},
		{[]string{"convolutionid_1", "(ConvolutioniD)", "(Nione,", "4l,", "64)"}, []string{"convolution1d_1", "(Convolution1D)", "(None,", "41,", "64)"}},
		{[]string{"input_1", "(inputLayer)", "(one,", "l28)"}, []string{"input_1", "(InputLayer)", "(None,", "128)"}},
		{[]string{"batch_normalizat…", "(BatchNormalizatio…"}, []string{"batch_normalizat…", "(BatchNormalizatio…"}},
		{[]string{"dense_l", "(Dense)"}, []string{"dense_1", "(Dense)"}},
		// a name's first "l" read as a bracket; a class part's "1" read as a closing bracket
		{[]string{"[stm2", "(LSTM)"}, []string{"lstm2", "(LSTM)"}},
		{[]string{"[xyz2", "(LSTM)"}, []string{"[xyz2", "(LSTM)"}},
		{[]string{"dense_Dense]", "(Dense)"}, []string{"dense_Dense1", "(Dense)"}},
		// a class and its number read as a letter that together start another class: the snake
		// part says which
		{[]string{"add_Addi", "(Add)"}, []string{"add_Add1", "(Add)"}},
		{[]string{"additive_attention_Addi"}, []string{"additive_attention_Addi"}},
		// a user's number right after the class's own name, read as a thin letter
		{[]string{"flatteni", "(Flatten)"}, []string{"flatten1", "(Flatten)"}},
		{[]string{"dropoutl", "(Dropout)"}, []string{"dropout1", "(Dropout)"}},
		{[]string{"densei", "(Dropout)"}, []string{"densei", "(Dropout)"}},
		// TensorFlow.js numbers its inputs right after "input"; a user's word there stays
		{[]string{"inputi", "(InputLayer)"}, []string{"input1", "(InputLayer)"}},
		{[]string{"inputi", "(Dense)"}, []string{"inputi", "(Dense)"}},
		// a class that ends in a letter that looks like the number after it ("Bidirectionall")
		{[]string{"bidirectional_Bidirectionall", "(Bidirectio"}, []string{"bidirectional_Bidirectional1", "(Bidirectio"}},
		// and misread elsewhere too: the class part is as long as reads nearest to its class
		{[]string{"bidirectional_Didirectionall", "(Bidirectio"}, []string{"bidirectional_Bidirectional1", "(Bidirectio"}},
		{[]string{"flatten_Fiattenl", "(Flatten)"}, []string{"flatten_Flatten1", "(Flatten)"}},
		// a capital read as its small look-alike in the class part; a user's name stays
		// a list of TensorFlow.js shapes parted at its commas, a "]" read as "])" in a piece
		{[]string{"decoder", "(Sequential)", "[{null,", "32])],", "[{null,", "32])]", "[null,100]"}, []string{"decoder", "(Sequential)", "[[null,", "32]],", "[[null,", "32]]", "[null,100]"}},
		{[]string{"softmax_softmax1", "(Softmax)"}, []string{"softmax_Softmax1", "(Softmax)"}},
		// a capital of the class part read as two glyphs ("lN" of "M"), with its number or cut
		// after the class; the snake part must name the class
		{[]string{"max_pooling2d_lNaxPooling2D2", "[[null,4,4,8]]"}, []string{"max_pooling2d_MaxPooling2D2", "[[null,4,4,8]]"}},
		{[]string{"max_pooling1d_lNaxPooling1D", "[[null,4,8]]"}, []string{"max_pooling1d_MaxPooling1D", "[[null,4,8]]"}},
		{[]string{"my_pool_lNaxPooling2D2", "[[null,4,4,8]]"}, []string{"my_pool_lNaxPooling2D2", "[[null,4,4,8]]"}},
		// a speck read between a class cell's "(" and its capital
		{[]string{"norm1", "(_BatchNormaLizatio…"}, []string{"norm1", "(BatchNormalizatio…"}},
		{[]string{"fc2", "(.Dense)"}, []string{"fc2", "(Dense)"}},
		// a class cell's parentheses read as other marks, or its ")" lost; a word that is no class
		// or stands first keeps its marks
		{[]string{"dense_Dense4", "'Dense", "[[null,16]]"}, []string{"dense_Dense4", "(Dense)", "[[null,16]]"}},
		{[]string{"dense_Dense5", "'Dense?", "[[null,512]]"}, []string{"dense_Dense5", "(Dense)", "[[null,512]]"}},
		{[]string{"flatten_Flatten2", "|Flatten|"}, []string{"flatten_Flatten2", "(Flatten)"}},
		{[]string{"'Dense?"}, []string{"'Dense?"}},
		{[]string{"dense_Dense5", "'Densest?"}, []string{"dense_Dense5", "'Densest?"}},
		{[]string{"my_softmax1", "(Softmax)"}, []string{"my_softmax1", "(Softmax)"}},
		{[]string{"conv_block", "(Conv2D)"}, []string{"conv_block", "(Conv2D)"}},
		// a class that is not known stays as read; a word that is no class stays
		{[]string{"my_block", "(MyBlock)"}, []string{"my_block", "(MyBlock)"}},
		{[]string{"Total", "params:", "15,110"}, []string{"Total", "params:", "15,110"}},
		// a class's "(" read as a brace or a bracket, or lost; a ")" after a word that is no class
		{[]string{"random_flip", "{Flatten)"}, []string{"random_flip", "(Flatten)"}},
		{[]string{"InputLayer)"}, []string{"(InputLayer)"}},
		{[]string{"(", "InputLayer)"}, []string{"(", "InputLayer)"}},
		{[]string{"[null,32)", "my_thing)"}, []string{"[null,32]", "my_thing)"}},
		{[]string{"BatchNormalizatio…"}, []string{"(BatchNormalizatio…"}},
		{[]string{"BatchNormalizatio…", "(BatchNormalization)"}, []string{"BatchNormalizatio…", "(BatchNormalization)"}},
		// a nested row's "└" read as a letter or a dash
		{[]string{"L", "conv1", "(Conv2D)"}, []string{"└", "conv1", "(Conv2D)"}},
		{[]string{"-", "re_lu1", "(ReLU)"}, []string{"└", "re_lu1", "(ReLU)"}},
		// the end of the name read as words of their own
		{[]string{"L", "dense", "_", "2", "(Dense)"}, []string{"└", "dense", "_", "2", "(Dense)"}},
		{[]string{"L", "dense", "=", "2", "(Dense)"}, []string{"L", "dense", "=", "2", "(Dense)"}},
		{[]string{"—", "input_layer", "(InputLayer)"}, []string{"└", "input_layer", "(InputLayer)"}},
		// or as a quote or a comma of a faint small glyph
		{[]string{"'", "dense", "(Dense)"}, []string{"└", "dense", "(Dense)"}},
		{[]string{"\"", "dense_1", "(Dense)"}, []string{"└", "dense_1", "(Dense)"}},
		{[]string{"‘", "conv1", "(Conv2D)"}, []string{"└", "conv1", "(Conv2D)"}},
		{[]string{"'", "dense"}, []string{"'", "dense"}},
	}
	for _, c := range cases {
		var ws []Word
		for i, s := range c.in {
			ws = append(ws, Word{Left: i * 100, Width: 80, Text: s})
		}
		got := f.fixLine(ws)
		var out []string
		for _, w := range got {
			out = append(out, w.Text)
		}
		if len(out) != len(c.want) {
			t.Errorf("%q: got %q, want %q", c.in, out, c.want)
			continue
		}
		for i := range out {
			if out[i] != c.want[i] {
				t.Errorf("%q: got %q, want %q", c.in, out, c.want)
				break
			}
		}
	}
}

func TestDropExtra(t *testing.T) {
	for _, c := range []struct{ name, class, want string }{
		{"Fflatten_1", "Flatten", "flatten_1"},
		{"GDropout_3", "Dropout", "dropout_3"},
		{"flatten_1", "Flatten", "flatten_1"},
		{"dense_1", "Dense", "dense_1"},
		{"block1_fc1", "Dense", "block1_fc1"}, // a name of the user's own: nothing to go by
		{"xconv1d_2", "Conv1D", "conv1d_2"},
	} {
		if got := dropExtra(c.name, c.class); got != c.want {
			t.Errorf("dropExtra(%q, %s) = %q, want %q", c.name, c.class, got, c.want)
		}
	}
}

// TestJunkText: what the recogniser makes of rows of missing-glyph boxes is junk; rows, headers
// and totals of a summary are not.
func TestJunkText(t *testing.T) {
	for _, s := range []string{
		"0ccad 33] 0    C│acc3   00   oC€  33│00 gc¢cco   diod00  Ccceead3  oO",
		"00000  00   00080 86 0 0 00000000 000000 00000 0 O000000000 0000 0",
		"ssssscssscecsesssssssssessessssessssecses sesssssssessss",
		"beBeleh-l-h-h-l-h-l-h h-l-h-l-h-f-)-h-l-h",
	} {
		if !junkText(s) {
			t.Errorf("junkText(%q) = false", s)
		}
	}
	for _, s := range []string{
		"│ dense (Dense)       │ (None, 16, 16)    │        272 │ input_layer[0][0] │",
		"│ conv2d_1 (Conv2D)   │ (None, 100, 100, 64) │   36,928 │",
		"┃ Layer (type)        ┃ Output Shape      ┃    Param # ┃ Connected to      ┃",
		" Total params: 1,000,000 (3.81 MB)",
		"│ dropout (Dropout)   │ (None, 1000)      │          0 │",
		"│ add (Add)           │ (None, 16, 16)    │          0 │ dense[0][0],      │",
	} {
		if junkText(s) {
			t.Errorf("junkText(%q) = true", s)
		}
	}
}

// TestJoinClass: a class the recogniser parted at no space is one word again; words with spaces
// between them are left apart.
func TestJoinParted(t *testing.T) {
	ws := []Word{{Left: 0, Width: 180, Text: "spatial_dropoutid_"}, {Left: 182, Width: 90, Text: "SpatialDr"}, {Left: 290, Width: 150, Text: "[[null,16,32]]"}}
	got := joinParted(ws, 10)
	if len(got) != 2 || got[0].Text != "spatial_dropoutid_SpatialDr" || got[0].Right() != 272 {
		t.Errorf("parted name: got %+v", got)
	}
	// a space between them: two cells
	ws = []Word{{Left: 0, Width: 60, Text: "dense_"}, {Left: 70, Width: 70, Text: "(Dense)"}}
	if got := joinParted(ws, 10); len(got) != 2 {
		t.Errorf("two cells joined: %+v", got)
	}
	// a shape's brackets parted from it
	ws = []Word{{Left: 0, Width: 8, Text: "["}, {Left: 12, Width: 190, Text: "[null1,154,154,3])]"}, {Left: 230, Width: 8, Text: "J"}}
	if got := joinParted(ws, 10); len(got) != 2 || fixNull(got[0].Text) != "[[null,154,154,3]]" {
		t.Errorf("parted shape: %+v", got)
	}
	ws = []Word{{Left: 0, Width: 4, Text: "["}, {Left: 15, Width: 190, Text: "[null,3]]"}}
	if got := joinParted(ws, 10); len(got) != 1 {
		t.Errorf("a bracket a cell from its shape: %+v", got)
	}
	ws = []Word{{Left: 0, Width: 110, Text: "[[null,128]"}, {Left: 112, Width: 8, Text: "J"}}
	if got := joinParted(ws, 10); len(got) != 1 || fixNull(got[0].Text) != "[[null,128]]" {
		t.Errorf("parted shape end: %+v", got)
	}
	// a name the recogniser parted at an "l" it read as a capital, with no space between
	ws = []Word{{Left: 0, Width: 70, Text: "max_poo"}, {Left: 75, Width: 200, Text: "Ling2d_MaxPooling2D1"}}
	if got := joinParted(ws, 10); len(got) != 1 || got[0].Text != "max_pooLing2d_MaxPooling2D1" {
		t.Errorf("a name parted at an L: %+v", got)
	}
	ws = []Word{{Left: 0, Width: 20, Text: "(G"}, {Left: 24, Width: 200, Text: "LobalMaxPooling…"}}
	if got := joinParted(ws, 10); len(got) != 1 || got[0].Text != "(GLobalMaxPooling…" {
		t.Errorf("a class cell parted at an L: %+v", got)
	}
	f0 := newFixer(append([]string{"SeparableConv2D"}, testClasses...)).withPitch(10)
	got0 := f0.fixLine([]Word{{Left: 0, Width: 80, Text: "(Separab"}, {Left: 86, Width: 90, Text: "lLeConv2D)"}})
	if len(got0) != 1 || got0[0].Text != "(SeparableConv2D)" {
		t.Errorf("a class cell parted at an l read in both its cases: %+v", got0)
	}
	// a space between: two words ("my_net Layer"), and a capital after a capital starts a word
	ws = []Word{{Left: 0, Width: 60, Text: "my_net"}, {Left: 72, Width: 50, Text: "Layer"}}
	if got := joinParted(ws, 10); len(got) != 2 {
		t.Errorf("two words joined: %+v", got)
	}
	f := newFixer(append(testClasses, "SpatialDropout1D", "SpatialDropout2D"))
	f.pitch = 10
	out := f.fixLine([]Word{{Left: 0, Width: 180, Text: "spatial_dropoutid_"}, {Left: 186, Width: 90, Text: "SpatialDr"}})
	if len(out) != 1 || out[0].Text != "spatial_dropout1d_SpatialDr" {
		t.Errorf("fixLine: got %+v", out)
	}
}

func TestAutoNameCut(t *testing.T) {
	f := newFixer([]string{"SeparableConv2D", "Average", "AveragePooling1D", "AveragePooling2D", "GlobalAveragePooling1D", "GlobalAveragePooling2D", "Conv1D", "Conv2D"})
	for in, want := range map[string]string{
		// the start of AveragePooling1D, not a misread Average
		"average_poolingld_AveragePo": "average_pooling1d_AveragePo",
		"global_average_poolingld_Gl": "global_average_pooling1d_Gl",
		"convid_Conv1D1":              "conv1d_Conv1D1",
		"average_Average1":            "average_Average1",
		"my_layer":                    "my_layer",
	} {
		got, scheme := f.autoName(in)
		if got != want || scheme != (in != "my_layer") {
			t.Errorf("autoName(%q) = %q, %v; want %q", in, got, scheme, want)
		}
	}
	// a cut class part garbled ("BatchNo" read as "Batchilo"): the snake part names the class,
	// the cells of the box say where the print cut it; a name that fills its box stays
	bn := newFixer([]string{"BatchNormalization", "BatchNormalizationV1", "Conv2D"})
	bn.pitch = 10
	for _, c := range []struct {
		in    string
		cells int
		want  string
		ok    bool
	}{
		{"batch_normalization_Batchilo", 27, "batch_normalization_BatchNo", true},
		{"batch_normalization_Batchilo", 28, "batch_normalization_BatchNor", true},
		{"batch_normalization_Batchilo", 31, "batch_normalization_Batchilo", false},
		{"batch_normalization_Xyzzyqw", 27, "batch_normalization_Xyzzyqw", false},
		{"conv2d_Cxnv2D1", 14, "conv2d_Cxnv2D1", false}, // not cut: Conv2D is 6 long
	} {
		if got, ok := bn.cutBySnake(c.in, c.cells*10); got != c.want || ok != c.ok {
			t.Errorf("cutBySnake(%q, %d cells) = %q, %v; want %q", c.in, c.cells, got, ok, c.want)
		}
	}
	// a character too many in a cut name: cut to the cells its box spans
	f.pitch = 10
	out := f.fixLine([]Word{{Left: 0, Width: 272, Text: "separable_conv2d_SeparablecC"}, {Left: 280, Width: 190, Text: "[[null,154,154,64]]"}})
	if out[0].Text != "separable_conv2d_SeparableC" {
		t.Errorf("cut name with a character too many: got %q", out[0].Text)
	}
}

func TestJoinClass(t *testing.T) {
	f := newFixer(testClasses)
	f.pitch = 10
	got := f.fixLine([]Word{{Left: 0, Width: 50, Text: "Input"}, {Left: 52, Width: 48, Text: "Layer"}, {Left: 101, Width: 9, Text: ")"}})
	if len(got) != 1 || got[0].Text != "(InputLayer)" {
		t.Errorf("parted class: %+v", got)
	}
	got = f.fixLine([]Word{{Left: 0, Width: 50, Text: "dense"}, {Left: 70, Width: 70, Text: "Dense)"}})
	if len(got) != 2 {
		t.Errorf("a name and its class joined: %+v", got)
	}
}

func TestAutoStem(t *testing.T) {
	classes := map[string]bool{"Dense": true, "MaxPooling1D": true, "Average": true}
	for name, want := range map[string]bool{
		"dense_Dense": true, "max_pooling1d_MaxPooling1D": true, "average_pooling2d_Average": false,
		"dense_Dense1": false, "my_dense": false, "Dense": false,
	} {
		if got := autoStem(name, classes); got != want {
			t.Errorf("autoStem(%q) = %v", name, got)
		}
	}
}

// TestNumberedNames: a 1 read as a letter at the end of a name part is given back where the page's
// names show the scheme; a name of letters among names of letters stays.
func TestNumberedNames(t *testing.T) {
	cases := []struct{ in, want []string }{
		{[]string{"input_layer", "lstml", "lstm2", "fcl"}, []string{"input_layer", "lstm1", "lstm2", "fc1"}},
		// no word ends in a consonant and an l: the part ends in a 1 ("fcl", "gapl", "identityl")
		{[]string{"embedl", "gapl", "block3_identityl", "conv_final", "pool", "cell", "ctrl", "xl", "multi"}, []string{"embed1", "gap1", "block3_identity1", "conv_final", "pool", "cell", "ctrl", "xl", "multi"}},
		{[]string{"elut", "fc1", "dense", "dropi", "drop2"}, []string{"elut", "fc1", "dense", "drop1", "drop2"}},
		{[]string{"blockl_acti", "block1_drop1", "block2_drop2"}, []string{"block1_acti", "block1_drop1", "block2_drop2"}},
		{[]string{"block1_conv1", "block1_conv2", "block1_pool", "block2_conv1", "fc1", "fc2"}, []string{"block1_conv1", "block1_conv2", "block1_pool", "block2_conv1", "fc1", "fc2"}},
	}
	for _, c := range cases {
		got := numberedNames(c.in)
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("numberedNames(%q) = %q, want %q", c.in, got, c.want)
				break
			}
		}
	}
}

func TestDropAfterStem(t *testing.T) {
	for in, want := range map[string]string{
		"conv2da_3": "conv2d_3", "conv2da": "conv2d", "conv2d_3": "conv2d_3", "conv2d_transpose": "conv2d_transpose",
		"conv2dab": "conv2dab", "my_conv2da": "my_conv2da", "conv2da_x": "conv2da_x",
	} {
		if got := dropAfterStem(in, "Conv2D"); got != want {
			t.Errorf("dropAfterStem(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFixNullBrackets(t *testing.T) {
	for in, want := range map[string]string{
		"[[null,128]]]": "[[null,128]]", "[[[null,128]]": "[[null,128]]", "[[nult,3,32]": "[[null,3,32]", "[[null,256]": "[[null,256]",
		"[[nult,3,32)]": "[[null,3,32]]", "[[null,20,100}],{{null,10,1": "[[null,20,100]],[[null,10,1",
		"[[null,128],[null,128]]]": "[[null,128],[null,128]]", "[[null,128],[null,1": "[[null,128],[null,1", "[[null,20,32]]": "[[null,20,32]]", "[null,32": "[null,32", "[null,16]]": "[null,16]]",
		"[[nul1l,16,32]]": "[[null,16,32]]", "[[nu11,154,154,64]]": "[[null,154,154,64]]", "[[nulll,16]]": "[[null,16]]", "[nul1": "[null",
		"[[nuli,8],[nuIl,8]]": "[[null,8],[null,8]]",
		"[null],16,576]":      "[null,16,576]", "[[null,16],[null,8]]": "[[null,16],[null,8]]",
		// the noise of a small JPEG: punctuation no shape holds, an "E" for a bracket, null garbled
		"[ngli,10;,,16]": "[null,10,16]", "E[nu111L,512]]": "[[null,512]]", "[Efnull,;256]]": "[[null,256]]",
		"[nuLL,16384]": "[null,16384]", "null,4,12,16]": "[null,4,12,16]", "fnull,:4,:12.,:16]": "[null,4,12,16]", "Enull,.4,12.,.16]": "[null,4,12,16]",
	} {
		if got := fixNull(in); got != want {
			t.Errorf("fixNull(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSplitMergedSpace(t *testing.T) {
	for _, c := range []struct {
		text       string
		cells      int
		name, rest string
	}{
		// a space read as a character: the word fills as many cells as it has characters
		{"separable_conv2d_SeparableCo[[null,154,154,64]]", 47, "separable_conv2d_SeparableC", "[[null,154,154,64]]"},
		// a space lost: the word fills one cell more
		{"dense_1(Dense)", 15, "dense_1", "(Dense)"},
	} {
		got := splitMerged([]Word{{Left: 0, Width: c.cells * 10, Text: c.text}}, 10)
		if len(got) != 2 || got[0].Text != c.name || got[1].Text != c.rest {
			t.Errorf("splitMerged(%q): got %+v", c.text, got)
		}
	}
}

func TestNameClass(t *testing.T) {
	fulls := []string{"LeakyReLU", "LeakyRelu"}
	if got := nameClass(fulls, "leaky_re_lu_LeakyReLU1"); len(got) != 1 || got[0] != "LeakyReLU" {
		t.Errorf("nameClass: got %q", got)
	}
	if got := nameClass(fulls, "act_3"); len(got) != 2 {
		t.Errorf("nameClass of a name that spells no class: got %q", got)
	}
	// why: the other spelling's automatic name drops the name's "_"
	if got := dropExtra("leaky_re_lu_LeakyReLU1", "LeakyReLU"); got != "leaky_re_lu_LeakyReLU1" {
		t.Errorf("dropExtra by the class the name spells: got %q", got)
	}
}

// A class cell the print cut, parted by the recogniser where the print has no space: "(Layer"
// "Normalizat" "io…" is one cell.
func TestJoinClassCut(t *testing.T) {
	f := newFixer(append([]string{"LayerNormalization"}, testClasses...))
	f.pitch = 10
	got := f.fixLine([]Word{{Left: 0, Width: 58, Text: "(Layer"}, {Left: 62, Width: 96, Text: "Normalizat"}, {Left: 162, Width: 28, Text: "io…"}})
	if len(got) != 1 || got[0].Text != "(LayerNormalizatio…" {
		t.Errorf("parted cut class: %+v", got)
	}
	// in four pieces, misread ("L" for "l", "z" for "2"): the one class it is near
	g := newFixer(append([]string{"GlobalMaxPooling1D", "GlobalMaxPooling2D", "GlobalMaxPooling3D"}, testClasses...)).withPitch(10)
	got = g.fixLine([]Word{{Left: 0, Width: 58, Text: "(GLoba"}, {Left: 62, Width: 66, Text: "LMaxPoo"}, {Left: 132, Width: 28, Text: "Lin"}, {Left: 162, Width: 28, Text: "gz…"}})
	if len(got) != 1 || got[0].Text != "(GlobalMaxPooling2…" {
		t.Errorf("parted cut class in four: %+v", got)
	}
	// in five, its "(" a piece of its own, an "l" read as its capital
	got = f.fixLine([]Word{{Left: 2, Width: 6, Text: "("}, {Left: 12, Width: 46, Text: "Layer"}, {Left: 61, Width: 47, Text: "Norma"},
		{Left: 111, Width: 47, Text: "Lizat"}, {Left: 161, Width: 29, Text: "io…"}})
	if len(got) != 1 || got[0].Text != "(LayerNormalizatio…" {
		t.Errorf("parted cut class in five: %+v", got)
	}
	// words a space apart stay apart
	got = f.fixLine([]Word{{Left: 0, Width: 58, Text: "(Layer"}, {Left: 80, Width: 96, Text: "Normalizat"}, {Left: 190, Width: 28, Text: "io…"}})
	if len(got) != 3 {
		t.Errorf("words a space apart joined: %+v", got)
	}
}

// A "1" read as two thin glyphs ("li", "1l", "1i") makes a name longer than its box: the pair is
// one glyph where the characters too many are as many as such pairs. A name that fills its box,
// and letters that are a pair inside a word ("normalizat"), stay.
func TestUndoubleClass(t *testing.T) {
	if got := undouble("(LeakyReLuU)", 110, 10); got != "(LeakyReLU)" {
		t.Errorf("undouble of a class cell: %q", got)
	}
}

func TestUndouble(t *testing.T) {
	const pitch = 10
	cases := []struct {
		in    string
		cells int
		want  string
	}{
		{"blockli_bnl", 10, "blockl_bnl"},
		{"block1l_spatial_dropout2_d1l", 26, "block1_spatial_dropout2_d1"},
		{"block1l_random_cropl", 19, "block1_random_cropl"},
		{"dense_1i", 7, "dense_1"},
		// one "1" read as three thin glyphs, two characters too many for the box
		{"dense_1l1", 7, "dense_1"},
		{"dense_1l1", 9, "dense_1l1"},
		{"dense_1l1", 8, "dense_1l1"},
		{"dropout_Dropouti1", 16, "dropout_Dropout1"},
		{"input_lLayer", 11, "input_layer"},
		{"separabLle_conv2d_Separable", 26, "separable_conv2d_Separable"},
		{"input_lLayer", 12, "input_lLayer"},
		{"batch_normal1iz…", 15, "batch_normaliz…"},
		{"layer_normalizat", 15, "layer_normalizat"},
		{"pool1", 4, "pool1"},
		{"flatten_Flattenl1", 16, "flatten_Flatten1"},
		{"flatten_Flattenl1", 17, "flatten_Flattenl1"},
		{"blockli_bnl", 11, "blockli_bnl"},
		{"block1l_random_cropl", 20, "block1l_random_cropl"},
	}
	for _, c := range cases {
		if got := undouble(c.in, c.cells*pitch, pitch); got != c.want {
			t.Errorf("undouble(%q in %d cells) = %q, want %q", c.in, c.cells, got, c.want)
		}
	}
}

// The number of a TensorFlow.js automatic name read as a letter no class ends in ("Densei").
func TestAutoNameNumberAsLetter(t *testing.T) {
	f := newFixer(testClasses)
	for in, want := range map[string]string{"dense_Densei": "dense_Dense1", "dense_DenseO": "dense_Dense0", "flatten_Flattenl": "flatten_Flatten1"} {
		if got, _ := f.autoName(in); got != want {
			t.Errorf("autoName(%q) = %q, want %q", in, got, want)
		}
	}
}

// A Keras automatic name beside its class with one letter misread ("Gense_1" of a Dense).
func TestRestem(t *testing.T) {
	cases := []struct{ name, class, want string }{
		{"Gense_1", "Dense", "dense_1"},
		{"Gense", "Dense", "dense"},
		{"aropout", "Dropout", "dropout"},
		{"dense", "Dense", "dense"},
		{"conv1d_2", "Conv2D", "conv1d_2"}, // a digit is no misread letter
		{"gru_1", "GRU", "gru_1"},          // too short to tell
		{"dence_net", "Dense", "dence_net"},
		{"Activity_regularization_1", "ActivityRegularization", "Activity_regularization_1"}, // a user's capital
	}
	for _, c := range cases {
		if got := restem(c.name, c.class); got != c.want {
			t.Errorf("restem(%q, %s) = %q, want %q", c.name, c.class, got, c.want)
		}
	}
}

// A comma the digits-only reading read twice ("13,,152") is one.
func TestCountText(t *testing.T) {
	for in, want := range map[string]string{"13,,152": "13,152", ",512": "512", "1,234,567": "1,234,567", "0": "0"} {
		if got := countText(in); got != want {
			t.Errorf("countText(%q) = %q, want %q", in, got, want)
		}
	}
}

// A TensorFlow.js automatic name whose underscores were read as spaces is one word.
func TestJoinUnderscored(t *testing.T) {
	f := newFixer(append([]string{"AveragePooling1D", "AveragePooling2D"}, testClasses...))
	f.pitch = 10
	got := f.fixLine([]Word{{Left: 0, Width: 70, Text: "average"}, {Left: 80, Width: 90, Text: "poolingld"}, {Left: 180, Width: 90, Text: "AveragePo"}, {Left: 290, Width: 140, Text: "[[null,20,16]]"}})
	if len(got) != 2 || got[0].Text != "average_pooling1d_AveragePo" {
		t.Errorf("a name read in pieces: %+v", got)
	}
	got = f.fixLine([]Word{{Left: 0, Width: 78, Text: "average_"}, {Left: 95, Width: 90, Text: "poolingld"}, {Left: 195, Width: 90, Text: "AveragePo"}})
	if len(got) != 1 || got[0].Text != "average_pooling1d_AveragePo" {
		t.Errorf("a name read in pieces, an underscore with one: %+v", got)
	}
	got = f.fixLine([]Word{{Left: 0, Width: 197, Text: "global_max_poolingld"}, {Left: 210, Width: 58, Text: "Global"}, {Left: 290, Width: 140, Text: "[[null,20,16]]"}})
	if len(got) != 2 || got[0].Text != "global_max_pooling1d_Global" {
		t.Errorf("a name read in pieces: %+v", got)
	}
	// parted where the recogniser lost a character, the class part with the end of the snake
	// part: the snake case of the one class it is a character away from
	bn := newFixer(append([]string{"BatchNormalization", "BatchNormalizationV1", "BatchNormalizationV2"}, testClasses...))
	bn.pitch = 10
	got = bn.fixLine([]Word{{Left: 0, Width: 58, Text: "batch_"}, {Left: 70, Width: 200, Text: "ormalization_BatchNo"}, {Left: 280, Width: 90, Text: "[[null,8]]"}})
	if len(got) != 2 || got[0].Text != "batch_normalization_BatchNo" {
		t.Errorf("a name read in pieces, a character lost: %+v", got)
	}
	// the cut class part with its capital read small ("Separablec"): the class the scheme reads
	// it as decides the snake part
	sep := newFixer(append([]string{"SeparableConv1D", "SeparableConv2D"}, testClasses...)).withPitch(10)
	got = sep.fixLine([]Word{{Left: 0, Width: 160, Text: "separable_conv2d"}, {Left: 170, Width: 100, Text: "Separablec"}, {Left: 290, Width: 180, Text: "[[null,64,64,16]]"}})
	if len(got) != 2 || got[0].Text != "separable_conv2d_SeparableC" {
		t.Errorf("a cut class part read small: %+v", got)
	}
	got = sep.fixLine([]Word{{Left: 0, Width: 60, Text: "my_net"}, {Left: 70, Width: 100, Text: "Separablec"}})
	if len(got) != 2 {
		t.Errorf("a user's name joined to a cut class part: %+v", got)
	}
	// a name and its class a space apart stay apart; a user's name is no automatic one
	got = f.fixLine([]Word{{Left: 0, Width: 70, Text: "my_net"}, {Left: 80, Width: 70, Text: "Dropout1"}})
	if len(got) != 2 {
		t.Errorf("a user's words joined: %+v", got)
	}
}

// A pair of characters read twice in an automatic name ("addad_1" of an Add).
func TestDropRepeat(t *testing.T) {
	cases := []struct{ name, class, want string }{
		{"addad_1", "Add", "add_1"},
		{"addad", "Add", "add"},
		{"densense_2", "Dense", "densense_2"}, // three characters, not a pair
		{"adxd_1", "Add", "adxd_1"},           // no pair read again
		{"add_1", "Add", "add_1"},
	}
	for _, c := range cases {
		if got := dropRepeat(c.name, c.class); got != c.want {
			t.Errorf("dropRepeat(%q, %s) = %q, want %q", c.name, c.class, got, c.want)
		}
	}
}

// A TensorFlow.js shape whose comma was read as a space is one cell; a cut cell and the next
// column's shape stay apart. A Keras shape whose comma was lost gets it back.
func TestShapeComma(t *testing.T) {
	f := newFixer(testClasses)
	f.pitch = 10
	got := f.fixLine([]Word{{Left: 0, Width: 50, Text: "[null"}, {Left: 60, Width: 40, Text: "512]"}})
	if len(got) != 1 || got[0].Text != "[null,512]" {
		t.Errorf("a shape read in two: %+v", got)
	}
	got = f.fixLine([]Word{{Left: 0, Width: 50, Text: "(null"}, {Left: 57, Width: 40, Text: "512]"}})
	if len(got) != 1 || got[0].Text != "[null,512]" {
		t.Errorf("a shape read in two, its bracket as a parenthesis: %+v", got)
	}
	got = f.fixLine([]Word{{Left: 0, Width: 70, Text: "[null],"}, {Left: 75, Width: 70, Text: "16,576]"}})
	if len(got) != 1 || got[0].Text != "[null,16,576]" {
		t.Errorf("a shape read in two, a bracket in its middle: %+v", got)
	}
	got = f.fixLine([]Word{{Left: 0, Width: 3, Text: "E"}, {Left: 6, Width: 36, Text: "[nul"}, {Left: 45, Width: 20, Text: "lL,"}, {Left: 68, Width: 30, Text: "512]"}, {Left: 100, Width: 3, Text: "]"}})
	if len(got) != 1 || got[0].Text != "[[null,512]]" {
		t.Errorf("a shape read in pieces: %+v", got)
	}
	got = f.fixLine([]Word{{Left: 0, Width: 3, Text: "E"}, {Left: 9, Width: 36, Text: "[nul"}, {Left: 48, Width: 20, Text: "lL,"}, {Left: 71, Width: 30, Text: "512]"}, {Left: 107, Width: 3, Text: "]"}})
	if len(got) != 1 || got[0].Text != "[[null,512]]" {
		t.Errorf("a shape read in pieces, its brackets apart: %+v", got)
	}
	got = f.fixLine([]Word{{Left: 0, Width: 3, Text: "["}, {Left: 10, Width: 45, Text: "[null,"}, {Left: 62, Width: 30, Text: "256]"}, {Left: 99, Width: 4, Text: "J"}})
	if len(got) != 1 || got[0].Text != "[[null,256]]" {
		t.Errorf("a shape read in pieces, its last bracket a J: %+v", got)
	}
	got = f.fixLine([]Word{{Left: 0, Width: 270, Text: "[[null,16,16,32],[null,16,1"}, {Left: 280, Width: 150, Text: "[null,16,16,32]"}})
	if len(got) != 2 {
		t.Errorf("a cut cell joined to the next column: %+v", got)
	}
	got = f.fixLine([]Word{{Left: 0, Width: 50, Text: "(None"}, {Left: 60, Width: 40, Text: "512)"}})
	if len(got) != 2 || got[0].Text != "(None," {
		t.Errorf("a Keras shape without its comma: %+v", got)
	}
}

// A TensorFlow.js automatic name whose class part is too garbled to match is read by its snake
// part; a number still unread is left for the glyph templates.
func TestAutoBySnake(t *testing.T) {
	f := newFixer(testClasses)
	for in, want := range map[string]string{"conv1d_Convibd": "conv1d_Conv1D", "conv1d_Convib1": "conv1d_Conv1D1", "conv1d_Cxyzwvq": "conv1d_Cxyzwvq",
		// a snake part with a letter read as its capital, a class part whose capital was read small
		"max_pooLing2d_laxPooling2D2": "max_pooling2d_MaxPooling2D2", "max_pooling2d_layer": "max_pooling2d_layer"} {
		if got, _ := f.autoName(in); got != want {
			t.Errorf("autoName(%q) = %q, want %q", in, got, want)
		}
	}
}

// A Keras automatic name read with its small letters misread as their confusable capitals: in a
// name the print cut ("global_max_pooLing…" is the start of global_max_pooling2d), and where the
// class itself is a stem too ("Identity" of an Identity is "identity": the class's own spelling,
// a TensorFlow.js name's second part, does not undo the automatic name's reading).
func TestFixNameCaseLookalikes(t *testing.T) {
	cases := []struct{ name, class, want string }{
		{"global_max_pooLing…", "GlobalMaxPooling2D", "global_max_pooling…"},
		{"gLobal_max_pooLing…", "GlobalMaxPooling2D", "global_max_pooling…"},
		{"batch_normaLizatio…", "BatchNormalization", "batch_normalizatio…"},
		{"Identity", "Identity", "identity"},
		{"dense_Dense1", "Dense", "dense_Dense1"},            // TensorFlow.js: the class part stays
		{"my_pooLing…", "GlobalMaxPooling2D", "my_pooLing…"}, // no stem starts so
		{"gl…", "GlobalMaxPooling2D", "gl…"},                 // too short to tell
		// the glyph against the print's "…" misread, the rest the stem's start exactly
		{"batch_normalizatic…", "BatchNormalization", "batch_normalizatio…"},
		{"global_average_pox…", "GlobalAveragePooling2D", "global_average_poo…"},
		{"batch_normalizatic", "BatchNormalization", "batch_normalizatic"},   // not cut
		{"batch_normxlizatic…", "BatchNormalization", "batch_normxlizatic…"}, // more than that one
		{"dens…", "Dense", "dens…"},
	}
	for _, c := range cases {
		if got := fixName(c.name, c.class); got != c.want {
			t.Errorf("fixName(%q, %s) = %q, want %q", c.name, c.class, got, c.want)
		}
	}
}

// A class cell too garbled to match a class ("(SimpLeRIfl)") is read by the name beside or above
// it, where that name is a class's automatic name and the cell still looks like the class.
func TestClassByName(t *testing.T) {
	f := newFixer(append([]string{"SimpleRNN", "GaussianNoise", "LeakyReLU", "LeakyRelu"}, testClasses...))
	for _, c := range []struct {
		cell, name, want string
		ok               bool
	}{
		{"(SimpLeRIfl)", "simple_rnn", "(SimpleRNN)", true},
		{"(SimpLeRIfl)", "Ssimple_rnn", "(SimpleRNN)", true}, // a character too many in the name
		{"(SimpLeRIfl", "simple_rnn_2", "(SimpleRNN", true},
		{"(SimpLeRIfl)", "encoder", "", false}, // a user's name says nothing
		{"(Xqzwvk)", "simple_rnn", "", false},  // a cell that is no SimpleRNN
		{"(Denze)", "dense", "(Dense)", true},
		// a TensorFlow.js automatic name names its class in its class part ("(LST)": an "M" lost)
		{"(LST)", "lstm_LSTM1", "(LSTM)", true},
		{"(LST)", "my_LSTM1", "", false},      // a user's name
		{"(Xqzwvk)", "lstm_LSTM1", "", false}, // a cell that is no LSTM
		// two classes a case apart (a layer and an op), their automatic names a character apart:
		// the one whose name it is exactly
		{"(LeakyReLu)", "leaky_re_lu", "(LeakyReLU)", true},
		{"(LeakyReLu)", "leaky_relu_1", "(LeakyRelu)", true},
		{"(LeakyReLu)", "leaky_reelu", "", false}, // a character from both, neither exactly
	} {
		got, ok := f.classByName(c.cell, c.name)
		if got != c.want || ok != c.ok {
			t.Errorf("classByName(%q, %q) = %q, %v; want %q, %v", c.cell, c.name, got, ok, c.want, c.ok)
		}
	}
}

// A name parted where the recogniser lost a character is joined with the class's automatic name
// read into the lost cell; pieces that spell no automatic name stay apart.
func TestJoinLost(t *testing.T) {
	f := newFixer(append([]string{"GaussianNoise"}, testClasses...)).withPitch(10)
	got := f.fixLine([]Word{{Left: 0, Width: 88, Text: "gaussian_"}, {Left: 100, Width: 48, Text: "oisei"}, {Left: 165, Width: 148, Text: "(GaussianNoise)"}})
	if len(got) != 2 || got[0].Text != "gaussian_noise1" {
		t.Errorf("a name with a character lost: %+v", got)
	}
	got = f.fixLine([]Word{{Left: 0, Width: 48, Text: "dense"}, {Left: 60, Width: 8, Text: "l"}, {Left: 80, Width: 68, Text: "(Dense)"}})
	if len(got) != 2 || got[0].Text != "dense_1" {
		t.Errorf("a name with its underscore lost: %+v", got)
	}
	got = f.fixLine([]Word{{Left: 0, Width: 48, Text: "dense"}, {Left: 60, Width: 48, Text: "layer"}, {Left: 125, Width: 68, Text: "(Dense)"}})
	if len(got) != 3 {
		t.Errorf("a user's name after an automatic one joined: %+v", got)
	}
	got = f.fixLine([]Word{{Left: 0, Width: 48, Text: "noise"}, {Left: 60, Width: 48, Text: "layer"}, {Left: 125, Width: 148, Text: "(GaussianNoise)"}})
	if len(got) != 3 {
		t.Errorf("pieces of no automatic name joined: %+v", got)
	}
}

// An automatic name whose snake part was read with characters added ("conv2dad_Conv2D1") is
// spelt with its class's snake part where the cells of its box hold that name; a box as long
// as the read (a user's longer name) keeps it.
func TestFitSnakeByCells(t *testing.T) {
	f := newFixer(testClasses)
	f.pitch = 10
	for _, c := range []struct {
		in    string
		cells int
		want  string
	}{
		{"conv2dad_Conv2D3", 14, "conv2d_Conv2D3"},
		{"dropoutxx_Dropout2", 16, "dropout_Dropout2"},
		{"conv2dad_Conv2D3", 16, "conv2dad_Conv2D3"},
		{"conv2d_extra_Conv2D3", 20, "conv2d_extra_Conv2D3"},
		{"conv2d_Conv2D3", 14, "conv2d_Conv2D3"},
		{"dense_Dense", 5, "dense_Dense"},
	} {
		if got := f.fitSnake(c.in, c.cells*10); got != c.want {
			t.Errorf("fitSnake(%q, %d cells) = %q, want %q", c.in, c.cells, got, c.want)
		}
	}
	out := f.fixLine([]Word{{Left: 0, Width: 140, Text: "conv2dad_Conv2D3"}, {Left: 150, Width: 80, Text: "(Conv2D)"}})
	if len(out) != 2 || out[0].Text != "conv2d_Conv2D3" {
		t.Errorf("fixLine: got %+v", out)
	}
}

// A cut class whose "(" was lost and whose small "l" was read as its capital ("LayerNormaLizatio…")
// gets its "(" and its letters back; a word that starts no class stays.
func TestCutClassOpenerCapital(t *testing.T) {
	f := newFixer(append([]string{"LayerNormalization"}, testClasses...))
	for in, want := range map[string]string{
		"LayerNormaLizatio…": "(LayerNormalizatio…",
		"LayerNormalizatio…": "(LayerNormalizatio…",
		"LayerNormaXizatio…": "LayerNormaXizatio…",
		"Layers_of_mine…":    "Layers_of_mine…",
	} {
		if got := f.cutClassOpener(in, ""); got != want {
			t.Errorf("cutClassOpener(%q) = %q, want %q", in, got, want)
		}
	}
}

// A class's "(" read twice, as itself and a brace ("({BatchNorma" "lization)"): the two marks
// fill one cell, so the pieces still fill as many cells as the class has characters, and the
// class, whose "(" was read, keeps its place.
func TestJoinClassDoubledOpener(t *testing.T) {
	f := newFixer(append([]string{"BatchNormalization"}, testClasses...)).withPitch(10)
	got := f.fixLine([]Word{{Left: 0, Width: 100, Text: "({BatchNorma"}, {Left: 108, Width: 92, Text: "lization)"}})
	if len(got) != 1 || got[0].Text != "(BatchNormalization)" || got[0].Left != 0 {
		t.Errorf("a doubled opener: %+v", got)
	}
	// alone, it keeps its place too
	got = f.fixLine([]Word{{Left: 0, Width: 200, Text: "({BatchNormalization)"}})
	if len(got) != 1 || got[0].Text != "(BatchNormalization)" || got[0].Left != 0 {
		t.Errorf("a doubled opener in one word: %+v", got)
	}
	// pieces a cell too wide for the class stay apart
	got = f.fixLine([]Word{{Left: 0, Width: 110, Text: "({BatchNorma"}, {Left: 125, Width: 92, Text: "lization)"}})
	if len(got) != 2 {
		t.Errorf("pieces too wide joined: %+v", got)
	}
}
