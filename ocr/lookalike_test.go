package ocr

import "testing"

// A small "l" read as its capital, as itself and its capital, or with an underscore before it, in
// an automatic name is put right by the class, in a Keras name and in a TensorFlow.js snake part;
// a name that no reading makes automatic keeps its capitals.
func TestUnLAutomaticNames(t *testing.T) {
	for _, c := range []struct{ read, class, want string }{
		{"gLobal_average_pooling1d", "GlobalAveragePooling1D", "global_average_pooling1d"},
		{"glLobal_average_pooling1d_2", "GlobalAveragePooling1D", "global_average_pooling1d_2"},
		{"g_Lobal_avg_pooLi…", "GlobalAveragePooling1D", "g_Lobal_avg_pooLi…"}, // no stem starts so
		{"g_Lobal_average_pooLi…", "GlobalAveragePooling1D", "global_average_pooli…"},
		{"layer_normaLization_3", "LayerNormalization", "layer_normalization_3"},
		{"myLabels", "Dense", "myLabels"},
		{"Label_dense", "Dense", "Label_dense"},
	} {
		got := unLTo(c.read, func(s string) bool { return isSchemeName(s, c.class) || isCutSchemeName(s, c.class) })
		if got != c.want {
			t.Errorf("unLTo(%q, %s) = %q, want %q", c.read, c.class, got, c.want)
		}
	}
	if got := autoSnake("up_samp_Ling1d", "UpSampling1D"); got != "up_sampling1d" {
		t.Errorf("autoSnake = %q", got)
	}
}

// A name part read with a capital "L" that the page's other names spell with an "l" is theirs;
// a part spelt so nowhere else, and one a capital starts, stay.
func TestPageL(t *testing.T) {
	lines := []string{
		"│ stage2_conv1 (Conv1D)    │ (None, 30, 8)  │     200 │",
		"│ stage2_pooL (MaxPooling1D) │ (None, 15, 8) │     0 │",
		"│ stage2_pool_out (Flatten) │ (None, 120)   │       0 │",
		"│ heLper (Dense)          │ (None, 4)      │     484 │",
		"│ head_Lstm (LSTM)        │ (None, 4)      │     144 │",
		"│ tail_lstm (LSTM)        │ (None, 4)      │     144 │",
	}
	lo := &layout{}
	for _, l := range lines {
		lo.rows = append(lo.rows, []rune(l))
	}
	lo.pageL()
	want := append([]string(nil), lines...)
	want[1] = "│ stage2_pool (MaxPooling1D) │ (None, 15, 8) │     0 │"
	for i, got := range lo.text() {
		if got != want[i] {
			t.Errorf("line %d: got %q, want %q", i+1, got, want[i])
		}
	}
}

// A class cell whose "(" was read as a brace or a bracket, or with one beside it, opens with its
// "(" alone; a cell that is no class keeps what was read.
func TestClassOpenerBraces(t *testing.T) {
	f := newFixer(shotClasses)
	for in, want := range map[string]string{
		"{GaussianNoise)":  "(GaussianNoise)",
		"({GaussianNoise)": "(GaussianNoise)",
		"([Cropping1D)":    "(Cropping1D)",
		"({Noise)":         "({Noise)",
		"(GaussianNoise)":  "(GaussianNoise)",
	} {
		if got := f.classOpener(in); got != want {
			t.Errorf("classOpener(%q) = %q, want %q", in, got, want)
		}
	}
}
