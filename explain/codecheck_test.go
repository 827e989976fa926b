package explain

import (
	"strings"
	"testing"

	"github.com/kexplain/kexplain/grammar"
)

// TestCompareCode: a table pasted with the code that built it gets no code flag; a changed count
// gets a warning, and the table row stays as judged.
func TestCompareCode(t *testing.T) {
	code := "import keras\nfrom keras import layers\nmodel = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(4), layers.Dense(2)])\nmodel.summary()\n"
	table := func(n string) string {
		return "Model: \"sequential\"\n" + strings.Repeat("_", 65) + "\n" +
			"Layer (type)                 Output Shape              Param #   \n" + strings.Repeat("=", 65) + "\n" +
			"dense (Dense)                (None, 4)                 " + n + "        \n" + strings.Repeat("_", 65) + "\n" +
			"dense_1 (Dense)              (None, 2)                 10        \n" + strings.Repeat("=", 65) + "\n"
	}
	for _, c := range []struct {
		n     string
		flags int
	}{{"36", 0}, {"40", 1}} {
		doc := grammar.Parse(code + "\n" + table(c.n))
		res := Explain(doc)
		flags := CompareCode(res.Summaries, ExplainCode(doc.Code))
		if len(flags) != c.flags {
			t.Errorf("count %s: %d flags %v, want %d", c.n, len(flags), flags, c.flags)
		}
		for _, f := range flags {
			if f.Kind != KindCode || f.Severity != Warning {
				t.Errorf("flag %+v", f)
			}
		}
	}
}
