package grammar

import (
	"strings"

	"github.com/kexplain/kexplain/normalize"
)

// TensorFlow.js layers code, read into the same program the Python interpreter runs. Its API is
// Keras's in JavaScript dress: tf.sequential() is a Sequential, tf.layers.conv2d({filters: 8,
// kernelSize: 3}) a Conv2D with its arguments in an object with camelCase keys,
// layer.apply(x) a call of the layer, tf.model({inputs, outputs}) a functional model. The
// lines are first made Python (declarations, semicolons, // comments, true/false/null), parsed
// by the Python grammar, and the calls then rewritten: tfjsClass names the class of each
// tf.layers function.

// tfjsSpecial are the tf.layers functions whose class is not their name capitalised (with 1d,
// 2d and 3d as 1D, 2D and 3D).
var tfjsSpecial = map[string]string{"lstm": "LSTM", "gru": "GRU", "rnn": "RNN", "prelu": "PReLU", "elu": "ELU",
	"lstmCell": "LSTMCell", "gruCell": "GRUCell", "convLstm2d": "ConvLSTM2D", "convLstm2dCell": "ConvLSTM2DCell",
	"reLU": "ReLU", "inputLayer": "InputLayer", "simpleRNN": "SimpleRNN", "simpleRNNCell": "SimpleRNNCell"}

// tfjsClass is the Keras class of a tf.layers function: conv2d is Conv2D, maxPooling2d
// MaxPooling2D, globalAveragePooling1d GlobalAveragePooling1D.
func tfjsClass(fn string) string {
	if c, ok := tfjsSpecial[fn]; ok {
		return c
	}
	if fn == "" || fn[0] < 'a' || fn[0] > 'z' {
		return ""
	}
	s := strings.ToUpper(fn[:1]) + fn[1:]
	for _, d := range []string{"1d", "2d", "3d"} {
		s = strings.ReplaceAll(s, d, strings.ToUpper(d))
	}
	return s
}

// snakeCase turns a camelCase option into Keras's argument name: kernelSize → kernel_size.
func snakeCase(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			if i > 0 {
				b.WriteByte('_')
			}
			b.WriteByte(c + 'a' - 'A')
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// jsLines makes JavaScript lines Python: declarations lose const/let/var, statements their
// semicolons, comments start with #, a line that goes on with .method() joins the one before.
func jsLines(lines []pyLine) []pyLine {
	out := make([]pyLine, len(lines))
	inBlock := false // inside a /* ... */ comment that began on an earlier line
	for k, l := range lines {
		t := l.text
		t, inBlock = jsBlockComments(t, inBlock)
		t = jsComment(t)
		t = jsStrictEquality(t)
		trim := normalize.TrimSpace(t)
		col := l.col
		for _, kw := range []string{"const ", "let ", "var ", "await ", "export "} {
			if strings.HasPrefix(trim, kw) {
				// the keyword goes, the indentation stays (Python reads the blocks by it): the
				// line's columns move by the keyword's length
				i := strings.Index(t, kw)
				t = t[:i] + t[i+len(kw):]
				col += len(kw)
				trim = normalize.TrimSpace(t)
			}
		}
		if strings.HasPrefix(trim, "import ") && (strings.Contains(trim, " from ") || strings.HasPrefix(trim, "import '") || strings.HasPrefix(trim, `import "`)) {
			t = "" // an ES module import: tf is what the code calls it anyway
		}
		t = strings.ReplaceAll(t, " await ", "       ")
		t = strings.TrimRight(t, " \t")
		t = strings.TrimSuffix(t, ";")
		out[k] = pyLine{no: l.no, col: col, text: jsPropertyLine(jsShorthand(jsTemplates(t)))}
	}
	// a statement continued on the next line by .method(): join with a backslash
	for k := range out {
		if normalize.TrimSpace(out[k].text) == "" {
			continue
		}
		for j := k + 1; j < len(out); j++ {
			n := normalize.TrimSpace(out[j].text)
			if n == "" {
				continue
			}
			if strings.HasPrefix(n, ".") && bracketDelta(out[k].text) <= 0 {
				out[k].text += " \\"
			}
			break
		}
	}
	return out
}

// jsComment turns a // comment into a # one (outside strings).
func jsComment(s string) string {
	var q byte
	for i := 0; i+1 < len(s); i++ {
		c := s[i]
		if q != 0 {
			if c == '\\' {
				i++
			} else if c == q {
				q = 0
			}
			continue
		}
		switch {
		case c == '\'' || c == '"' || c == '`':
			q = c
		case c == '/' && s[i+1] == '/':
			return s[:i] + "#" + s[i+2:]
		}
	}
	return s
}

// jsBlockComments blanks the /* ... */ comments of a line (outside strings), keeping its columns;
// open says the line starts inside one, and the result whether the next line does.
func jsBlockComments(s string, open bool) (string, bool) {
	if !open && !strings.Contains(s, "/*") {
		return s, false
	}
	b := []byte(s)
	var q byte
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case open:
			if c == '*' && i+1 < len(b) && b[i+1] == '/' {
				b[i], b[i+1] = ' ', ' '
				i++
				open = false
				continue
			}
			b[i] = ' '
		case q != 0:
			if c == '\\' {
				i++
			} else if c == q {
				q = 0
			}
		case c == '\'' || c == '"' || c == '`':
			q = c
		case c == '/' && i+1 < len(b) && b[i+1] == '/':
			return string(b), false // a // comment: the rest of the line
		case c == '/' && i+1 < len(b) && b[i+1] == '*':
			b[i], b[i+1] = ' ', ' '
			i++
			open = true
		}
	}
	return strings.TrimRight(string(b), " "), open
}

