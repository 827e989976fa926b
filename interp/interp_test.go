package interp

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/layers"
)

// rebuilt runs the one snippet of src.
func rebuilt(t *testing.T, src string) *Result {
	t.Helper()
	doc := grammar.Parse(src)
	if len(doc.Code) != 1 {
		t.Fatalf("%d code snippets, want 1", len(doc.Code))
	}
	r := Rebuild(doc.Code[0], layers.VersionUnknown)
	if r == nil || r.Model == nil {
		t.Fatalf("no model rebuilt")
	}
	return r
}

// topRows are the rows of the model's own layers (an expanded nested model's aside).
func topRows(m *Model) []*Row {
	var out []*Row
	for _, r := range m.Rows {
		if r.Depth == 0 {
			out = append(out, r)
		}
	}
	return out
}

type wantRow struct {
	name, class, shape string
	params             int64
}

func checkRows(t *testing.T, c *Result, want []wantRow) {
	t.Helper()
	rows := topRows(c.Model)
	if len(rows) != len(want) {
		for _, r := range rows {
			t.Logf("got %s %s %s", r.Name, r.Class, r.Output)
		}
		t.Fatalf("%d rows, want %d", len(rows), len(want))
	}
	for i, w := range want {
		r := rows[i]
		got := wantRow{r.Name, r.Class, r.Output, -1}
		if r.Err == "" {
			got.params = r.Params
		}
		if got != w {
			t.Errorf("row %d: got %+v, want %+v", i+1, got, w)
		}
	}
}

func TestCodeKeras1Seed(t *testing.T) {
	c := rebuilt(t, `cnn = Sequential()
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
	c := rebuilt(t, `import keras
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
	if out := m.Rows[3].Out; len(out) != 1 || len(out[0]) != 2 || out[0][0] != -1 || out[0][1] != 80 {
		t.Errorf("concatenate's output shapes %v", out)
	}
	if u := m.Rows[1].Config["units"]; u != int64(64) {
		t.Errorf("dense's units %v", u)
	}
	if len(m.Rows[0].InDims) != 1 || len(m.Rows[0].InDims[0]) != 0 || len(m.Rows[3].InDims) != 1 || len(m.Rows[3].InDims[0]) != 2 {
		t.Errorf("input shapes %v, %v", m.Rows[0].InDims, m.Rows[3].InDims)
	}
}

func TestCodeTFKerasNames(t *testing.T) {
	c := rebuilt(t, `from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Dense, GRU
model = Sequential()
model.add(GRU(16, input_shape=(10, 8)))
model.add(Dense(1))
`)
	checkRows(t, c, []wantRow{{"gru", "GRU", "(None, 16)", 1248}, {"dense", "Dense", "(None, 1)", 17}})
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
		if len(doc.Code) != 1 {
			t.Errorf("%s: %d code snippets", f, len(doc.Code))
			continue
		}
		res := Rebuild(doc.Code[0], layers.VersionUnknown)
		if res == nil || res.Model == nil {
			t.Errorf("%s: no model rebuilt", f)
			continue
		}
		rows := topRows(res.Model)
		k := 0
		for _, l := range truth.Layers {
			if l.Depth != 0 {
				continue
			}
			if k >= len(rows) {
				t.Errorf("%s: row %s missing", f, l.Name)
				break
			}
			r := rows[k]
			k++
			if r.Err != "" || r.Params != l.Params || r.Output != l.Shape {
				t.Errorf("%s: %s: got %d %s (%s), want %d %s", f, l.Name, r.Params, r.Output, r.Err, l.Params, l.Shape)
			}
		}
	}
}
