package render

import (
	"io"
	"strings"

	"github.com/kexplain/kexplain/interp"
	"github.com/kexplain/kexplain/layers"
)

// Keras2 prints a rebuilt model's summary exactly as multi-backend Keras 2.2.5–2.3.1 and tf.keras
// up to v2.6 print it (summary-formats.md §3): `Model: "name"`, then the 3-column layout (65 wide,
// ends 29/55/65) for a Sequential or a chain-shaped functional model, else the 4-column one (98
// wide, ends 32/53/65/98) with every further inbound tensor on a line of its own; cells cut; a
// `_` rule after every row; the totals with thousands separators.
//
// v is the version the model was rebuilt as: layers.TFKeras prints the tf.keras flavour
// (`conv1d`, `[(None, 32)]` InputLayer shapes, nested `Functional` rows), anything else the
// Keras 2.3.1 one (`conv1d_1`, nested `Model` rows). The names and shapes come from the rebuild.
func Keras2(w io.Writer, m *interp.Model, v layers.Version) error {
	if !m.Built {
		return errUnbuilt(m)
	}
	L, fr := 98, []float64{.33, .55, .67, 1.}
	head := []string{"Layer (type)", "Output Shape", "Param #", "Connected to"}
	if m.Sequential {
		L, fr, head = 65, []float64{.45, .85, 1.}, head[:3]
	}
	if m.Summary.LineLength > 0 {
		L = m.Summary.LineLength
	}
	ends := columnEnds(L, fr)
	var b strings.Builder
	line := func(s string) { b.WriteString(s + "\n") }
	line(`Model: "` + m.Name + `"`)
	line(rule("_", L))
	line(cutRow(head, ends))
	line(rule("=", L))
	rows := topRows(m)
	for k, r := range rows {
		class := className(r)
		if v != layers.TFKeras {
			class = oldClass(r)
		}
		fields := []string{r.Name + " (" + class + ")", oldShape(r), paramCell(r, i64)}
		if m.Sequential {
			line(cutRow(fields, ends))
		} else {
			first := ""
			if len(r.Connected) > 0 {
				first = r.Connected[0]
			}
			line(cutRow(append(fields, first), ends))
			for _, c := range r.Connected[min(1, len(r.Connected)):] {
				line(cutRow([]string{"", "", "", c}, ends))
			}
		}
		if k == len(rows)-1 {
			line(rule("=", L))
		} else {
			line(rule("_", L))
		}
	}
	line("Total params: " + totalCell(m, m.Trainable+m.NonTrain, false, commas))
	line("Trainable params: " + totalCell(m, m.Trainable, true, commas))
	line("Non-trainable params: " + totalCell(m, m.NonTrain, true, commas))
	line(rule("_", L))
	_, err := io.WriteString(w, b.String())
	return err
}
