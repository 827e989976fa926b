package explain

import (
	"strconv"
	"strings"

	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/interp"
	"github.com/kexplain/kexplain/layers"
)

// CompareCode holds the rebuilt models against the summary tables of the same paste and returns
// `code` flags (severity warning) where a table and the code that built it disagree: a layer's
// units or filters, its count (a use_bias=False layer counted with a bias), its output shape, a
// layer in one and not the other. Each flag names both values. It never changes a table row's
// verdict: a disagreement says that the code and the summary do not belong together (or the code
// was edited), not that the printed count is impossible. Where the code cannot be rebuilt far
// enough to know (an undefined name, a function it does not hold, a cut or elided snippet), or
// the table pairs with no model, there is no flag.
func CompareCode(sums []*Summary, code []*CodeResult) []Flag {
	var flags []Flag
	for _, p := range pairTables(sums, code) {
		p.anchor()
		flags = append(flags, p.compare()...)
	}
	return flags
}

// compare gives the flags of one pairing: the rows first, then the layers only one side has.
func (p *pairing) compare() []Flag {
	var flags []Flag
	for _, pr := range p.pairs {
		if !pr.anchored {
			continue
		}
		if f, ok := p.compareRow(p.crows[pr.c], p.trows[pr.t]); ok {
			flags = append(flags, f)
		}
	}
	return append(flags, p.presence()...)
}

// outputKey names the argument whose value is the size of a layer's output's last axis
// (channels last): Dense's units, a convolution's filters, an RNN's units, Embedding's output_dim.
func outputKey(class string, cfg layers.Config) (string, bool) {
	if f, ok := cfg["data_format"].(string); ok && f == "channels_first" {
		return "", false
	}
	if o, ok := cfg["dim_ordering"].(string); ok && o == "th" {
		return "", false
	}
	switch class {
	case "Dense", "LSTM", "GRU", "SimpleRNN":
		if _, ok := cfg["output_dim"]; ok {
			return "output_dim", true // Keras 1
		}
		return "units", true
	case "Conv1D", "Conv2D", "Conv3D", "Conv1DTranspose", "Conv2DTranspose", "Conv3DTranspose", "SeparableConv1D",
		"SeparableConv2D", "ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D":
		if _, ok := cfg["nb_filter"]; ok {
			return "nb_filter", true // Keras 1
		}
		return "filters", true
	case "Embedding":
		return "output_dim", true
	}
	return "", false
}

// countFree are the arguments a layer's count does not depend on: unknown, they do not make the
// count unknown.
func countFree(arg string) bool {
	switch arg {
	case "activation", "recurrent_activation", "name", "dropout", "recurrent_dropout", "rate", "seed", "dtype",
		"trainable", "noise_shape", "return_sequences", "return_state", "go_backwards", "stateful", "unroll",
		"padding", "border_mode", "strides", "subsample", "dilation_rate", "pool_size", "input_length",
		"input_shape", "batch_input_shape", "batch_size", "mask_zero", "activity_regularizer":
		return true
	}
	return strings.HasSuffix(arg, "_initializer") || strings.HasSuffix(arg, "_regularizer") ||
		strings.HasSuffix(arg, "_constraint") || arg == "init" || arg == "inner_init" || strings.HasPrefix(arg, "W_") ||
		strings.HasPrefix(arg, "b_") || strings.HasPrefix(arg, "U_")
}

// shapeFree are the arguments the output shape does not depend on.
func shapeFree(arg string) bool {
	switch arg {
	case "activation", "recurrent_activation", "name", "dropout", "recurrent_dropout", "rate", "seed", "dtype", "trainable":
		return true
	}
	return strings.HasSuffix(arg, "_initializer") || strings.HasSuffix(arg, "_regularizer") || strings.HasSuffix(arg, "_constraint")
}

