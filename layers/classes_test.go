package layers

import (
	"testing"

	"github.com/kexplain/kexplain/grammar"
)

// A row whose print shows no class at all is read from an automatic layer name, and only from one.
func TestResolveClassFromAutomaticName(t *testing.T) {
	for _, c := range []struct{ name, want string }{
		{"batch_normalization_3", "BatchNormalization"},
		{"conv2d_transpose_1", "Conv2DTranspose"},
		{"max_pooling2d", "MaxPooling2D"},
		{"dense_12", "Dense"},
		{"encoder_block_3", ""},
		{"dense_head", ""},
	} {
		if got := ResolveClass(&grammar.Row{Name: c.name}); got != c.want {
			t.Errorf("%s: class %q, want %q", c.name, got, c.want)
		}
	}
}
