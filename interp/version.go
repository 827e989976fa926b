package interp

import (
	"math"
	"strings"

	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/layers"
)

// Which Keras the code is written for, read from its imports, argument names and idioms.

// isKeras1Arg reports a keyword argument only Keras 1 takes (a switch, not a regexp: compiling one
// cost every run with code about 1% of its time).
func isKeras1Arg(name string) bool {
	switch name {
	case "nb_filter", "nb_row", "nb_col", "filter_length", "border_mode", "subsample", "subsample_length",
		"output_dim", "init", "inner_init", "inner_activation", "dim_ordering", "W_regularizer",
		"b_regularizer", "pool_length", "dropout_W", "dropout_U", "nb_epoch":
		return true
	}
	return false
}

// DetectVersion decides which Keras the code is written for: Keras 1 argument names mean Keras 1,
// tensorflow.keras imports tf.keras, imports of Keras 2 module paths, arguments Keras 3 does not
// take (Embedding's input_length), classes only Keras 2 has (CuDNNLSTM) or code only Python 2 runs
// (print statements, xrange) Keras 2; otherwise Keras 3.
func DetectVersion(prog *grammar.Program) layers.Version {
	tf, k2, k1 := false, false, false
	var walk func(e *grammar.Expr)
	walk = func(e *grammar.Expr) {
		if e == nil || tf && k1 {
			return
		}
		if e.Kind == grammar.ExprCall {
			for _, k := range e.Kwargs {
				if isKeras1Arg(k.Name) && k.Name != "output_dim" || k.Name == "output_dim" && !strings.HasSuffix(e.X.Dotted(), "Embedding") {
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
			if last == "TimeDistributedDense" {
				k1 = true // gone in Keras 2.0 (layers.md §3.8)
			}
			if last == "Merge" || last == "merge" && len(e.Items) > 0 {
				k1 = true // the Merge layer and the merge() function are Keras 1's
			}
			if py2Only(callee) {
				k2 = true // code that runs only on Python 2: Keras 2 at the latest (Keras 3 needs Python 3.9)
			}
			if last == "CuDNNLSTM" || last == "CuDNNGRU" {
				k2 = true // Keras 2's cuDNN layers (tf.keras has them only in tf.compat.v1, Keras 3 not at all)
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
		walk(e.Z())
		for _, x := range e.Items {
			walk(x)
		}
		for _, x := range e.Values() {
			walk(x)
		}
		for _, c := range e.Comps() {
			walk(c.Iter)
		}
	}
	visit := func(s *grammar.Stmt) {
		if s.Kind == grammar.StmtImport {
			mods := []string{s.From()}
			for _, im := range s.Imports() {
				if s.From() == "" {
					mods = append(mods, im.Name)
				} else if s.From() == "tensorflow" && im.Name == "keras" {
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
				case m == "__future__" && py2Future(s.Imports()):
					k2 = true // code kept runnable on Python 2: Keras 2 at the latest (Keras 3 needs Python 3.9)
				}
			}
		}
		walk(s.Value)
		for _, t := range s.Targets {
			for _, x := range t {
				walk(x)
			}
		}
		for _, b := range s.Bases() {
			walk(b)
		}
	}
	var stmts func(ss []*grammar.Stmt, depth int)
	stmts = func(ss []*grammar.Stmt, depth int) {
		if depth > 64 {
			return
		}
		for _, s := range ss {
			visit(s)
			stmts(s.Body, depth+1)
			stmts(s.Else, depth+1)
			stmts(s.Final, depth+1)
			for _, h := range s.Handlers {
				stmts(h.Body, depth+1)
			}
		}
	}
	stmts(prog.Stmts, 0)
	if prog.Py2Print {
		k2 = true // Python 2's print statement: Keras 2 at the latest (Keras 3 needs Python 3.9)
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

// lit is the value of a constant expression (numbers, strings, None/True/False, tuples and lists
// of them), or nil. It evaluates nothing else: no names, no calls.
func lit(e *grammar.Expr) any {
	return litDepth(e, 0)
}

func litDepth(e *grammar.Expr, depth int) any {
	if e == nil || depth > 16 {
		return nil
	}
	switch e.Kind {
	case grammar.ExprInt:
		if e.Str != "" {
			return nil
		}
		return e.Int
	case grammar.ExprFloat:
		return e.Float()
	case grammar.ExprString:
		return e.Str
	case grammar.ExprName:
		switch e.Name {
		case "True":
			return true
		case "False":
			return false
		}
	case grammar.ExprUnary:
		switch x := litDepth(e.X, depth+1).(type) {
		case int64:
			if e.Name == "-" && x != math.MinInt64 {
				return -x
			}
			if e.Name == "+" {
				return x
			}
		case float64:
			if e.Name == "-" {
				return -x
			}
		}
	case grammar.ExprTuple, grammar.ExprList:
		out := make([]any, 0, len(e.Items))
		for _, it := range e.Items {
			v := litDepth(it, depth+1)
			if v == nil {
				return nil
			}
			out = append(out, v)
		}
		return out
	}
	return nil
}

// py2Future reports a __future__ import that only Python 2 needs (print_function, division,
// absolute_import, unicode_literals); `annotations` is Python 3.7's and says nothing of the era.
func py2Future(ims []grammar.Import) bool {
	for _, im := range ims {
		switch im.Name {
		case "print_function", "division", "absolute_import", "unicode_literals", "with_statement", "generators", "nested_scopes":
			return true
		}
	}
	return false
}

// py2Only reports a call only Python 2 has: its built-ins xrange, raw_input, unicode,
// basestring, execfile, and the dict methods iteritems, itervalues, iterkeys, has_key.
func py2Only(callee string) bool {
	switch callee {
	case "xrange", "raw_input", "unicode", "basestring", "execfile":
		return true
	}
	i := strings.LastIndexByte(callee, '.')
	if i < 0 {
		return false
	}
	switch callee[i+1:] {
	case "iteritems", "itervalues", "iterkeys", "has_key":
		return true
	}
	return false
}
