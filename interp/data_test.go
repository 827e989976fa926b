package interp

import (
	"strings"
	"testing"
)

// TestDataShapes: NumPy arrays of a known shape give input shapes and make no rows; reshape works
// out one -1; sizes too large to count stay unknown with a reason, never wrapped around.
func TestDataShapes(t *testing.T) {
	r := rebuilt(t, `import numpy as np
from tensorflow import keras
w = np.zeros((10, 20)).reshape(-1, 4)
x = np.zeros((2**40, 2**40, 2**40)).reshape(-1, 8)
model = keras.Sequential()
model.add(keras.layers.Dense(3, input_shape=w.shape[1:]))
model.summary()
big = keras.Sequential([keras.layers.Dense(2, input_shape=x.shape[1:])])
big.summary()
`)
	if len(r.Models) < 2 { // one per summary() call first
		t.Fatalf("%d models, want the 2 summaries first", len(r.Models))
	}
	// w is (50, 4): Dense(3) on 4 features is 4·3 + 3 = 15
	first := topRows(r.Models[0])
	if len(first) != 1 || first[0].Output != "(None, 3)" || first[0].Err != "" || first[0].Params != 15 {
		t.Errorf("Dense(3) on w: got %+v, want (None, 3) and 15", first)
	}
	big := topRows(r.Models[1])
	if len(big) != 1 || big[0].Err == "" {
		t.Fatalf("the Dense on data too large to count must not be counted: %+v", big)
	}
	var notes []string
	for _, n := range r.Notes {
		notes = append(notes, n.String())
	}
	if !strings.Contains(strings.Join(notes, "\n"), "too large to count") {
		t.Errorf("no note says the data is too large to count:\n%s", strings.Join(notes, "\n"))
	}
}
