package layers

import "errors"

// Builds of the preprocessing layers whose output shape is not their input's: text
// vectorization, lookups and encodings in a mode other than "int", random height or width. A
// weightless class without a build would keep its input's shape (build), which is wrong for
// these (layers.md §10).

// buildTextVectorization: "int" mode gives (batch, output_sequence_length), None when it is not
// given; the other modes give (batch, max_tokens), known only when max_tokens is given.
func buildTextVectorization(l *Layer, in []Dims) ([]Dims, []Weight, error) {
	cfg := l.Config
	if len(in[0]) == 0 {
		return nil, nil, errNoInput
	}
	b := in[0][0]
	switch mode := cfg.str("int", "output_mode"); mode {
	case "int":
		return []Dims{{b, cfg.intOr(-1, "output_sequence_length")}}, nil, nil
	case "multi_hot", "count", "tf_idf", "tf-idf", "binary":
		if n := cfg.intOr(-1, "max_tokens"); n > 0 {
			return []Dims{{b, n}}, nil, nil
		}
		return nil, nil, errors.New("output_mode=" + mode + " without max_tokens: the width is the vocabulary adapt() learns, which is not known")
	default:
		return nil, nil, errors.New("output_mode=" + mode + " is not one kexplain knows")
	}
}

// buildEncoding is CategoryEncoding(num_tokens, output_mode), Hashing(num_bins, output_mode) and
// StringLookup / IntegerLookup(output_mode): "int" keeps the shape; "one_hot" adds (or replaces a
// last axis of 1 with) an axis of the token count; "multi_hot" and "count" replace the last axis
// with it (a rank-1 input gains one).
func buildEncoding(l *Layer, in []Dims) ([]Dims, []Weight, error) {
	cfg := l.Config
	x := in[0]
	def := "int"
	if l.Class == "CategoryEncoding" {
		def = "multi_hot"
	}
	mode := cfg.str(def, "output_mode")
	if mode == "int" {
		return []Dims{x}, nil, nil
	}
	n := cfg.intOr(-1, "num_tokens", "num_bins")
	if v, ok := cfg["vocabulary"].([]any); ok && n <= 0 && (l.Class == "StringLookup" || l.Class == "IntegerLookup") {
		// a vocabulary given as a list: its tokens, the out-of-vocabulary indices before them, and
		// the mask token when one is set
		n = int64(len(v)) + cfg.intOr(1, "num_oov_indices")
		if m, ok := cfg["mask_token"]; ok && m != nil {
			n++
		}
	}
	if n <= 0 {
		return nil, nil, errors.New("output_mode=" + mode + ": the number of tokens (the vocabulary's size) is not known")
	}
	out := append(Dims{}, x...)
	switch {
	case mode == "one_hot" && len(x) > 1 && x.Last() == 1:
		out[len(out)-1] = n
	case mode == "one_hot":
		out = append(out, n)
	case len(x) <= 1:
		out = append(out, n)
	default:
		out[len(out)-1] = n
	}
	return []Dims{out}, nil, nil
}

// buildRandomSize is RandomHeight / RandomWidth: that axis is None.
func buildRandomSize(l *Layer, in []Dims) ([]Dims, []Weight, error) {
	x := in[0]
	if len(x) < 3 {
		return nil, nil, errNoInput
	}
	out := append(Dims{}, x...)
	first := l.Config.str("channels_last", "data_format") == "channels_first"
	k := len(out) - 3 // height, channels last
	if first {
		k = len(out) - 2
	}
	if l.Class == "RandomWidth" {
		k++
	}
	out[k] = -1
	return []Dims{out}, nil, nil
}

// buildShapeNotKnown is a preprocessing layer whose output shape kexplain does not compute.
func buildShapeNotKnown(l *Layer, in []Dims) ([]Dims, []Weight, error) {
	return nil, nil, errors.New("the output shape of " + l.Class + " is not one kexplain computes")
}
