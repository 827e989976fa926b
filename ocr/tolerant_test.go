package ocr

import "testing"

// The print's "…" read as dots, or as a dot and a comma, is "…"; a comma that ends a reference or
// a shape in a list stays.
func TestTolerantEllipsis(t *testing.T) {
	for in, want := range map[string]string{
		"batch_normalizat..":   "batch_normalizat…",
		"batch_normalizatio.,": "batch_normalizatio…",
		"(BatchNormalizatio.,": "(BatchNormalizatio…",
		"dense[0][0],":         "dense[0][0],",
		"(None, 32),":          "(None, 32),",
		"dense_1,":             "dense_1,",
		"global_average_poo.":  "global_average_poo…",
		"(BatchNormalizatio.":  "(BatchNormalizatio…",
		"dense_1.":             "dense_1.",
		"dense[0][0].":         "dense[0][0].",
	} {
		if got := tolerant(in); got != want {
			t.Errorf("tolerant(%q) = %q, want %q", in, got, want)
		}
	}
}
