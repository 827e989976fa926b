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

// An "8" of a name's number read as "&" is an 8, in a name and in a reference to it; an "&"
// elsewhere stays.
func TestTolerantAmpersandEight(t *testing.T) {
	for in, want := range map[string]string{
		"conv1d_&":         "conv1d_8",
		"conv1d_1&[0][0]":  "conv1d_18[0][0]",
		"fc&":              "fc&",
		"a&b":              "a&b",
		"&":                "&",
		"Non-trainable&":   "Non-trainable&",
		"dense_&[0][0],":   "dense_8[0][0],",
		"embedding_&_proj": "embedding_8_proj",
	} {
		if got := tolerant(in); got != want {
			t.Errorf("tolerant(%q) = %q, want %q", in, got, want)
		}
	}
}
