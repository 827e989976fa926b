package render

import (
	"io"
	"strconv"
	"unicode/utf8"
)

// jsonWriter writes the JSON document of contract.md by hand, indented by two spaces, byte for
// byte as encoding/json's Encoder with SetIndent("", "  ") and SetEscapeHTML(false) writes the
// same values (jsonwrite_test.go checks it on every corpus case). encoding/json builds its
// encoders by reflection on first use and indents in a second pass that grows its buffer step by
// step; on a 10,000-row table that was most of the time of --format json.
type jsonWriter struct {
	b       []byte
	depth   int
	first   bool      // no value written yet at this level
	out     io.Writer // where full buffers go (nil: keep everything in b)
	err     error     // the first write error
	compact bool      // no new lines, no indentation (JSONCompact)
}

// flush writes the buffer out once it holds 64 KB, so that a large document never sits whole in
// memory.
func (w *jsonWriter) flush(force bool) {
	if w.out == nil || !force && len(w.b) < 64<<10 {
		return
	}
	if w.err == nil {
		_, w.err = w.out.Write(w.b)
	}
	w.b = w.b[:0]
}

func (w *jsonWriter) newline() {
	if w.compact {
		return
	}
	if n := 1 + 2*w.depth; n <= len(newlineIndent) {
		w.b = append(w.b, newlineIndent[:n]...)
		return
	}
	w.b = append(w.b, '\n')
	for range w.depth {
		w.b = append(w.b, ' ', ' ')
	}
}

// newlineIndent is a new line and the indentation of the levels a document nests to, appended
// at once rather than two spaces at a time.
const newlineIndent = "\n" + "                                                                "

// next starts a value at the current level: a comma after the one before, and a new line.
func (w *jsonWriter) next() {
	if !w.first {
		w.b = append(w.b, ',')
	}
	w.first = false
	w.newline()
}

func (w *jsonWriter) open(c byte) {
	w.b = append(w.b, c)
	w.depth++
	w.first = true
}

func (w *jsonWriter) close(c byte) {
	w.depth--
	if !w.first { // an empty object or array stays {} or []
		w.newline()
	}
	w.b = append(w.b, c)
	w.first = false
}

// key starts a member of an object. k is one of the contract's member names, plain ASCII letters
// and underscores, so it is written without looking for what to escape.
func (w *jsonWriter) key(k string) {
	w.next()
	w.b = append(w.b, '"')
	w.b = append(w.b, k...)
	w.b = append(w.b, '"')
	if w.compact {
		w.b = append(w.b, ':')
		return
	}
	w.b = append(w.b, ':', ' ')
}

// elem starts an element of an array.
func (w *jsonWriter) elem() { w.next() }

func (w *jsonWriter) int(n int64) { w.b = strconv.AppendInt(w.b, n, 10) }

func (w *jsonWriter) intPtr(n *int64) {
	if n == nil {
		w.b = append(w.b, "null"...)
		return
	}
	w.int(*n)
}

func (w *jsonWriter) bool(v bool) { w.b = strconv.AppendBool(w.b, v) }

func (w *jsonWriter) strPtr(s *string) {
	if s == nil {
		w.b = append(w.b, "null"...)
		return
	}
	w.str(*s)
}

const hexDigits = "0123456789abcdef"

