package interp

import (
	"strings"
	"testing"

	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/layers"
)

// rebuildProgram runs src as one program (no snippet finding), as Keras version v.
func rebuildProgram(t *testing.T, src string, v layers.Version) *Result {
	t.Helper()
	r := rebuild(grammar.ParsePython(src), nil, v)
	if r == nil {
		t.Fatal("nothing rebuilt")
	}
	return r
}

// TestImportOfOwnDefinition: a paste that imports a name it defines itself from a module of its
// own (a doctest: from project.heads import make_head) keeps its definition; an import from
// Keras replaces it, as Python's would.
func TestImportOfOwnDefinition(t *testing.T) {
	const def = `import keras
def head(x, width):
    return keras.Model(x, keras.layers.Dense(width)(x))
`
	own := rebuildProgram(t, def+`from project.heads import head
m = head(keras.Input(shape=(20,)), 8)
m.summary()
`, layers.Keras3)
	if own.Model == nil || len(topRows(own.Model)) != 2 || topRows(own.Model)[1].Params != 168 {
		t.Fatalf("own definition: %+v, notes %v", own.Model, own.Notes)
	}
	lib := rebuildProgram(t, def+`from keras.layers import head
m = head(keras.Input(shape=(20,)), 8)
`, layers.Keras3)
	if lib.Model != nil {
		t.Errorf("an import from keras must replace the definition: got a model of %d rows", len(lib.Model.Rows))
	}
}

// TestCandidates: every summary() printed and every model the code builds is a model a table may
// show, with the line of its summary() call.
func TestCandidates(t *testing.T) {
	r := rebuildProgram(t, `import keras
m = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3)])
m.summary()
m.add(keras.layers.Dense(2))
m.summary()
other = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
`, layers.Keras3)
	var got []string
	for _, m := range r.Models {
		got = append(got, m.Name+":"+itoa(len(m.Rows))+"@"+itoa(m.SummaryLine))
	}
	want := "sequential:1@3 sequential:2@5 sequential:2@0 sequential_1:1@0"
	if strings.Join(got, " ") != want {
		t.Errorf("candidates %q, want %q", strings.Join(got, " "), want)
	}
}

// TestUndefinedAndUnknownArgs: what the code does not define is said on the model and its rows.
func TestUndefinedAndUnknownArgs(t *testing.T) {
	r := rebuildProgram(t, `import keras
model = keras.Sequential([base_model, keras.layers.Dense(units, activation=act), keras.layers.Dense(2)])
model.summary()
`, layers.Keras3)
	rows := topRows(r.Model)
	if len(rows) != 3 || !rows[0].Undefined || rows[1].Undefined {
		t.Fatalf("rows %+v", rows)
	}
	if strings.Join(rows[1].UnknownArgs, ",") != "activation,units" {
		t.Errorf("unknown args %v, want activation, units", rows[1].UnknownArgs)
	}
	if len(r.Model.Undefined) != 1 {
		t.Errorf("undefined %v, want the one row", r.Model.Undefined)
	}
	f := rebuildProgram(t, `import keras
x = keras.layers.Dense(8)(features)
model = keras.Model(inputs, keras.layers.Dense(1)(x))
`, layers.Keras3)
	if f.Model == nil || len(f.Model.Undefined) < 2 {
		t.Fatalf("a model whose inputs the code does not give still lists its layers, and says what is undefined: %+v", f.Model)
	}
}

// TestSkipNotes: code the rebuild does not run is marked, so that a model is not taken as whole.
func TestSkipNotes(t *testing.T) {
	r := rebuildProgram(t, `import keras
model = keras.Sequential([keras.Input(shape=(4,))])
if flag:
    model.add(keras.layers.Dropout(0.5))
model.add(keras.layers.Dense(1))
`, layers.Keras3)
	skipped := false
	for _, n := range r.Notes {
		skipped = skipped || n.Skip
	}
	if !skipped {
		t.Errorf("no skip note: %v", r.Notes)
	}
}

// TestNestedModelReplayed: a nested model called on an input of another shape computes its output
// anew, through its operations too.
func TestNestedModelReplayed(t *testing.T) {
	r := rebuildProgram(t, `import keras
from keras import layers
i = keras.Input(shape=(None, 3))
inner = keras.Model(i, layers.Dense(4)(i) + 1.0)
x = keras.Input(shape=(7, 3))
model = keras.Model(x, layers.Flatten()(inner(x)))
`, layers.Keras3)
	rows := topRows(r.Model)
	if got := rows[len(rows)-1].Output; got != "(None, 28)" {
		t.Errorf("flatten %s, want (None, 28)", got)
	}
}
