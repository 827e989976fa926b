package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/kexplain/kexplain/interp"
)

// Keras27 prints a rebuilt model's summary exactly as tf.keras v2.<minor> prints it, for minor 7
// to 15 (summary-formats.md §4): the wrapped layout, a line of spaces after every row, the
// Connected to cell as a Python list. v2.7–v2.12 put the 4-column ends at 32/53/65/98 and print
// the totals with thousands separators; v2.13–v2.15 put them at 29/58/68/98, leave one more
// character of each column empty and print `Total params: 164869 (644.02 KB)`.
// expand_nested (§4.5) and show_trainable (§4.6, v2.8+) are followed. Rebuild the model as
// layers.TFKeras.
func Keras27(w io.Writer, m *interp.Model, minor int) error {
	if !m.Built {
		return errUnbuilt(m)
	}
	v213 := minor >= 13
	L, fr := 98, []float64{.33, .55, .67, 1.}
	if v213 {
		fr = []float64{.3, .6, .70, 1.}
	}
	head := []string{"Layer (type)", "Output Shape", "Param #", "Connected to"}
	if m.Sequential {
		L, fr, head = 65, []float64{.45, .85, 1.}, head[:3]
	}
	if m.Summary.LineLength > 0 {
		L = m.Summary.LineLength
	}
	ends := columnEnds(L, fr)
	trainable := m.Summary.ShowTrainable && minor >= 8
	if trainable {
		L += 11
		ends = append(ends, L)
		head = append(head, "Trainable")
	}
	var b strings.Builder
	line := func(s string) { b.WriteString(s + "\n") }
	lines := func(ss []string) {
		for _, s := range ss {
			line(s)
		}
	}
	line(`Model: "` + m.Name + `"`)
	line(rule("_", L))
	lines(wrapRows(head, ends, 0, v213))
	line(rule("=", L))
	rows := m.Rows
	if !m.Summary.ExpandNested {
		rows = topRows(m)
	}
	// printLayer follows print_layer of layer_utils.py: is_nested_last stays set after a
	// nested model's layers, so no spacer follows its closing line.
	var printLayer func(k int, nested int, nestedLast bool) int
	printLayer = func(k int, nested int, nestedLast bool) int {
		r := rows[k]
		fields := []string{r.Name + " (" + className(r) + ")", oldShape(r), paramCell(r, i64)}
		if !m.Sequential {
			fields = append(fields, pyList(r.Connected))
		}
		if trainable {
			t := "Y"
			if r.Trainable == "N" {
				t = "N"
			}
			fields = append(fields, t)
		}
		lines(wrapRows(fields, ends, nested, v213))
		next := k + 1
		if next < len(rows) && rows[next].Depth > r.Depth {
			line(strings.Repeat("|", nested+1) + rule("¯", L-2*nested-2) + strings.Repeat("|", nested+1))
			nestedLast = false
			for next < len(rows) && rows[next].Depth > r.Depth {
				// the last child: no later row at the child's depth before the parent's level ends
				j := next + 1
				for j < len(rows) && rows[j].Depth > rows[next].Depth {
					j++
				}
				nestedLast = j >= len(rows) || rows[j].Depth <= r.Depth
				next = printLayer(next, nested+1, nestedLast)
			}
			line(strings.Repeat("|", nested) + rule("¯", L-2*nested) + strings.Repeat("|", nested))
		}
		if !nestedLast {
			line(strings.Repeat("|", nested) + rule(" ", L-2*nested) + strings.Repeat("|", nested))
		}
		return next
	}
	for k := 0; k < len(rows); {
		k = printLayer(k, 0, false)
	}
	line(rule("=", L))
	total := m.Trainable + m.NonTrain
	if v213 {
		withSize := func(n int64) string { return fmt.Sprintf("%d (%s)", n, oldSize(4*n)) }
		line("Total params: " + totalCell(m, total, false, withSize))
		line("Trainable params: " + totalCell(m, m.Trainable, true, withSize))
		line("Non-trainable params: " + totalCell(m, m.NonTrain, true, withSize))
	} else {
		line("Total params: " + totalCell(m, total, false, commas))
		line("Trainable params: " + totalCell(m, m.Trainable, true, commas))
		line("Non-trainable params: " + totalCell(m, m.NonTrain, true, commas))
	}
	line(rule("_", L))
	_, err := io.WriteString(w, b.String())
	return err
}
