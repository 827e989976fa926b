package render_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/kexplain/kexplain/layers"
	"github.com/kexplain/kexplain/render"
)

// TestEraRules: what each era prints for code whose summary differs between eras (issue 10,
// item 6). Each row was worked out by hand from layers.md and Keras's own printing code.
func TestEraRules(t *testing.T) {
	const embedding = `from tensorflow import keras
model = keras.Sequential()
model.add(keras.layers.Embedding(1000, 16, input_length=10))
model.add(keras.layers.LSTM(8))
model.add(keras.layers.Dense(1))
model.summary()
`
	const shared = `from tensorflow.keras import layers, Model, Input
seq = Input(shape=(10, 8))
vec = Input(shape=(8,))
shared = layers.Dense(3)
x = layers.Flatten()(shared(seq))
out = layers.Concatenate()([x, shared(vec)])
model = Model([seq, vec], out)
model.summary()
`
	const nested = `from tensorflow.keras import layers, Model, Input
inner_in = Input(shape=(None, None, 3))
inner = Model(inner_in, layers.Conv2D(4, 3, padding="same")(inner_in))
img = Input(shape=(32, 32, 3))
out = layers.Dense(2)(layers.Flatten()(inner(img)))
model = Model(img, out)
model.summary()
`
	const nestedK1 = `from keras.layers import Input, Dense
from keras.models import Model
inner_in = Input(shape=(8,))
inner = Model(input=inner_in, output=Dense(4)(inner_in))
x = Input(shape=(8,))
out = Dense(2)(inner(x))
model = Model(input=x, output=out)
model.summary()
`
	for _, c := range []struct {
		name, era, code string
		version         layers.Version
		rows            []string // row lines (or their starts), trailing blanks aside
	}{
		// Keras 3 has no input_length: the Sequential has no input and stays unbuilt
		{"input_length ignored", "keras3", embedding, layers.Keras3, []string{
			"│ embedding (Embedding)           │ ?                      │   0 (unbuilt) │"}},
		// tf.keras builds it on (None, 10): 1000 × 16 = 16,000; LSTM 4 × 8 × (16 + 8 + 1) = 800
		{"input_length kept", "keras2.6", embedding, layers.TFKeras, []string{
			"embedding (Embedding)        (None, 10, 16)            16000",
			"lstm (LSTM)                  (None, 8)                 800"}},
		// calls with outputs (None, 10, 3) and (None, 3): multiple before Keras 3
		{"shared multiple", "keras2.6", shared, layers.TFKeras, []string{
			"dense (Dense)                   multiple             27          input_1[0][0]"}},
		{"shared multiple, Keras 2", "keras2", shared, layers.Keras2, []string{
			"dense_1 (Dense)                 multiple             27          input_1[0][0]"}},
		// Keras 3 prints the last call's shape
		{"shared last call", "keras3", shared, layers.Keras3, []string{
			"│ dense (Dense)       │ (None, 3)         │         27 │ input_layer[0][0… │"}},
		// the nested model on a 32 × 32 input: (None, 32, 32, 4); Flatten 4,096; Dense 8,194.
		// Multi-backend Keras 2 counts the model's own graph, (None, None, None, 4), as node 0:
		// the shapes differ, so multiple (a chain still: one node of the model's in this one).
		{"nested new input, tf.keras", "keras2.6", nested, layers.TFKeras, []string{
			"model (Functional)           (None, 32, 32, 4)         112",
			"flatten (Flatten)            (None, 4096)              0"}},
		{"nested new input, Keras 2", "keras2", nested, layers.Keras2, []string{
			"model_1 (Model)              multiple                  112",
			"flatten_1 (Flatten)          (None, 4096)              0",
			"dense_1 (Dense)              (None, 2)                 8194"}},
		// Keras 1 counts the nested model's own graph as node 0: its first call is node 1
		{"nested node index, Keras 1", "keras1", nestedK1, layers.Keras1, []string{
			"model_1 (Model)                  (None, 4)             36          input_2[0][0]",
			"dense_2 (Dense)                  (None, 2)             10          model_1[1][0]"}},
	} {
		var out string
		var err error
		if c.era == "keras3" {
			out, err = renderKeras3(c.code)
		} else {
			e := eraByName(t, c.era)
			e.version = c.version
			out, _, err = renderAs(e, c.code)
		}
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		lines := map[string]bool{}
		for _, l := range strings.Split(out, "\n") {
			lines[strings.TrimRight(l, " ")] = true
		}
		for _, want := range c.rows {
			if !lines[want] {
				t.Errorf("%s: no line %q in\n%s", c.name, want, out)
			}
		}
	}
}

// renderKeras3 prints the model of src as Keras 3 does.
func renderKeras3(src string) (string, error) {
	m, _ := rebuild(src, layers.Keras3)
	if m == nil {
		return "", fmt.Errorf("no model")
	}
	var b bytes.Buffer
	err := render.Keras3(&b, m)
	return b.String(), err
}
