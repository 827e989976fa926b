package interp

import (
	"strings"

	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/layers"
)

// lambdaShape follows the shape of a Lambda layer's function over its input: the common
// keras.ops / tf calls that change the shape (expand_dims, squeeze, reductions, reshape,
// transpose, concatenate, indexing); every other call keeps the shape of its first tensor.
func lambdaShape(fn *grammar.Expr, in []layers.Dims) layers.Dims {
	env := map[string]layers.Dims{}
	for k, p := range fn.Items {
		if k < len(in) {
			env[p.Name] = in[k]
		}
	}
	if len(fn.Items) == 1 && len(in) > 1 {
		env[fn.Items[0].Name] = in[0]
	}
	d := shapeEval(fn.X, env, 0)
	if d == nil && len(in) > 0 {
		return in[0]
	}
	return d
}

func axisArg(e *grammar.Expr, k int, key string, def int64) (int64, bool) {
	var x *grammar.Expr
	if v := e.Kwarg(key); v != nil {
		x = v
	} else if k < len(e.Items) {
		x = e.Items[k]
	}
	if x == nil {
		return def, false
	}
	switch v := lit(x).(type) {
	case int64:
		return v, true
	}
	return def, false
}

func shapeEval(e *grammar.Expr, env map[string]layers.Dims, depth int) layers.Dims {
	if e == nil || depth > 50 {
		return nil
	}
	switch e.Kind {
	case grammar.ExprName:
		return env[e.Name]
	case grammar.ExprBinary:
		a, b := shapeEval(e.X, env, depth+1), shapeEval(e.Y, env, depth+1)
		switch {
		case a != nil && b != nil:
			if out, err := layers.BroadcastOp(a, b); err == nil {
				return out // tensor arithmetic broadcasts as NumPy does (eras.go)
			}
			return a
		case a != nil:
			return a
		}
		return b
	case grammar.ExprUnary:
		return shapeEval(e.X, env, depth+1)
	case grammar.ExprIndex:
		x := shapeEval(e.X, env, depth+1)
		if x == nil {
			return nil
		}
		var out layers.Dims
		ax := 0
		for _, s := range e.Items {
			if ax >= len(x) {
				return nil
			}
			switch {
			case s.Kind == grammar.ExprEllipsis:
				rest := len(e.Items) - 1
				for ax < len(x)-(rest-len(out)) && ax < len(x) {
					out = append(out, x[ax])
					ax++
				}
				continue
			case s.Kind == grammar.ExprSlice:
				n := x[ax]
				lo, hi := int64(0), n
				if v, ok := lit(s.X).(int64); ok {
					lo = v
				}
				if v, ok := lit(s.Y).(int64); ok {
					hi = v
				}
				if n >= 0 {
					if lo < 0 {
						lo += n
					}
					if hi < 0 {
						hi += n
					}
					if hi > n {
						hi = n
					}
					if hi-lo < 0 {
						out = append(out, 0)
					} else {
						out = append(out, hi-lo)
					}
				} else {
					out = append(out, -1)
				}
			case s.Kind == grammar.ExprName && s.Name == "None":
				out = append(out, 1)
				continue
			default:
				// an integer index drops the axis
			}
			ax++
		}
		return append(out, x[ax:]...)
	case grammar.ExprCall:
		callee := e.X.Dotted()
		fn := callee[strings.LastIndexByte(callee, '.')+1:]
		var args []layers.Dims
		for _, a := range e.Items {
			args = append(args, shapeEval(a, env, depth+1))
		}
		var x layers.Dims
		if len(args) > 0 {
			x = args[0]
		}
		if x == nil && len(e.Items) > 0 && e.Items[0].Kind == grammar.ExprList {
			for _, it := range e.Items[0].Items {
				if d := shapeEval(it, env, depth+1); d != nil {
					x = d
					break
				}
			}
		}
		if x == nil {
			return nil
		}
		switch fn {
		case "expand_dims":
			a, _ := axisArg(e, 1, "axis", -1)
			if a < 0 {
				a += int64(len(x)) + 1
			}
			if a < 0 || int(a) > len(x) {
				return x
			}
			out := append(append(append(layers.Dims{}, x[:a]...), 1), x[a:]...)
			return out
		case "squeeze":
			a, ok := axisArg(e, 1, "axis", -1)
			if !ok {
				var out layers.Dims
				for i, d := range x {
					if d != 1 || i == 0 {
						out = append(out, d)
					}
				}
				return out
			}
			if a < 0 {
				a += int64(len(x))
			}
			if a <= 0 || int(a) >= len(x) {
				return x
			}
			return append(append(layers.Dims{}, x[:a]...), x[a+1:]...)
		case "mean", "sum", "max", "min", "reduce_mean", "reduce_sum", "reduce_max", "reduce_min", "prod", "std", "var",
			"logsumexp", "reduce_logsumexp", "argmax", "argmin", "norm":
			a, ok := axisArg(e, 1, "axis", 0)
			keep := false
			if v := e.Kwarg("keepdims"); v != nil {
				keep, _ = lit(v).(bool)
			}
			if !ok {
				if keep {
					out := make(layers.Dims, len(x))
					for i := range out {
						out[i] = 1
					}
					return out
				}
				return layers.Dims{}
			}
			if a < 0 {
				a += int64(len(x))
			}
			if a < 0 || int(a) >= len(x) {
				return x
			}
			if keep {
				out := append(layers.Dims{}, x...)
				out[a] = 1
				return out
			}
			return append(append(layers.Dims{}, x[:a]...), x[a+1:]...)
		case "reshape":
			var t []any
			if v := e.Kwarg("newshape"); v != nil {
				t, _ = lit(v).([]any)
			} else if len(e.Items) > 1 {
				t, _ = lit(e.Items[1]).([]any)
			}
			if t == nil {
				return nil
			}
			d := layers.TupleDims(t)
			for i := range d {
				if d[i] < 0 && i > 0 && known(x) {
					k := int64(1)
					for j, y := range d {
						if j != i && j > 0 {
							k *= y
						}
					}
					if k > 0 {
						d[i] = prod(x[1:]) / k
					}
				}
			}
			if len(d) > 0 {
				d[0] = x[0]
			}
			return d
		case "transpose":
			var t []any
			if v := e.Kwarg("axes"); v != nil {
				t, _ = lit(v).([]any)
			} else if v := e.Kwarg("perm"); v != nil {
				t, _ = lit(v).([]any)
			} else if len(e.Items) > 1 {
				t, _ = lit(e.Items[1]).([]any)
			}
			if t == nil {
				out := make(layers.Dims, len(x))
				for i := range x {
					out[i] = x[len(x)-1-i]
				}
				return out
			}
			var out layers.Dims
			for _, a := range layers.TupleDims(t) {
				if a < 0 || int(a) >= len(x) {
					return nil
				}
				out = append(out, x[a])
			}
			return out
		case "concatenate", "concat":
			a, _ := axisArg(e, 1, "axis", -1)
			var parts []layers.Dims
			if len(e.Items) > 0 && e.Items[0].Kind == grammar.ExprList {
				for _, it := range e.Items[0].Items {
					parts = append(parts, shapeEval(it, env, depth+1))
				}
			}
			out, _, err := layers.Lookup("Concatenate").Build(layers.Config{"axis": a}, parts)
			if err != nil {
				return x
			}
			return out[0]
		}
		return x
	}
	return nil
}

// known reports whether every non-batch axis of d is known.
func known(d layers.Dims) bool {
	if len(d) < 2 {
		return false
	}
	for _, x := range d[1:] {
		if x <= 0 {
			return false
		}
	}
	return true
}

// prod is the product of the axes.
func prod(d []int64) int64 {
	n := int64(1)
	for _, x := range d {
		n *= x
	}
	return n
}