// jsStrictEquality makes JavaScript's === and !== (outside strings) Python's == and !=.
func jsStrictEquality(s string) string {
	if !strings.Contains(s, "==") {
		return s
	}
	return jsRewrite(s, "'\"`", func(b *strings.Builder, i int) int {
		if c := s[i]; (c == '=' || c == '!') && strings.HasPrefix(s[i+1:], "==") {
			b.WriteByte(c)
			b.WriteByte('=')
			return 3
		}
		return 0
	})
}

// jsRewrite copies s with its string literals (opened by a character of quotes) as they are; at
// every other byte it calls at, which writes what the text from there stands for and returns how
// many bytes that took, or 0 to have the byte copied as it is.
func jsRewrite(s, quotes string, at func(b *strings.Builder, i int) int) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		if strings.IndexByte(quotes, s[i]) >= 0 {
			j := jsStringEnd(s, i)
			b.WriteString(s[i:j])
			i = j
			continue
		}
		if n := at(&b, i); n > 0 {
			i += n
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// parseJS reads TensorFlow.js code into a program of Python statements.
func parseJS(lines []pyLine) *Program {
	prog := parsePyLines(jsBlocks(jsLines(lines)))
	jsStmts(prog.Stmts, 0)
	return prog
}

// jsStmts rewrites the calls of statements and of the blocks under them.
func jsStmts(stmts []*Stmt, depth int) {
	if depth > 64 {
		return
	}
	for _, s := range stmts {
		s.Value = jsExpr(s.Value, 0)
		for k, p := range s.Params() {
			s.Params()[k].Default = jsExpr(p.Default, 0)
		}
		for _, t := range s.Targets {
			for k := range t {
				t[k] = jsExpr(t[k], 0)
			}
		}
		for _, b := range [][]*Stmt{s.Body, s.Else, s.Handlers, s.Final} {
			jsStmts(b, depth+1)
		}
	}
}

// jsExpr rewrites the TensorFlow.js calls of an expression into their Keras forms.
func jsExpr(e *Expr, depth int) *Expr {
	if e == nil || depth > 200 {
		return e
	}
	e.X = jsExpr(e.X, depth+1)
	e.Y = jsExpr(e.Y, depth+1)
	if z := e.Z(); z != nil {
		// the else value of a conditional (cond ? a : b): its names (true, null) are rewritten
		// in place; a call there stays as written
		jsExpr(z, depth+1)
	}
	for k := range e.Items {
		e.Items[k] = jsExpr(e.Items[k], depth+1)
	}
	for k, v := range e.Values() {
		e.Values()[k] = jsExpr(v, depth+1)
	}
	for k := range e.Kwargs {
		e.Kwargs[k].Value = jsExpr(e.Kwargs[k].Value, depth+1)
	}
	switch e.Kind {
	case ExprDict:
		jsKeys(e)
		return e
	case ExprName:
		switch e.Name {
		case "true":
			e.Name = "True"
		case "false":
			e.Name = "False"
		case "null", "undefined":
			e.Name = "None"
		}
		return e
	case ExprCall:
	default:
		return e
	}
	callee := e.X.Dotted()
	keras := func(path ...string) *Expr {
		x := &Expr{Kind: ExprName, Name: "keras", Line: e.Line, Col: e.Col}
		for _, p := range path {
			x = &Expr{Kind: ExprAttr, X: x, Name: p, Line: e.Line, Col: e.Col}
		}
		return x
	}
	switch {
	case e.X.Kind == ExprAttr && e.X.Name == "apply" && len(e.Items) > 0:
		// layer.apply(x): the layer called
		return &Expr{Kind: ExprCall, Line: e.Line, Col: e.Col, X: e.X.X, Items: e.Items[:1]}
	case callee == "tf.sequential":
		e.X = keras("Sequential")
		jsOptions(e)
		for k, kw := range e.Kwargs {
			if kw.Name == "layers" {
				e.Items = []*Expr{kw.Value}
				e.Kwargs = append(e.Kwargs[:k], e.Kwargs[k+1:]...)
				break
			}
		}
	case callee == "tf.model":
		e.X = keras("Model")
		jsOptions(e)
	case callee == "tf.input":
		e.X = keras("Input")
		jsOptions(e)
	case strings.HasPrefix(callee, "tf.layers.") && strings.Count(callee, ".") == 2:
		cls := tfjsClass(callee[len("tf.layers."):])
		if cls == "" {
			return e
		}
		e.X = keras("layers", cls)
		if len(e.Items) == 1 && e.Items[0].Kind == ExprName && len(e.Kwargs) == 0 {
			// tf.layers.dense(opts), opts an object made before: its keys are the arguments
			e.Kwargs = []Kwarg{{Name: "**", Value: e.Items[0]}}
			e.Items = nil
		}
		jsOptions(e)
	}
	return e
}

// jsKeys makes the bare keys of an object literal ({units: 8}) the strings they are in
// JavaScript, with Keras's argument names; a shape's list becomes a tuple. A computed key
// ([k]: v) stays an expression.
func jsKeys(d *Expr) {
	for k, key := range d.Items {
		if key == nil || key.Kind != ExprName || k >= len(d.Values()) {
			continue
		}
		n := snakeCase(key.Name)
		d.Items[k] = &Expr{Kind: ExprString, Str: n, Line: key.Line, Col: key.Col}
		if v := d.Values()[k]; v != nil && v.Kind == ExprList && jsTupleOption(n) {
			d.Values()[k] = &Expr{Kind: ExprTuple, Line: v.Line, Col: v.Col, Items: v.Items}
		}
	}
}

// jsTupleOption reports an option whose list Keras reads as a tuple.
func jsTupleOption(n string) bool {
	return strings.HasSuffix(n, "shape") || n == "kernel_size" || n == "strides" || n == "pool_size" || n == "dilation_rate"
}

// jsOptions turns a call's one object argument ({units: 8, inputShape: [4]}) into keyword
// arguments with Keras's names; shapes become tuples.
func jsOptions(e *Expr) {
	if len(e.Items) != 1 || e.Items[0].Kind != ExprDict {
		return
	}
	d := e.Items[0]
	e.Items = nil
	for k, key := range d.Items {
		var n string
		switch key.Kind {
		case ExprName:
			n = key.Name
		case ExprString:
			n = key.Str
		default:
			continue
		}
		v := d.Values()[k]
		n = snakeCase(n)
		if v.Kind == ExprList && jsTupleOption(n) {
			v = &Expr{Kind: ExprTuple, Line: v.Line, Col: v.Col, Items: v.Items}
		}
		e.Kwargs = append(e.Kwargs, Kwarg{Name: n, Value: v})
	}
}

// jsShorthand writes out the shorthand properties of object literals: {inputs, outputs} is
// {inputs: inputs, outputs: outputs}, and {units, activation: 'relu'} is {units: units,
// activation: 'relu'}. An object is read to its closing brace on the same line, past strings and
// nested brackets; one that goes on to the next line is left as it is.
func jsShorthand(s string) string {
	if !strings.Contains(s, "{") {
		return s
	}
	return jsRewrite(s, "'\"`", func(b *strings.Builder, i int) int {
		if s[i] != '{' {
			return 0
		}
		j := jsClosing(s, i)
		if j < 0 {
			return 0
		}
		b.WriteString("{" + jsShorthandBody(s[i+1:j]) + "}")
		return j + 1 - i
	})
}

// jsShorthandBody writes out the shorthand properties of one object's body: its parts at the top
// level (split at commas outside strings and brackets) that are a bare name.
func jsShorthandBody(body string) string {
	var parts []string
	depth, start := 0, 0
	for i := 0; i < len(body); i++ {
		switch c := body[i]; c {
		case '\'', '"', '`':
			i = jsStringEnd(body, i) - 1
		case '{', '(', '[':
			depth++
		case '}', ')', ']':
			depth--
		case ',':
			if depth == 0 {
				parts = append(parts, body[start:i])
				start = i + 1
			}
		}
	}
	parts = append(parts, body[start:])
	for k, p := range parts {
		n := normalize.TrimSpace(p)
		if n != "" && !strings.Contains(n, ":") && isBareName(strings.ToLower(n)) {
			parts[k] = " " + n + ": " + n
			continue
		}
		if c := jsTopIndex(p, ':'); c > 0 {
			if v := jsTernary(p[c+1:]); v != p[c+1:] {
				parts[k] = p[:c+1] + " " + v
				p = parts[k]
			}
		}
		if strings.Contains(p, "{") {
			parts[k] = jsShorthand(p)
		}
	}
	return strings.Join(parts, ",")
}

// jsStringEnd is the index just past the string that opens at s[i] (the end of s when it is not
// closed on the line).
func jsStringEnd(s string, i int) int {
	q := s[i]
	for j := i + 1; j < len(s); j++ {
		if s[j] == '\\' {
			j++
			continue
		}
		if s[j] == q {
			return j + 1
		}
	}
	return len(s)
}

// jsClosing is the index of the brace that closes the one at s[i] on the same line, or -1.
func jsClosing(s string, i int) int {
	depth := 0
	for j := i; j < len(s); j++ {
		switch s[j] {
		case '\'', '"', '`':
			j = jsStringEnd(s, j) - 1
		case '{', '(', '[':
			depth++
		case '}', ')', ']':
			depth--
			if depth == 0 {
				if s[j] != '}' {
					return -1
				}
				return j
			}
		}
	}
	return -1
}

// jsTemplates makes the template literals of a line Python f-strings: `dense_${i}` is
// f"dense_{i}". A template that goes on to the next line, or holds both kinds of quote, is left
// as it is.
func jsTemplates(s string) string {
	if !strings.Contains(s, "`") {
		return s
	}
	return jsRewrite(s, "'\"", func(b *strings.Builder, i int) int {
		if s[i] != '`' {
			return 0
		}
		j := jsStringEnd(s, i)
		body := ""
		if j-1 > i && s[j-1] == '`' {
			body = s[i+1 : j-1]
		}
		if j-1 <= i || s[j-1] != '`' || strings.Contains(body, `"`) && strings.Contains(body, "'") {
			b.WriteString(s[i:]) // not closed on this line, or no quote left to write it in
			return len(s) - i
		}
		q := `"`
		if strings.Contains(body, q) {
			q = "'"
		}
		b.WriteString("f" + q)
		jsTemplateBody(b, body)
		b.WriteString(q)
		return j - i
	})
}

// jsTemplateBody writes a template's text as an f-string's: ${x} is {x}, and a brace of the text
// is doubled.
func jsTemplateBody(b *strings.Builder, body string) {
	for k := 0; k < len(body); k++ {
		switch {
		case body[k] == '$' && k+1 < len(body) && body[k+1] == '{':
			e := strings.IndexByte(body[k:], '}')
			if e < 0 {
				b.WriteString(body[k:])
				return
			}
			b.WriteString("{" + body[k+2:k+e] + "}")
			k += e
		case body[k] == '{' || body[k] == '}':
			b.WriteString(body[k : k+1])
			b.WriteByte(body[k])
		default:
			b.WriteByte(body[k])
		}
	}
}

// jsTopIndex is the index of the first c in s outside strings and brackets, or -1.
func jsTopIndex(s string, c byte) int {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\'', '"', '`':
			i = jsStringEnd(s, i) - 1
		case '{', '(', '[':
			depth++
		case '}', ')', ']':
			depth--
		default:
			if s[i] == c && depth == 0 {
				return i
			}
		}
	}
	return -1
}

