package grammar

import (
	"fmt"
	"testing"
)

// TestPrintedShapes: x.shape with its output on the next line (console or notebook), or a comment
// beside it, gives the shape; anything else gives none.
func TestPrintedShapes(t *testing.T) {
	texts := []string{
		">>> x_train.shape",
		"(60000, 28, 28)",
		"In [3]: X.shape",
		"Out[3]: (2500, 40, 6)",
		"print(feats.shape)  # (891, 11)",
		"# y.shape: (891,)",
		"# z.shape -> TensorShape([32, 10])",
		"w.shape",
		"model = Sequential()",
		"q.shape  # (a, b)",
		"print(s.shape) # '(1, 2)'",
		"v.shape",
		"(1, -2)",
	}
	nos := make([]int, len(texts))
	for k := range nos {
		nos[k] = k + 1
	}
	got := fmt.Sprint(printedShapes(texts, nos))
	want := "[{1 x_train [60000 28 28]} {3 X [2500 40 6]} {5 feats [891 11]} {6 y [891]} {7 z [32 10]}]"
	if got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func FuzzPrintedShapes(f *testing.F) {
	for _, s := range []string{"x.shape\n(1, 2)", "# x.shape: (3,)", "print(x.shape) # TensorShape([1])"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		Parse(s)
	})
}