// plainJSON marks the bytes that a JSON string holds as they are: ASCII from space on, but the
// quote and the backslash.
var plainJSON = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// str writes a JSON string as encoding/json does without HTML escaping: \" \\ \n \r \t \b \f, \u00XX
// for other control characters, \u2028 and \u2029, and U+FFFD for invalid UTF-8.
func (w *jsonWriter) str(s string) {
	w.b = append(w.b, '"')
	start := 0
	for i := 0; i < len(s); {
		for i < len(s) && plainJSON[s[i]] {
			i++ // the common case: a run of ASCII that needs no escape
		}
		if i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			w.b = append(w.b, s[start:i]...)
			switch c {
			case '"', '\\':
				w.b = append(w.b, '\\', c)
			case '\n':
				w.b = append(w.b, '\\', 'n')
			case '\r':
				w.b = append(w.b, '\\', 'r')
			case '\t':
				w.b = append(w.b, '\\', 't')
			case '\b':
				w.b = append(w.b, '\\', 'b')
			case '\f':
				w.b = append(w.b, '\\', 'f')
			default:
				w.b = append(w.b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			w.b = append(w.b, s[start:i]...)
			w.b = append(w.b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			w.b = append(w.b, s[start:i]...)
			w.b = append(w.b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	w.b = append(w.b, s[start:]...)
	w.b = append(w.b, '"')
}

func (w *jsonWriter) ints(xs []int64) {
	if xs == nil {
		w.b = append(w.b, "null"...)
		return
	}
	w.open('[')
	for _, x := range xs {
		w.elem()
		w.int(x)
	}
	w.close(']')
}

func (w *jsonWriter) strs(xs []string) {
	if xs == nil {
		w.b = append(w.b, "null"...)
		return
	}
	w.open('[')
	for _, x := range xs {
		w.elem()
		w.str(x)
	}
	w.close(']')
}

func (d *jsonDoc) write(w *jsonWriter) {
	w.open('{')
	w.key("summaries")
	w.open('[')
	for i := range d.Summaries {
		w.elem()
		d.Summaries[i].write(w)
	}
	w.close(']')
	w.key("code")
	w.open('[')
	for i := range d.Code {
		w.elem()
		d.Code[i].write(w)
	}
	w.close(']')
	w.key("flags")
	writeFlags(w, d.Flags)
	w.key("foreign")
	w.open('[')
	for _, f := range d.Foreign {
		w.elem()
		w.open('{')
		w.key("kind")
		w.str(f.Kind)
		w.key("start_line")
		w.int(int64(f.StartLine))
		w.key("end_line")
		w.int(int64(f.EndLine))
		w.close('}')
	}
	w.close(']')
	w.close('}')
	if !w.compact {
		w.b = append(w.b, '\n')
	}
}

func (s *jsonSummary) write(w *jsonWriter) {
	w.open('{')
	w.key("format")
	w.str(s.Format)
	w.key("name")
	w.str(s.Name)
	w.key("start_line")
	w.int(int64(s.StartLine))
	w.key("end_line")
	w.int(int64(s.EndLine))
	w.key("layers")
	if s.rows != nil {
		w.open('[')
		for _, rr := range s.rows {
			l := layerJSON(rr, s.style)
			w.elem()
			l.write(w)
			w.flush(false)
		}
		w.close(']')
	} else {
		writeLayers(w, s.Layers)
	}
	w.key("totals")
	w.open('{')
	w.key("total")
	w.intPtr(s.Totals.Total)
	w.key("trainable")
	w.intPtr(s.Totals.Trainable)
	w.key("non_trainable")
	w.intPtr(s.Totals.NonTrainable)
	w.key("optimizer")
	w.intPtr(s.Totals.Optimizer)
	w.close('}')
	w.key("computed")
	w.open('{')
	w.key("total")
	w.intPtr(s.Computed.Total)
	w.key("trainable")
	w.intPtr(s.Computed.Trainable)
	w.key("non_trainable")
	w.intPtr(s.Computed.NonTrainable)
	w.close('}')
	w.key("flags")
	writeFlags(w, s.Flags)
	w.key("notes")
	w.strs(s.Notes)
	w.key("total_notes")
	if s.Checks == nil {
		w.b = append(w.b, "null"...)
	} else {
		w.open('[')
		for i := range s.Checks {
			w.elem()
			n := &s.Checks[i]
			w.open('{')
			w.key("line")
			w.str(n.Line)
			w.key("text")
			w.str(n.Text)
			w.key("passed")
			w.bool(n.Passed)
			w.key("equations")
			writeEquations(w, n.Equations)
			w.close('}')
		}
		w.close(']')
	}
	w.key("weight_traces")
	if s.Traces == nil {
		w.b = append(w.b, "null"...)
	} else {
		w.open('[')
		for _, t := range s.Traces {
			w.elem()
			w.open('{')
			w.key("line")
			w.int(int64(t.Line))
			w.key("running_sums")
			w.bool(t.Running)
			w.key("entries")
			if t.Entries == nil {
				w.b = append(w.b, "null"...)
			} else {
				w.open('[')
				for _, e := range t.Entries {
					w.elem()
					w.open('{')
					w.key("value")
					w.int(e.Value)
					w.key("line")
					w.int(int64(e.Line))
					w.key("layer")
					w.str(e.Layer)
					w.key("weight")
					w.str(e.Weight)
					w.key("shape")
					w.ints(e.Shape)
					w.close('}')
				}
				w.close(']')
			}
			w.close('}')
		}
		w.close(']')
	}
	w.close('}')
}

func (c *jsonCode) write(w *jsonWriter) {
	w.open('{')
	w.key("start_line")
	w.int(int64(c.StartLine))
	w.key("end_line")
	w.int(int64(c.EndLine))
	w.key("layers")
	writeLayers(w, c.Layers)
	w.key("flags")
	writeFlags(w, c.Flags)
	if c.Totals != nil {
		w.key("totals")
		c.Totals.write(w)
	}
	if len(c.Earlier) > 0 {
		w.key("earlier_summaries")
		w.open('[')
		for i := range c.Earlier {
			e := &c.Earlier[i]
			w.elem()
			w.open('{')
			w.key("name")
			w.str(e.Name)
			w.key("line")
			w.int(int64(e.Line))
			w.key("layers")
			writeLayers(w, e.Layers)
			if e.Totals != nil {
				w.key("totals")
				e.Totals.write(w)
			}
			w.close('}')
		}
		w.close(']')
	}
	w.close('}')
}

func (t *jsonCodeTotals) write(w *jsonWriter) {
	w.open('{')
	w.key("total")
	w.intPtr(t.Total)
	w.key("trainable")
	w.intPtr(t.Trainable)
	w.key("non_trainable")
	w.intPtr(t.NonTrainable)
	if t.Optimizer != nil {
		w.key("optimizer")
		w.intPtr(t.Optimizer)
	}
	w.key("unknown_rows")
	w.int(int64(t.UnknownRows))
	if t.KnownPart != nil {
		w.key("known_part")
		w.intPtr(t.KnownPart)
	}
	if t.Why != "" {
		w.key("why")
		w.str(t.Why)
	}
	if len(t.NonTrainableRows) > 0 {
		w.key("non_trainable_rows")
		w.open('[')
		for _, r := range t.NonTrainableRows {
			w.elem()
			w.open('{')
			w.key("name")
			w.str(r.Name)
			w.key("params")
			w.int(r.Params)
			w.key("why")
			w.str(r.Why)
			w.close('}')
		}
		w.close(']')
	}
	w.close('}')
}

func writeLayers(w *jsonWriter, ls []jsonLayer) {
	if ls == nil {
		w.b = append(w.b, "null"...)
		return
	}
	w.open('[')
	for i := range ls {
		w.elem()
		ls[i].write(w)
		w.flush(false)
	}
	w.close(']')
}

func (l *jsonLayer) write(w *jsonWriter) {
	w.open('{')
	w.key("name")
	w.str(l.Name)
	w.key("type")
	w.strPtr(l.Type)
	w.key("output_shape")
	w.str(l.Output)
	if len(l.Dims) > 0 {
		w.key("output_dims")
		w.open('[')
		for _, d := range l.Dims {
			w.elem()
			w.intPtr(d)
		}
		w.close(']')
	}
	w.key("params")
	w.intPtr(l.Params)
	w.key("expected_params")
	w.intPtr(l.Expected)
	w.key("status")
	w.str(l.Status)
	w.key("derivation")
	w.str(l.Derivation)
	w.key("depth")
	w.int(int64(l.Depth))
	w.key("weights")
	if l.Weights == nil {
		w.b = append(w.b, "null"...)
	} else {
		w.open('[')
		for _, wt := range l.Weights {
			w.elem()
			w.open('{')
			w.key("name")
			w.str(wt.Name)
			w.key("shape")
			w.ints(wt.Shape)
			w.key("trainable")
			w.bool(wt.Trainable)
			w.close('}')
		}
		w.close(']')
	}
	w.key("line")
	w.int(int64(l.Line))
	if len(l.Inputs) > 0 {
		w.key("inputs")
		w.strs(l.Inputs)
	}
	if l.Config != "" {
		w.key("config")
		w.str(l.Config)
	}
	if l.Ambiguous != "" {
		w.key("ambiguous")
		w.str(l.Ambiguous)
	}
	if l.ShapeNote != "" {
		w.key("shape_note")
		w.str(l.ShapeNote)
	}
	if l.Assumed != "" {
		w.key("assumed")
		w.str(l.Assumed)
	}
	if l.Cause != "" {
		w.key("cause")
		w.str(l.Cause)
	}
	if l.Lesson != nil {
		w.key("formula")
		w.open('{')
		w.key("family")
		w.str(l.Lesson.Key)
		w.key("formula")
		w.str(l.Lesson.Formula)
		w.key("why")
		w.strs(l.Lesson.Why)
		w.close('}')
	}
	if l.Shared != 0 {
		w.key("shared_calls")
		w.int(int64(l.Shared))
	}
	if len(l.Equations) > 0 {
		w.key("equations")
		writeEquations(w, l.Equations)
	}
	w.close('}')
}

// writeEquations writes equations as structure (null for none, as encoding/json writes a nil slice).
func writeEquations(w *jsonWriter, eqs []jsonEq) {
	if eqs == nil {
		w.b = append(w.b, "null"...)
		return
	}
	w.open('[')
	for i := range eqs {
		w.elem()
		w.open('{')
		w.key("sides")
		if eqs[i].Sides == nil {
			w.b = append(w.b, "null"...)
		} else {
			w.open('[')
			for j := range eqs[i].Sides {
				w.elem()
				eqs[i].Sides[j].write(w)
			}
			w.close(']')
		}
		w.close('}')
	}
	w.close(']')
}

// write writes an expression with encoding/json's omitempty rules: absent parts are left out.
func (e *jsonExpr) write(w *jsonWriter) {
	w.open('{')
	if e.Num != nil {
		w.key("n")
		w.int(*e.Num)
	}
	if e.Unit != "" {
		w.key("unit")
		w.str(e.Unit)
	}
	if e.Op != "" {
		w.key("op")
		w.str(e.Op)
	}
	if len(e.Args) > 0 {
		w.key("args")
		w.open('[')
		for i := range e.Args {
			w.elem()
			e.Args[i].write(w)
		}
		w.close(']')
	}
	if e.Label != "" {
		w.key("label")
		w.str(e.Label)
	}
	w.close('}')
}

func writeFlags(w *jsonWriter, fs []jsonFlag) {
	if fs == nil {
		w.b = append(w.b, "null"...)
		return
	}
	w.open('[')
	for _, f := range fs {
		w.elem()
		w.open('{')
		w.key("kind")
		w.str(f.Kind)
		w.key("severity")
		w.str(f.Severity)
		w.key("line")
		w.int(int64(f.Line))
		w.key("layer")
		w.strPtr(f.Layer)
		w.key("message")
		w.str(f.Message)
		w.close('}')
	}
	w.close(']')
}
