package render

import (
	"io"
	"strconv"
	"strings"

	"github.com/kexplain/kexplain/interp"
)

// Keras1 prints a rebuilt model's summary exactly as Keras 1.2.2 prints it (summary-formats.md
// §2): always the four columns, 100 wide, ends 33/55/67/100, cells cut, a `_` rule after every
// row, the three totals with thousands separators. A Sequential's rows are connected to the
// layer before them, the first one to the input layer Keras 1 creates for it
// (`convolution1d_input_1`). Rebuild the model as layers.Keras1 for Keras 1 names and classes.
func Keras1(w io.Writer, m *interp.Model) error { return Keras1Version(w, m, 2, 2) }

// Keras1Version prints the summary as Keras 1.<minor>.<patch> prints it: 1.0.0–1.0.3 put the
// first column end at 35; before 1.1.2 a full cell runs straight into the next one; up to 1.1.2 the
// rows count trainable weights only and a single `Total params: N` line (no separators) ends
// the table, the sum of the rows before 1.1.1.
func Keras1Version(w io.Writer, m *interp.Model, minor, patch int) error {
	if !m.Built {
		return errUnbuilt(m)
	}
	at := func(mi, pa int) bool { return minor > mi || minor == mi && patch >= pa }
	L := 100
	if m.Summary.LineLength > 0 {
		L = m.Summary.LineLength
	}
	ends := columnEnds(L, []float64{.33, .55, .67, 1.})
	if !at(0, 4) && m.Summary.LineLength == 0 {
		ends = []int{35, 55, 67, 100}
	}
	cut := cutRow
	if !at(1, 2) {
		cut = runRow
	}
	count := func(r *interp.Row) int64 {
		if at(2, 0) {
			return r.Params
		}
		n := int64(0)
		for _, w := range r.Weights {
			if w.Trainable && (r.Trainable != "N" || !at(0, 7)) {
				n += w.Size()
			}
		}
		return n
	}
	var b strings.Builder
	line := func(s string) { b.WriteString(s + "\n") }
	line(rule("_", L))
	line(cut([]string{"Layer (type)", "Output Shape", "Param #", "Connected to"}, ends))
	line(rule("=", L))
	rows := topRows(m)
	for k, r := range rows {
		conns := r.Connected
		if m.Sequential {
			if r.Class == "InputLayer" {
				conns = nil // an InputLayer added to the Sequential is its input: no inbound layer
			} else if k == 0 {
				conns = []string{strings.ToLower(r.Class) + "_input_1[0][0]"}
			} else {
				conns = []string{rows[k-1].Name + "[" + strconv.Itoa(seqNode(rows[k-1])) + "][0]"}
			}
		}
		first := ""
		if len(conns) > 0 {
			first = conns[0]
		}
		line(cut([]string{r.Name + " (" + oldClass(r) + ")", oldShape(r), paramCell(r, func(int64) string { return strconv.FormatInt(count(r), 10) }), first}, ends))
		for _, c := range conns[min(1, len(conns)):] {
			line(cut([]string{"", "", "", c}, ends))
		}
		if k == len(rows)-1 {
			line(rule("=", L))
		} else {
			line(rule("_", L))
		}
	}
	if at(2, 0) {
		line("Total params: " + totalCell(m, m.Trainable+m.NonTrain, false, commas))
		line("Trainable params: " + totalCell(m, m.Trainable, true, commas))
		line("Non-trainable params: " + totalCell(m, m.NonTrain, true, commas))
	} else {
		total := m.Trainable // each trainable weight once (1.1.1+)
		if !at(1, 1) {
			total = 0
			for _, r := range rows {
				total += count(r)
			}
		}
		line("Total params: " + totalCell(m, total, false, i64))
	}
	line(rule("_", L))
	_, err := io.WriteString(w, b.String())
	return err
}

// seqNode is the node index of a Sequential layer's call: 0, but 1 for a nested model, whose
// node 0 links its own inputs to its outputs (§2.2).
func seqNode(r *interp.Row) int {
	switch r.Class {
	case "Sequential", "Functional", "Model":
		return 1
	}
	return 0
}
