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
