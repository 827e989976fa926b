package render

import (
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/kexplain/kexplain/interp"
	"github.com/kexplain/kexplain/layers"
)

// TFJS prints a rebuilt model's summary as TensorFlow.js 4.x (tfjs-layers 3.14 and later)
// prints it (summary-formats.md §6): columns Layer (type), Input Shape, Output shape, Param #
// (90 wide, ends 28/54/80/90) and, for a model that is not sequential-like, Receives inputs (115
// wide, ends 27/55/80/92/115); cells cut; shapes as JSON; counts and totals without separators;
// no Model: line; a nested functional model is a `Model`. Layer names are TF.js's automatic names
// (`conv1d_Conv1D1`, `input1`, `sequential_1`, `model1`) where the
// rebuild gave tf.keras automatic ones. Rebuild the model as layers.TFKeras.
func TFJS(w io.Writer, m *interp.Model) error {
	if !m.Built {
		return errUnbuilt(m)
	}
	L, fr := 90, []float64{0.32, 0.61, 0.89, 1}
	head := []string{"Layer (type)", "Input Shape", "Output shape", "Param #"}
	if !m.Sequential {
		L, fr = 115, []float64{0.24, 0.48, 0.70, 0.80, 1}
		head = append(head, "Receives inputs")
	}
	if m.Summary.LineLength > 0 {
		L = m.Summary.LineLength
	}
	ends := columnEnds(L, fr)
	names := tfjsNames(m)
	var b strings.Builder
	line := func(s string) { b.WriteString(s + "\n") }
	line(rule("_", L))
	line(cutRow(head, ends))
	line(rule("=", L))
	rows := topRows(m)
	for k, r := range rows {
		out := tfjsShape(r.Output, r.Class == "InputLayer")
		var ins []string
		for _, call := range r.InDims {
			var ds []string
			for _, d := range call {
				ds = append(ds, dimsJSON(d))
			}
			if len(call) == 0 && r.Class == "InputLayer" {
				ds = append(ds, out)
			}
			ins = append(ins, "["+strings.Join(ds, ",")+"]")
		}
		fields := []string{names[r.Name] + " (" + oldClass(r) + ")", strings.Join(ins, ","), out, paramCell(r, i64)}
		if m.Sequential {
			line(cutRow(fields, ends))
		} else {
			var conns []string
			for _, c := range r.Connected {
				if i := strings.IndexByte(c, '['); i > 0 {
					if n, ok := names[c[:i]]; ok {
						c = n + c[i:]
					}
				}
				conns = append(conns, c)
			}
			first := ""
			if len(conns) > 0 {
				first = conns[0]
			}
			line(cutRow(append(fields, first), ends))
			for _, c := range conns[min(1, len(conns)):] {
				line(cutRow([]string{"", "", "", "", c}, ends))
			}
		}
		if k == len(rows)-1 {
			line(rule("=", L))
		} else {
			line(rule("_", L))
		}
	}
	line("Total params: " + totalCell(m, m.Trainable+m.NonTrain, false, i64))
	line("Trainable params: " + totalCell(m, m.Trainable, true, i64))
	line("Non-trainable params: " + totalCell(m, m.NonTrain, true, i64))
	line(rule("_", L))
	_, err := io.WriteString(w, b.String())
	return err
}

// TFJSName is the name TFJS prints for the i-th printed row of m.
func TFJSName(m *interp.Model, i int) string {
	rows := topRows(m)
	if i < 0 || i >= len(rows) {
		return ""
	}
	return tfjsNames(m)[rows[i].Name]
}

var autoSuffix = regexp.MustCompile(`^(.*?)(?:_([0-9]+))?$`)

// tfjsNames maps the rebuild's tf.keras names to TF.js's: an automatic `dense` / `dense_k`
// becomes `dense_Dense1` / `dense_Dense{k+1}`, `input_k` becomes `input{k}`; names the code gave
// stay.
func tfjsNames(m *interp.Model) map[string]string {
	out := map[string]string{}
	for _, r := range m.Rows {
		out[r.Name] = r.Name
		g := autoSuffix.FindStringSubmatch(r.Name)
		k := 0
		if g[2] != "" {
			k, _ = strconv.Atoi(g[2])
		}
		switch {
		case r.Class == "InputLayer" && g[1] == "input" && g[2] != "":
			out[r.Name] = "input" + g[2]
		case r.Class == "Sequential" && g[1] == "sequential":
			out[r.Name] = "sequential_" + strconv.Itoa(k+1)
		case r.Class == "Functional" && g[1] == "model":
			out[r.Name] = "model" + strconv.Itoa(k+1)
		case r.Class == "Sequential" || r.Class == "Functional" || r.Class == "InputLayer":
		case g[1] == snakeCase(r.Class):
			out[r.Name] = g[1] + "_" + r.Class + strconv.Itoa(k+1)
		}
	}
	return out
}

var (
	snake1 = regexp.MustCompile(`(.)([A-Z][a-z0-9]+)`)
	snake2 = regexp.MustCompile(`([a-z])([A-Z])`)
)

// snakeCase is Keras's and TF.js's to_snake_case: "ConvLSTM2D" → "conv_lst_m2d".
func snakeCase(s string) string {
	// Python's re.sub does not rescan replaced text, nor does ReplaceAllString
	t := snake1.ReplaceAllString(s, "${1}_${2}")
	t = strings.ToLower(snake2.ReplaceAllString(t, "${1}_${2}"))
	if strings.HasPrefix(t, "_") {
		return "private" + t
	}
	return t
}

// dimsJSON is JSON.stringify of a shape: [null,41,64].
func dimsJSON(d layers.Dims) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, x := range d {
		if i > 0 {
			b.WriteByte(',')
		}
		if x < 0 {
			b.WriteString("null")
		} else {
			b.WriteString(strconv.FormatInt(x, 10))
		}
	}
	b.WriteByte(']')
	return b.String()
}

var tfjsShapeText = strings.NewReplacer("None", "null", "(", "[", ")", "]", " ", "")

// tfjsShape turns a printed Keras shape, "(None, 41, 64)" or "[(None, 64), (None, 64)]", into
// TF.js's JSON; an InputLayer's one-element list is its single shape.
func tfjsShape(s string, input bool) string {
	if s == "?" || s == "" || s == "multiple" {
		return "multiple"
	}
	r := tfjsShapeText.Replace(s)
	r = strings.ReplaceAll(r, ",]", "]")
	if input && strings.HasPrefix(r, "[[") && strings.HasSuffix(r, "]]") && strings.Count(r, "[") == 2 {
		r = r[1 : len(r)-1]
	}
	return r
}
