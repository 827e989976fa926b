package explain

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/layers"
)

func rebuild(t *testing.T, src string) *CodeResult {
	t.Helper()
	doc := grammar.Parse(src)
	cs := ExplainCode(doc.Code)
	if len(cs) != 1 {
		t.Fatalf("%d code results, want 1", len(cs))
	}
	return cs[0]
}

type wantRow struct {
	name, class, shape string
	params             int64
}

func checkRows(t *testing.T, c *CodeResult, want []wantRow) {
	t.Helper()
	if len(c.Rows) != len(want) {
		for _, r := range c.Rows {
			t.Logf("got %s %s %s", r.Row.Name, r.Class, r.Row.OutputText)
		}
		t.Fatalf("%d rows, want %d", len(c.Rows), len(want))
	}
	for i, w := range want {
		r := c.Rows[i]
		got := wantRow{r.Row.Name, r.Class, r.Row.OutputText, -1}
		if r.Expected != nil {
			got.params = *r.Expected
		}
		if got != w {
			t.Errorf("row %d: got %+v, want %+v", i+1, got, w)
		}
	}
}

func TestCodeKeras1Seed(t *testing.T) {
	c := rebuild(t, `cnn = Sequential()
cnn.add(Convolution1D(64, 3, border_mode="same", activation="relu", input_shape=(41, 1)))
cnn.add(MaxPooling1D(pool_length=2))
cnn.add(Flatten())
cnn.add(Dense(128, activation="relu"))
cnn.add(Dropout(0.5))
cnn.add(Dense(5, activation="softmax"))
print(cnn.summary())
`)
	if c.Version != layers.Keras1 {
		t.Errorf("version %v, want Keras 1", c.Version)
	}
	checkRows(t, c, []wantRow{
		{"convolution1d_1", "Convolution1D", "(None, 41, 64)", 256},
		{"maxpooling1d_1", "MaxPooling1D", "(None, 20, 64)", 0},
		{"flatten_1", "Flatten", "(None, 1280)", 0},
		{"dense_1", "Dense", "(None, 128)", 163968},
		{"dropout_1", "Dropout", "(None, 128)", 0},
		{"dense_2", "Dense", "(None, 5)", 645},
	})
}

func TestCodeFunctionalKeras3(t *testing.T) {
	c := rebuild(t, `import keras
from keras import layers
inp = keras.Input(shape=(32,))
a = layers.Dense(64)(inp)
b = layers.Dense(16)(inp)
x = layers.Concatenate()([a, b])
out = layers.Dense(10)(x)
model = keras.Model(inp, out)
model.summary()
`)
	checkRows(t, c, []wantRow{
		{"input_layer", "InputLayer", "(None, 32)", 0},
		{"dense", "Dense", "(None, 64)", 2112},
		{"dense_1", "Dense", "(None, 16)", 528},
		{"concatenate", "Concatenate", "(None, 80)", 0},
		{"dense_2", "Dense", "(None, 10)", 810},
	})
	m := c.Model
	if m.Sequential || m.Name != "functional" || m.Trainable != 3450 {
		t.Errorf("model %s sequential=%v trainable=%d", m.Name, m.Sequential, m.Trainable)
	}
	if got := strings.Join(m.Rows[3].Connected, ", "); got != "dense[0][0], dense_1[0][0]" {
		t.Errorf("connected to %q", got)
	}
}

func TestCodeTFKerasNames(t *testing.T) {
	c := rebuild(t, `from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Dense, GRU
model = Sequential()
model.add(GRU(16, input_shape=(10, 8)))
model.add(Dense(1))
`)
	checkRows(t, c, []wantRow{{"gru", "GRU", "(None, 16)", 1248}, {"dense", "Dense", "(None, 1)", 17}})
}

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

// TestSharedKeras3Code rebuilds every oracle case of ../shared/corpus/keras3-dev (when present) and
// compares the top-level rows with truth.json.
func TestSharedKeras3Code(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", "keras3-dev", "*.code.py"))
	if len(files) == 0 {
		t.Skip("../shared/corpus is absent")
	}
	for _, f := range files {
		stem := strings.TrimSuffix(f, ".code.py")
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		tb, err := os.ReadFile(stem + ".truth.json")
		if err != nil {
			continue
		}
		var truth struct {
			Layers []struct {
				Depth  int    `json:"depth"`
				Name   string `json:"name"`
				Shape  string `json:"output_shape"`
				Params int64  `json:"params"`
			} `json:"layers"`
		}
		if json.Unmarshal(tb, &truth) != nil {
			continue
		}
		doc := grammar.Parse(string(b))
		cs := ExplainCode(doc.Code)
		if len(cs) != 1 {
			t.Errorf("%s: %d code results", f, len(cs))
			continue
		}
		k := 0
		for _, l := range truth.Layers {
			if l.Depth != 0 {
				continue
			}
			if k >= len(cs[0].Rows) {
				t.Errorf("%s: row %s missing", f, l.Name)
				break
			}
			r := cs[0].Rows[k]
			k++
			if r.Expected == nil || *r.Expected != l.Params || r.Row.OutputText != l.Shape {
				t.Errorf("%s: %s: got %v %s, want %d %s", f, l.Name, r.Expected, r.Row.OutputText, l.Params, l.Shape)
			}
		}
	}
}
