package render

import (
	"io"
	"strconv"
	"strings"

	"github.com/kexplain/kexplain/explain"
)

// Keras1 prints a rebuilt model's summary exactly as Keras 1.2.2 prints it (summary-formats.md
// §2): always the four columns, 100 wide, ends 33/55/67/100, cells cut, a `_` rule after every
// row, the three totals with thousands separators. A Sequential's rows are connected to the
// layer before them, the first one to the input layer Keras 1 creates for it
// (`convolution1d_input_1`). Rebuild the model as explain.Keras1 for Keras 1 names and classes.
func Keras1(w io.Writer, m *explain.CodeModel) error {
	if !m.Built {
		return errUnbuilt(m)
	}
	L := 100
	if m.Summary.LineLength > 0 {
		L = m.Summary.LineLength
	}
	ends := columnEnds(L, []float64{.33, .55, .67, 1.})
	var b strings.Builder
	line := func(s string) { b.WriteString(s + "\n") }
	line(rule("_", L))
	line(cutRow([]string{"Layer (type)", "Output Shape", "Param #", "Connected to"}, ends))
	line(rule("=", L))
	rows := topRows(m)
	for k, r := range rows {
		conns := r.Connected
		if m.Sequential {
			if k == 0 {
				conns = []string{strings.ToLower(r.Class) + "_input_1[0][0]"}
			} else {
				conns = []string{rows[k-1].Name + "[" + strconv.Itoa(seqNode(rows[k-1])) + "][0]"}
			}
		}
		first := ""
		if len(conns) > 0 {
			first = conns[0]
		}
		line(cutRow([]string{r.Name + " (" + oldClass(r) + ")", oldShape(r), strconv.FormatInt(r.Params, 10), first}, ends))
		for _, c := range conns[min(1, len(conns)):] {
			line(cutRow([]string{"", "", "", c}, ends))
		}
		if k == len(rows)-1 {
			line(rule("=", L))
		} else {
			line(rule("_", L))
		}
	}
	line("Total params: " + commas(m.Trainable+m.NonTrain))
	line("Trainable params: " + commas(m.Trainable))
	line("Non-trainable params: " + commas(m.NonTrain))
	line(rule("_", L))
	_, err := io.WriteString(w, b.String())
	return err
}

// seqNode is the node index of a Sequential layer's call: 0, but 1 for a nested model, whose
// node 0 links its own inputs to its outputs (§2.2).
func seqNode(r *explain.CodeRow) int {
	switch r.Class {
	case "Sequential", "Functional", "Model":
		return 1
	}
	return 0
}
