package explain

import (
	"testing"

	"github.com/kexplain/kexplain/grammar"
)

// TestEarlierSummaries: code that prints an encoder's summary, then the model that holds it,
// explains both models, each with its own rows and totals, in the order printed; a model printed
// again under the final model's name is not listed twice.
func TestEarlierSummaries(t *testing.T) {
	code := `import keras
from keras import layers
encoder = keras.Sequential([keras.Input(shape=(28, 28, 1)), layers.Conv2D(16, 3), layers.Flatten(), layers.Dense(32)], name="encoder")
encoder.summary()
decoder = keras.Sequential([keras.Input(shape=(32,)), layers.Dense(784)], name="decoder")
decoder.summary()
model = keras.Sequential([encoder, decoder], name="autoencoder")
model.summary()
model.summary()
`
	cs := ExplainCode(grammar.Parse(code).Code)
	if len(cs) != 1 {
		t.Fatalf("%d code results, want 1", len(cs))
	}
	c := cs[0]
	// by hand: Conv2D 3·3·1·16 + 16 = 160; Flatten 26·26·16 = 10,816; Dense 10,816·32 + 32 = 346,144;
	// decoder Dense 32·784 + 784 = 25,872
	want := []struct {
		name   string
		line   int
		counts []int64
		total  int64
	}{
		{"encoder", 4, []int64{160, 0, 346144}, 346304},
		{"decoder", 6, []int64{25872}, 25872},
	}
	if len(c.Earlier) != len(want) {
		t.Fatalf("%d earlier models, want %d", len(c.Earlier), len(want))
	}
	for i, w := range want {
		e := c.Earlier[i]
		if e.Name != w.name || e.Line != w.line {
			t.Errorf("earlier %d: %q at line %d, want %q at line %d", i, e.Name, e.Line, w.name, w.line)
		}
		if len(e.Rows) != len(w.counts) {
			t.Errorf("%s: %d rows, want %d", w.name, len(e.Rows), len(w.counts))
			continue
		}
		for j, n := range w.counts {
			if e.Rows[j].Expected == nil || *e.Rows[j].Expected != n {
				t.Errorf("%s row %d: %v, want %d", w.name, j, e.Rows[j].Expected, n)
			}
		}
		if e.Totals == nil || e.Totals.Total == nil || *e.Totals.Total != w.total {
			t.Errorf("%s total: %+v, want %d", w.name, e.Totals, w.total)
		}
	}
	if c.Model == nil || c.Model.Name != "autoencoder" || len(c.Rows) != 2 || *c.Totals.Total != 346304+25872 {
		t.Errorf("final model: %+v", c.Model)
	}
}
