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
//
// Several tables may pair with one model: a reference print quoted beside the poster's own, the
// print of a run before an edit beside the one after. Where one of them agrees with the model
// wholly, it is the model's print, and the others are of other code: they are not compared.
func CompareCode(sums []*Summary, code []*CodeResult) []Flag {
	ps := pairTables(sums, code)
	found := make([][]Flag, len(ps))
	agrees := map[*interp.Model]bool{} // a table of this model agrees with it
	for k, p := range ps {
		p.anchor()
		found[k] = p.compare()
		if len(found[k]) == 0 && p.tableWhole && p.anchoredAll() {
			agrees[p.model] = true
		}
	}
	var flags []Flag
	for k, p := range ps {
		if !agrees[p.model] {
			flags = append(flags, found[k]...)
		}
		if len(found[k]) == 0 {
			if f, ok := p.splitNote(); ok {
				flags = append(flags, f)
			}
		}
	}
	return flags
}

// anchoredAll reports a pairing whose every code and table row (inputs aside) is paired, and
// certainly: the table shows that model, whole.
func (p *pairing) anchoredAll() bool {
	if len(p.pairs) != len(p.crows) || len(p.pairs) != len(p.trows) {
		return false
	}
	for _, pr := range p.pairs {
		if !pr.anchored {
			return false
		}
	}
	return true
}

// compare gives the flags of one pairing: the rows first, then the layers only one side has.
func (p *pairing) compare() []Flag {
	var flags []Flag
	for _, pr := range p.pairs {
		if !pr.anchored {
			continue
		}
		if f, ok := p.compareRow(p.crows[pr.c], p.trows[pr.t], len(flags) > 0); ok {
			flags = append(flags, f)
		}
	}
	flags = append(flags, p.compareInputs()...)
	return append(flags, p.presence()...)
}