// jsTernary makes a conditional expression Python: i === 0 ? [10] : undefined is
// ([10] if i == 0 else None). s is returned as it is when it holds no conditional at its top
// level (outside strings and brackets), or one kexplain does not split with certainty (?. and ??).
func jsTernary(s string) string {
	q := jsTopIndex(s, '?')
	if q < 0 || q+1 < len(s) && (s[q+1] == '.' || s[q+1] == '?') {
		return s
	}
	rest := s[q+1:]
	c := jsTopIndex(rest, ':')
	if c < 0 || strings.Contains(rest[:c], "?") {
		return s
	}
	cond, yes, no := normalize.TrimSpace(s[:q]), normalize.TrimSpace(rest[:c]), normalize.TrimSpace(jsTernary(rest[c+1:]))
	if cond == "" || yes == "" || no == "" {
		return s
	}
	if no == "undefined" {
		no = "None"
	}
	if yes == "undefined" {
		yes = "None"
	}
	return "(" + yes + " if " + jsCond(cond) + " else " + no + ")"
}

// jsPropertyLine makes Python the conditional value of a line that is one property of an object
// literal written over several lines ("  inputShape: i === 0 ? [10] : undefined,").
func jsPropertyLine(t string) string {
	trim := normalize.TrimSpace(t)
	c := jsTopIndex(trim, ':')
	if c <= 0 || !isBareName(strings.ToLower(normalize.TrimSpace(trim[:c]))) || strings.HasPrefix(trim, "case ") {
		return t
	}
	v := strings.TrimSuffix(normalize.TrimSpace(trim[c+1:]), ",")
	py := jsTernary(v)
	if py == v {
		return t
	}
	i := strings.Index(t, trim)
	return t[:i] + trim[:c+1] + " " + py + strings.TrimPrefix(trim[c+1:], strings.TrimRight(trim[c+1:], ","))
}