// compareRow compares one anchored pair: units or filters, then the count, then the shape; it
// returns the first disagreement.
func (p *pairing) compareRow(c codeRowInfo, t tableRowInfo) (Flag, bool) {
	r, row := c.r, t.rr.Row
	flag := func(msg string) (Flag, bool) {
		return Flag{Kind: KindCode, Severity: Warning, Line: row.Line, Layer: row.Name, Message: msg}, true
	}
	tout := dimsOf(row.Output)
	// the units or filters, which the printed output shape shows whatever the input
	if key, ok := outputKey(c.class, r.Config); ok && len(tout) > 1 && tout.Last() > 0 {
		if n, ok := r.Config.Int(key); ok && n > 0 && n != tout.Last() {
			return flag("the code gives " + row.Name + " " + layers.Num(n) + " " + key + " (" + r.Class + " at line " +
				strconv.Itoa(r.Line) + "), the summary's output " + strings.TrimSpace(row.OutputText) + " has " + layers.Num(tout.Last()))
		}
	}
	if row.Params != nil && !row.Unbuilt {
		got := *row.Params
		if want, how, ok := p.codeCount(c, t); ok && want != got {
			return flag(how + ", the summary prints " + layers.Num(got))
		}
	}
	// the output shape, where the code fixes it
	if certain(r, shapeFree) && len(r.Out) == 1 && row.Output.Known() && row.Output.Kind == grammar.ShapeTuple &&
		!sameDims(row.Output.Dims, r.Out[0]) {
		return flag("the code gives " + row.Name + " the output shape " + r.Output + " (" + r.Class + " at line " +
			strconv.Itoa(r.Line) + "), the summary prints " + strings.TrimSpace(row.OutputText))
	}
	return Flag{}, false
}

// certain reports whether the code fixes a row: it is defined and built, and every argument it
// leaves unknown is one that free says does not matter.
func certain(r *interp.Row, free func(string) bool) bool {
	if r.Undefined || r.Err != "" || r.Out == nil || r.Unbuilt {
		return false
	}
	for _, a := range r.UnknownArgs {
		if !free(a) {
			return false
		}
	}
	return true
}

// codeCount is the count the code gives a layer, and how, when the code fixes it: the rebuilt
// row's own count, or, where the code does not give the layer's input (an excerpt), the layer
// built from its arguments on the input the table shows; an unknown units or filters argument
// is then read from the table's output shape.
func (p *pairing) codeCount(c codeRowInfo, t tableRowInfo) (int64, string, bool) {
	r, row := c.r, t.rr.Row
	if certain(r, countFree) {
		return r.Params, "the code gives " + row.Name + " " + layers.Num(r.Params) + " weights (" + r.Class + " at line " +
			strconv.Itoa(r.Line) + ": " + weightsDeriv(r.Weights, r.Params).String() + ")", true
	}
	if r.Undefined || c.class == "Model" || wrappers[c.class] || layers.Lookup(c.class) == nil {
		return 0, "", false
	}
	ins := t.rr.InputDims
	if len(ins) == 0 {
		return 0, "", false
	}
	for _, d := range ins {
		if !knownDims(d) {
			return 0, "", false
		}
	}
	cfg := layers.Config{}
	for k, v := range r.Config {
		cfg[k] = v
	}
	key, hasKey := outputKey(c.class, cfg)
	filled := ""
	for _, a := range r.UnknownArgs {
		switch {
		case countFree(a):
		case hasKey && a == key && len(dimsOf(row.Output)) > 1 && dimsOf(row.Output).Last() > 0:
			cfg[key] = dimsOf(row.Output).Last()
			filled = " with the " + layers.Num(dimsOf(row.Output).Last()) + " " + key + " the summary shows"
		default:
			return 0, "", false
		}
	}
	if _, set := cfg[key]; hasKey && !set {
		return 0, "", false
	}
	_, ws, err := layers.Build(&layers.Layer{Class: r.Class, Name: r.Name, Config: cfg, Version: p.code.Version}, ins)
	if err != nil {
		return 0, "", false
	}
	n := int64(0)
	for _, w := range ws {
		n += w.Size()
	}
	how := "the code's " + r.Class + " at line " + strconv.Itoa(r.Line) + args(cfg) + filled + " has " + layers.Num(n) +
		" weights on the summary's input " + dimsText(ins[0]) + " (" + weightsDeriv(ws, n).String() + ")"
	if b, ok := cfg["use_bias"].(bool); ok && !b && row.Params != nil {
		// a layer made without a bias, counted with one
		cfg2 := layers.Config{}
		for k, v := range cfg {
			cfg2[k] = v
		}
		cfg2["use_bias"] = true
		if _, ws2, err := layers.Build(&layers.Layer{Class: r.Class, Name: r.Name, Config: cfg2, Version: p.code.Version}, ins); err == nil {
			m := int64(0)
			for _, w := range ws2 {
				m += w.Size()
			}
			if m == *row.Params && m != n {
				how += "; the summary's count is the one with a bias (+" + layers.Num(m-n) + ")"
			}
		}
	}
	return n, how, true
}

// args lists the arguments a message about a rebuilt layer needs: the bias switch.
func args(cfg layers.Config) string {
	if b, ok := cfg["use_bias"].(bool); ok && !b {
		return " (use_bias=False)"
	}
	return ""
}