// compareInputs compares the shapes of the model's inputs, which a functional table prints as
// InputLayer rows (the pairing leaves them out: they have no class to align). An input pairs with
// the table's input of the same name, or, when each side has one input, with that one. An axis
// the code does not fix (shape=(X.shape[1],)) is no disagreement.
func (p *pairing) compareInputs() []Flag {
	var cs []*interp.Row
	for _, r := range p.model.Rows {
		if r.Depth == 0 && r.Class == "InputLayer" {
			cs = append(cs, r)
		}
	}
	var ts []*RowResult
	for _, rr := range p.sum.Rows {
		if rr.Row.Depth == 0 && rr.Class == "InputLayer" {
			ts = append(ts, rr)
		}
	}
	var flags []Flag
	for _, r := range cs {
		var t *RowResult
		for _, rr := range ts {
			if rr.Row.Name == r.Name {
				t = rr
			}
		}
		if t == nil && len(cs) == 1 && len(ts) == 1 {
			t = ts[0]
		}
		if t == nil || r.Undefined || len(r.Out) != 1 || !t.Row.Output.Known() || t.Row.Output.Kind != grammar.ShapeTuple {
			continue
		}
		if !sameDims(t.Row.Output.Dims, r.Out[0]) {
			flags = append(flags, Flag{Kind: KindCode, Severity: Warning, Line: t.Row.Line, Layer: t.Row.Name,
				Message: "the code gives the input " + r.Name + " the shape " + layers.ShapeString(r.Out[0]) + " (line " + strconv.Itoa(r.Line) +
					"), the summary prints " + strings.TrimSpace(t.Row.OutputText)})
		}
	}
	return flags
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

// compareRow compares one anchored pair: units or filters, then the count, then the output
// shape; it returns the first disagreement. Where the table shows the layer's input, the code's
// layer is built on that input, so that a disagreement further up (a Dense with other units)
// is not counted again in every layer below it. A count or shape that some reading of the code
// the table's era allows gives (another Keras of that layout, channels first where the code
// does not say) is no disagreement. Where the table does not show the layer's input at all (a
// subclassed model's "multiple"), the code's layer is compared as the code builds it, unless a
// row above already disagrees (above means after: the difference there may be all this one is).
func (p *pairing) compareRow(c codeRowInfo, t tableRowInfo, above bool) (Flag, bool) {
	r, row := c.r, t.rr.Row
	flag := func(msg string) (Flag, bool) {
		return Flag{Kind: KindCode, Severity: Warning, Line: row.Line, Layer: row.Name, Message: msg}, true
	}
	tout := dimsOf(row.Output)
	at := r.Class + " at line " + strconv.Itoa(r.Line)
	// the units or filters, which the printed output shape shows whatever the input
	if key, ok := outputKey(c.class, r.Config); ok && len(tout) > 1 && tout.Last() > 0 {
		n, ok := r.Config.Int(key)
		either := p.maybeChannelsFirst(c) && len(tout) > 2 // keras.json may put the channels first
		if ok && n > 0 && n != tout.Last() && !(either && n == tout[1]) {
			has := layers.Num(tout.Last())
			if either && tout[1] > 0 && tout[1] != tout.Last() {
				has = layers.Num(tout.Last()) + " channels last, " + layers.Num(tout[1]) + " channels first"
			}
			return flag("the code gives " + row.Name + " " + layers.Num(n) + " " + key + " (" + at + "), the summary's output " +
				strings.TrimSpace(row.OutputText) + " has " + has)
		}
	}
	b := p.onTableInput(c, t)
	// the code's own input stands for the table's where the table shows none (the first row of a
	// Sequential, a row that prints "multiple") and no disagreement above may have changed it
	ownInput := sameInput(r, t) || noInput(t) && !(above && len(t.rr.InputDims) > 0)
	// a count the table's own check finds impossible is flagged there already, with what the
	// layer would have: the code would only say it again
	if row.Params != nil && !row.Unbuilt && t.rr.Status != layers.Mismatch {
		got := *row.Params
		switch {
		case b != nil && b.params != got && !p.accepts(c, t, b.in, func(o *rebuilt) bool { return o.params == got || o.trainable == got && p.trainableRows() }):
			msg := "the code's " + at + args(b.cfg) + " gives " + row.Name + " " + layers.Num(b.params) + " weights on its input in the summary " +
				layers.ShapeString(b.in) + " (" + weightsDeriv(b.weights, b.params).String() + b.filled + "), the summary prints " + layers.Num(got)
			if b.withBias == got {
				msg += ", the count with a bias (+" + layers.Num(got-b.params) + ")"
			}
			return flag(msg)
		case b == nil && certain(r, countFree) && ownInput && r.Params != got &&
			!p.accepts(c, t, codeInput(r), func(o *rebuilt) bool { return o.params == got || o.trainable == got && p.trainableRows() }):
			msg := "the code gives " + row.Name + " " + layers.Num(r.Params) + " weights (" + at + args(r.Config) + ": " +
				weightsDeriv(r.Weights, r.Params).String() + "), the summary prints " + layers.Num(got)
			if o := p.buildAs(c, t, []layers.Dims{codeInput(r)}, p.code.Version, ""); o != nil && o.withBias == got {
				msg += ", the count with a bias (+" + layers.Num(got-o.params) + ")"
			}
			return flag(msg)
		}
	}
	// the output shape, where the code fixes it
	if row.Output.Known() && row.Output.Kind == grammar.ShapeTuple {
		same := func(o *rebuilt) bool { return len(o.outs) == 1 && sameDims(row.Output.Dims, o.outs[0]) }
		switch {
		case b != nil && b.shaped && len(b.outs) == 1 && !same(b) && !p.accepts(c, t, b.in, same):
			return flag("the code's " + at + " gives " + row.Name + " the output shape " + layers.ShapeString(b.outs[0]) + " on its input in the summary " +
				layers.ShapeString(b.in) + ", the summary prints " + strings.TrimSpace(row.OutputText))
		case b == nil && certain(r, shapeFree) && len(r.Out) == 1 && ownInput &&
			!sameDims(row.Output.Dims, r.Out[0]) && !p.accepts(c, t, codeInput(r), same):
			return flag("the code gives " + row.Name + " the output shape " + r.Output + " (" + at + "), the summary prints " +
				strings.TrimSpace(row.OutputText))
		}
	}
	return Flag{}, false
}

// codeInput is the input the code feeds a row (its last call's), nil when unknown.
func codeInput(r *interp.Row) layers.Dims {
	if len(r.InDims) == 0 || len(r.InDims[len(r.InDims)-1]) == 0 {
		return nil
	}
	return r.InDims[len(r.InDims)-1][0]
}

// eraVersions are the Keras versions whose print the table's layout can be: a Keras 2 layout is
// multi-backend Keras 2 or tf.keras up to 2.6 (GRU's reset_after, for one, differs).
func (p *pairing) eraVersions() []layers.Version {
	switch p.sum.Table.Format {
	case grammar.Keras1:
		return []layers.Version{layers.Keras1}
	case grammar.Keras2:
		return []layers.Version{layers.Keras2, layers.TFKeras}
	case grammar.Keras27:
		return []layers.Version{layers.TFKeras}
	case grammar.Keras3:
		return []layers.Version{layers.Keras3}
	case grammar.TFJS:
		return []layers.Version{layers.Keras2}
	}
	return []layers.Version{p.code.Version}
}

// trainableRows reports a table whose rows count trainable weights only (Keras 0.x and
// 1.0.0–1.1.2: one Total line, no split).
func (p *pairing) trainableRows() bool {
	tt := p.sum.Table.Totals
	return p.sum.Table.Format == grammar.Keras1 && tt.Total != nil && tt.Trainable == nil
}

// maybeChannelsFirst reports a layer whose channel axis the code leaves to keras.json: a
// convolution or pooling without data_format (dim_ordering) in a Keras before Keras 3.
// TensorFlow.js reads no keras.json: its default is channels last.
func (p *pairing) maybeChannelsFirst(c codeRowInfo) bool {
	if p.sum.Table.Format == grammar.TFJS || p.code.Snippet != nil && p.code.Snippet.Lang == grammar.LangTFJS {
		return false
	}
	if _, ok := c.r.Config["data_format"]; ok {
		return false
	}
	if _, ok := c.r.Config["dim_ordering"]; ok {
		return false
	}
	spec := layers.Lookup(c.class)
	if spec == nil || spec.Family != "convolution" && spec.Family != "pooling" {
		return false
	}
	for _, v := range p.eraVersions() {
		if v != layers.Keras3 {
			return true
		}
	}
	return false
}

// accepts reports whether some reading of the code's layer the table's era allows, built on
// input in, satisfies ok.
func (p *pairing) accepts(c codeRowInfo, t tableRowInfo, in layers.Dims, ok func(*rebuilt) bool) bool {
	if in == nil {
		return false
	}
	formats := []string{""}
	if p.maybeChannelsFirst(c) {
		formats = append(formats, "channels_first")
	}
	for _, v := range p.eraVersions() {
		for _, f := range formats {
			if o := p.buildAs(c, t, []layers.Dims{in}, v, f); o != nil && ok(o) {
				return true
			}
		}
	}
	return false
}

// noInput reports a table row that shows nothing of its input: none (the first row of a
// Sequential) or only unknown shapes (the row above prints "multiple").
func noInput(t tableRowInfo) bool {
	for _, d := range t.rr.InputDims {
		if d != nil {
			return false
		}
	}
	return true
}

// sameInput reports whether the code feeds a layer what the table shows feeding it.
func sameInput(r *interp.Row, t tableRowInfo) bool {
	if len(r.InDims) == 0 || len(r.InDims[len(r.InDims)-1]) != len(t.rr.InputDims) {
		return false
	}
	for k, d := range r.InDims[len(r.InDims)-1] {
		if d == nil || t.rr.InputDims[k] == nil || !sameDims(d, t.rr.InputDims[k]) {
			return false
		}
	}
	return true
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

// rebuilt is a code layer built on the input its table row shows.
type rebuilt struct {
	in        layers.Dims
	cfg       layers.Config
	params    int64
	trainable int64 // the trainable part of params
	weights   []layers.Weight
	outs      []layers.Dims
	shaped    bool   // the arguments the output shape depends on are all known
	filled    string // what was read from the table: "with the 64 filters the summary shows"
	withBias  int64  // the count with a bias, for a layer made without one; −1 otherwise
}

// onTableInput builds the code's layer from its arguments on the input the table shows for its
// row: the count the code gives the layer whatever feeds it in the code (an excerpt, a layer
// above that differs). An unknown units or filters argument is read from the table's output
// shape; any other unknown argument the count depends on, a wrapper, a nested model or an
// undefined layer gives nil.
func (p *pairing) onTableInput(c codeRowInfo, t tableRowInfo) *rebuilt {
	return p.buildAs(c, t, t.rr.InputDims, p.code.Version, "")
}

// buildAs builds the code's layer on inputs ins as Keras version v, with data_format set to
// format when it is not "".
func (p *pairing) buildAs(c codeRowInfo, t tableRowInfo, ins []layers.Dims, v layers.Version, format string) *rebuilt {
	r, row := c.r, t.rr.Row
	if r.Undefined || c.class == "Model" || wrappers[c.class] || layers.Lookup(c.class) == nil {
		return nil
	}
	if len(ins) == 0 {
		return nil
	}
	for _, d := range ins {
		if !knownDims(d) {
			return nil
		}
	}
	// a Lambda's shape is its function's (the interpreter follows it; a build here does not), and
	// a weightless class without a build of its own only passes its input on
	spec := layers.Lookup(c.class)
	shaped := c.class != "Lambda" && !(spec.Weightless && spec.Build == nil)
	b := &rebuilt{in: ins[0], cfg: layers.Config{}, shaped: shaped, withBias: -1}
	for k, val := range r.Config {
		b.cfg[k] = val
	}
	if format != "" {
		b.cfg["data_format"] = format
	}
	key, hasKey := outputKey(c.class, b.cfg)
	tout := dimsOf(row.Output)
	for _, a := range r.UnknownArgs {
		switch {
		case hasKey && a == key && len(tout) > 1 && tout.Last() > 0:
			b.cfg[key] = tout.Last()
			b.filled = ", with the " + layers.Num(tout.Last()) + " " + key + " the summary shows"
		case countFree(a):
			b.shaped = b.shaped && shapeFree(a)
		default:
			return nil
		}
	}
	if _, set := b.cfg[key]; hasKey && !set {
		return nil
	}
	build := func(cfg layers.Config) ([]layers.Dims, []layers.Weight, int64, bool) {
		outs, ws, err := layers.Build(&layers.Layer{Class: r.Class, Name: r.Name, Config: cfg, Version: v}, ins)
		if err != nil {
			return nil, nil, 0, false
		}
		n := int64(0)
		for _, w := range ws {
			n += w.Size()
		}
		return outs, ws, n, true
	}
	var ok bool
	if b.outs, b.weights, b.params, ok = build(b.cfg); !ok {
		return nil
	}
	for _, w := range b.weights {
		if w.Trainable {
			b.trainable += w.Size()
		}
	}
	if ub, isBool := b.cfg["use_bias"].(bool); isBool && !ub {
		with := layers.Config{}
		for k, val := range b.cfg {
			with[k] = val
		}
		with["use_bias"] = true
		if _, _, n, ok := build(with); ok && n != b.params {
			b.withBias = n
		}
	}
	return b
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

// presence flags the layers that one side has and the other has not. It needs both sides whole
// (the code's model all in the code, the table all its rows) and the same model on both (most of
// the rows aligned). A class that both sides hold equally often is no difference, whatever the
// order; the rows of a class one side holds more often, left unaligned, are. A Sequential may hold
// values the code does not define (a base model made above the excerpt): each is one layer of
// unknown class, which may be any one row of the table that nothing else explains.
func (p *pairing) presence() []Flag {
	if !p.tableWhole || !p.codeWhole && !p.sequentialSlots() {
		return nil
	}
	codeN, tableN := map[string]int{}, map[string]int{}
	for _, c := range p.crows {
		if !c.r.Op && !c.r.Undefined {
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
	free := 0 // undefined layers of the code that no table row took
	for i, c := range p.crows {
		if c.r.Undefined && !usedC[i] {
			free++
		}
	}
	lastT := -1 // the last table row aligned with the code
	for _, pr := range p.pairs {
		lastT = max(lastT, pr.t)
	}
	open := p.openTail()
	var flags []Flag
	for j, t := range p.trows {
		if usedT[j] || opClasses[t.class] || tableN[t.class] <= codeN[t.class] || free > 0 || open && j > lastT {
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
		if usedC[i] || c.r.Op || c.r.Undefined || codeN[c.class] <= tableN[c.class] {
			continue
		}
		flags = append(flags, Flag{Kind: KindCode, Severity: Warning, Line: c.r.Line, Layer: c.r.Name,
			Message: "the code builds " + c.r.Name + " (" + c.r.Class + ") at line " + strconv.Itoa(c.r.Line) +
				", which the summary does not list (" + strconv.Itoa(codeN[c.class]) + " " + c.r.Class + " in the code, " +
				strconv.Itoa(tableN[c.class]) + " in the summary)"})
	}
	return flags
}

// openTail reports a Sequential whose code may go on past the paste: the code never prints it
// (no summary() call) and ends with the statement that adds its last layer, nothing after it
// (no compile, fit, return). Rows the table holds below the code's last layer may be in code
// the paste leaves out, so they are no difference.
func (p *pairing) openTail() bool {
	if p.model.Class != "Sequential" || p.model.SummaryLine != 0 || p.code.Snippet == nil || p.code.Snippet.Program == nil {
		return false
	}
	last := 0
	for _, r := range p.model.Rows {
		last = max(last, r.Line)
	}
	for _, st := range p.code.Snippet.Program.Stmts {
		if st.Line > last {
			return false
		}
	}
	return true
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

// sequentialSlots reports a Sequential whose only gaps are values the code does not define, each
// of them one layer (one row), the code otherwise whole: neither cut nor elided, no condition, no
// loop it could not follow.
func (p *pairing) sequentialSlots() bool {
	if p.model.Class != "Sequential" || p.code.Skipped || p.code.Snippet != nil && (p.code.Snippet.Partial() || conditional(p.code.Snippet.Program)) {
		return false
	}
	rows := 0
	for _, c := range p.crows {
		if c.r.Undefined {
			rows++
		}
	}
	return rows == len(p.model.Undefined) // nothing undefined but whole layers (no unknown list of them)
}
