package interp

import (
	"regexp"
	"strings"

	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/layers"
)

// Which Keras the code is written for, read from its imports, argument names and idioms.

var keras1Args = regexp.MustCompile(`^(nb_filter|nb_row|nb_col|filter_length|border_mode|subsample|subsample_length|output_dim|init|inner_init|inner_activation|dim_ordering|W_regularizer|b_regularizer|pool_length|dropout_W|dropout_U|nb_epoch)$`)

// DetectVersion decides which Keras the code is written for: Keras 1 argument names mean Keras 1,
// tensorflow.keras imports tf.keras, imports of Keras 2 module paths or arguments Keras 3 does
// not take (Embedding's input_length) Keras 2; otherwise Keras 3.
func DetectVersion(prog *grammar.Program) layers.Version {
	tf, k2, k1 := false, false, false
	var walk func(e *grammar.Expr)
	walk = func(e *grammar.Expr) {
		if e == nil {
			return
		}
		if e.Kind == grammar.ExprCall {
			for _, k := range e.Kwargs {
				if keras1Args.MatchString(k.Name) && k.Name != "output_dim" || k.Name == "output_dim" && !strings.HasSuffix(e.X.Dotted(), "Embedding") {
					k1 = true
				}
				walk(k.Value)
			}
			callee := e.X.Dotted()
			last := callee[strings.LastIndexByte(callee, '.')+1:]
			if (last == "Convolution2D" || last == "Conv2D") && len(e.Items) == 3 {
				if _, ok := lit(e.Items[2]).(int64); ok {
					k1 = true
				}
			}
			if last == "Merge" || last == "merge" && len(e.Items) > 0 {
				k1 = true // the Merge layer and the merge() function are Keras 1's
			}
			if last == "Embedding" && e.Kwarg("input_length") != nil {
				k2 = true // Keras 3 has no input_length (3.0–3.2 reject it, later ones drop it)
			}
			if last == "Model" && (e.Kwarg("input") != nil || e.Kwarg("output") != nil) {
				k1 = true
			}
		}
		if strings.HasPrefix(e.Dotted(), "tf.keras") {
			tf = true
		}
		walk(e.X)
		walk(e.Y)
		for _, x := range e.Items {
			walk(x)
		}
		for _, x := range e.Values {
			walk(x)
		}
	}
	for _, s := range prog.Stmts {
		switch s.Kind {
		case grammar.StmtImport:
			mods := []string{s.From}
			for _, im := range s.Imports {
				if s.From == "" {
					mods = append(mods, im.Name)
				} else if s.From == "tensorflow" && im.Name == "keras" {
					tf = true
				}
			}
			for _, m := range mods {
				switch {
				case strings.HasPrefix(m, "tensorflow.keras") || strings.HasPrefix(m, "tensorflow.python.keras") || m == "tf_keras" || strings.HasPrefix(m, "tf_keras."):
					tf = true
				case strings.HasPrefix(m, "keras.layers.") || strings.HasPrefix(m, "keras.engine") || m == "keras.utils.np_utils" ||
					strings.HasPrefix(m, "keras.legacy"):
					k2 = true
				}
			}
		}
		walk(s.Value)
		for _, t := range s.Targets {
			for _, x := range t {
				walk(x)
			}
		}
	}
	switch {
	case k1:
		return layers.Keras1
	case tf:
		return layers.TFKeras
	case k2:
		return layers.Keras2
	}
	return layers.Keras3
}