// knownDims reports an input shape a count can be built on: its feature (last) axis is known;
// the lengths may be None, as counts do not depend on them.
func knownDims(d layers.Dims) bool {
	return len(d) > 1 && d.Last() > 0
}

// dimsText prints a shape as Keras 2 does: (None, 256).
func dimsText(d layers.Dims) string {
	var b strings.Builder
	b.WriteByte('(')
	for i, x := range d {
		if i > 0 {
			b.WriteString(", ")
		}
		if x < 0 {
			b.WriteString("None")
		} else {
			b.WriteString(strconv.FormatInt(x, 10))
		}
	}
	b.WriteByte(')')
	return b.String()
}

// presence flags the layers that one side has and the other has not. It needs both sides whole
// (the code's model all in the code, the table all its rows) and the same model on both (most of
// the rows aligned). A class that both sides hold equally often is no difference, whatever the
// order; the rows of a class one side holds more often, left unaligned, are.
func (p *pairing) presence() []Flag {
	if !p.codeWhole || !p.tableWhole {
		return nil
	}
	codeN, tableN := map[string]int{}, map[string]int{}
	for _, c := range p.crows {
		if !c.r.Op {
			codeN[c.class]++
		}
	}
	for _, t := range p.trows {
		if !opClasses[t.class] {
			tableN[t.class]++
		}
	}
	usedC, usedT := map[int]bool{}, map[int]bool{}
	for _, pr := range p.pairs {
		usedC[pr.c], usedT[pr.t] = true, true
	}
	var flags []Flag
	for j, t := range p.trows {
		if usedT[j] || opClasses[t.class] || tableN[t.class] <= codeN[t.class] {
			continue
		}
		if p.code.Version == layers.Keras3 && isOpClassName(t.class, p.crows) {
			continue // a Keras 3 operation row (x + y prints as add (Add))
		}
		row := t.rr.Row
		flags = append(flags, Flag{Kind: KindCode, Severity: Warning, Line: row.Line, Layer: row.Name,
			Message: "the summary lists " + row.Name + " (" + t.rr.Class + ")" + where(p.trows, j) + ", which the code does not build (" +
				strconv.Itoa(codeN[t.class]) + " " + t.rr.Class + " in the code, " + strconv.Itoa(tableN[t.class]) + " in the summary)"})
	}
	for i, c := range p.crows {
		if usedC[i] || c.r.Op || codeN[c.class] <= tableN[c.class] {
			continue
		}
		flags = append(flags, Flag{Kind: KindCode, Severity: Warning, Line: c.r.Line, Layer: c.r.Name,
			Message: "the code builds " + c.r.Name + " (" + c.r.Class + ") at line " + strconv.Itoa(c.r.Line) +
				", which the summary does not list (" + strconv.Itoa(codeN[c.class]) + " " + c.r.Class + " in the code, " +
				strconv.Itoa(tableN[c.class]) + " in the summary)"})
	}
	return flags
}

// isOpClassName reports a class that the code's operations have (Add for x + y).
func isOpClassName(class string, cs []codeRowInfo) bool {
	for _, c := range cs {
		if c.r.Op && c.class == class {
			return true
		}
	}
	return false
}

// where says between which rows a table row stands.
func where(ts []tableRowInfo, j int) string {
	switch {
	case len(ts) == 1:
		return ""
	case j == 0:
		return " before " + ts[1].rr.Row.Name
	case j == len(ts)-1:
		return " after " + ts[j-1].rr.Row.Name
	}
	return " between " + ts[j-1].rr.Row.Name + " and " + ts[j+1].rr.Row.Name
}

func sameDims(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] && a[i] >= 0 && b[i] >= 0 {
			return false
		}
	}
	return true
}

// ExplainCodeBeside rebuilds the models of the code and reads each snippet as the Keras that
// printed the table it pairs with (code beside a Keras 3 box table is Keras 3 code, whatever it
// imports; beside a wrapped tf.keras table, tf.keras).
func ExplainCodeBeside(sns []*grammar.Snippet, sums []*Summary) []*CodeResult {
	code := ExplainCode(sns)
	reread := map[*CodeResult]bool{}
	for _, p := range pairTables(sums, code) {
		lang := ""
		if p.code.Snippet != nil {
			lang = p.code.Snippet.Lang
		}
		v := versionOf(p.sum, p.code.Version, lang)
		if v == layers.VersionUnknown || v == p.code.Version || reread[p.code] || p.code.Snippet == nil {
			continue
		}
		r := interp.Rebuild(p.code.Snippet, v)
		if r == nil {
			continue
		}
		for k, c := range code {
			if c == p.code {
				code[k] = codeResult(r)
				reread[code[k]] = true
			}
		}
	}
	return code
}
