package grammar

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/kexplain/kexplain/normalize"
)

// The snippet finder: which lines of a paste are Keras code, in which language, and the one
// program they make. Console prompts of code (doctest ">>> " / "... ", IPython "In [3]: " /
// "   ...: ", "Out[3]:") are handled here and nowhere else (codePrompt); the line normalisation of
// tables does not touch them.

// Snippet is the Keras code of a paste, read as one program: every region of code in the input
// of one language, in input order, the way a notebook runs its cells. Code split by prose is one
// program, and what its first part defines is known in the next. Python, R keras and
// TensorFlow.js code each make a program of their own; PyTorch and other JavaScript are not
// Keras and make none (they are listed as Foreign).
type Snippet struct {
	StartLine, EndLine int
	Lang               string   // "python", "r" (R keras), "tfjs" (TensorFlow.js layers API)
	Parts              []Part   // the regions the program is read from, in input order
	Lines              []string // the code lines of every part, quote markers and prompts removed
	Prefix             []int    // for each line, how many columns of quote marker, prompt or indentation were removed
	Program            *Program // the parsed code: the statements of every part, in order
}

// Part is one region of code in the input.
type Part struct {
	StartLine, EndLine int
	// Cut: the region ends inside a bracket or a string, so the code goes on beyond the paste.
	Cut bool
	// Elided: the poster left code out inside the region ("...", ". . .", "# ...").
	Elided bool
	// ElidedAt: the lines that say so, which are read as blank
	ElidedAt []int
	// Shapes: the shapes of arrays the region shows printed (printed_shapes.go)
	Shapes []PrintedShape
}

// Partial reports whether the code is known to be incomplete: a part is cut or elided.
func (s *Snippet) Partial() bool {
	for _, p := range s.Parts {
		if p.Cut || p.Elided {
			return true
		}
	}
	return false
}

// Code languages.
const (
	LangPython = "python"
	LangR      = "r"
	LangTFJS   = "tfjs"
)

// codeCalls are the calls that tell Keras model-building code from other text.
var codeCalls = map[string]bool{"Sequential": true, "add": true, "Model": true, "Input": true, "Dense": true,
	"Conv1D": true, "Conv2D": true, "Conv3D": true, "LSTM": true, "GRU": true, "Convolution1D": true,
	"Convolution2D": true, "Embedding": true, "MaxPooling2D": true, "MaxPooling1D": true, "Flatten": true,
	"keras_model_sequential": true, "keras_model": true}

// isCodeLine reports whether a line looks like Keras code: it names keras ("keras.", "import
// keras"), a layers module ("layers.", TensorFlow.js "tf.layers."), an R keras layer function
// ("layer_dense(") or calls a model-building function. One scan rejects most prose.
func isCodeLine(t string) bool {
	// the marks of code first: a summary's row has none, and reading a line as prose costs more
	return codeMarks(t) && !isProse(t)
}

// codeMarks reports whether t holds what isCodeLine looks for, prose or not.
func codeMarks(t string) bool {
	if k := strings.Index(t, "keras"); k >= 0 {
		if k+5 < len(t) && t[k+5] == '.' || strings.Contains(t, "import") {
			return true
		}
	}
	if strings.Contains(t, "layers.") || strings.Contains(t, "tf.sequential(") || strings.Contains(t, "tf.model(") {
		return true
	}
	for i := strings.IndexByte(t, '('); i >= 0; {
		j := i
		for j > 0 && (isAlnum(t[j-1]) || t[j-1] == '_') {
			j--
		}
		if name := t[j:i]; codeCalls[name] || strings.HasPrefix(name, "layer_") && len(name) > 6 && rLine(t) {
			return true
		}
		k := strings.IndexByte(t[i+1:], '(')
		if k < 0 {
			break
		}
		i += 1 + k
	}
	return false
}

// rLine reports a line that reads as R rather than prose mentioning a function: it pipes, assigns
// with <-, or starts with the call.
func rLine(t string) bool {
	return strings.Contains(t, "%>%") || strings.Contains(t, "|>") || strings.Contains(t, "<-") ||
		strings.HasPrefix(normalize.TrimSpace(t), "layer_")
}

// pyKeywords start lines of Python that kexplain skips but that belong to the code around them.
var pyKeywords = []string{"import ", "from ", "def ", "class ", "for ", "if ", "elif ", "else:", "while ", "with ",
	"try:", "except", "finally:", "return", "print(", "print ", "@", "#", "pass", "assert ", "raise ", "del ",
	"global ", "lambda", "yield", "break", "continue"}

// isPythonish reports whether a (stripped) line reads as Python rather than prose: a keyword
// start, an assignment, a call statement, or a line that continues brackets.
func isPythonish(t string) bool {
	if t == "" || isProse(t) {
		return false
	}
	for _, k := range pyKeywords {
		if strings.HasPrefix(t, k) {
			return true
		}
	}
	switch t[0] {
	case ')', ']', '}', '"', '\'':
		return true
	}
	last := t[len(t)-1]
	if last == ',' || last == '(' || last == '[' || last == '{' || last == '\\' {
		return true
	}
	// name = ..., name.attr = ..., a, b = ..., x[0] = ...
	j := 0
	for j < len(t) && (isAlnum(t[j]) || t[j] == '_' || t[j] == '.' || t[j] == ',' || t[j] == ' ' || t[j] == '[' || t[j] == ']') {
		j++
	}
	if j > 0 && j < len(t) && (t[j] == '=' && (j+1 >= len(t) || t[j+1] != '=') ||
		j+1 < len(t) && strings.IndexByte("+-*/", t[j]) >= 0 && t[j+1] == '=') {
		return true
	}
	// an assignment to an attribute or item of a call: model.get_layer("x").trainable = False
	if assignsAfterCall(t) {
		return true
	}
	// an annotated assignment: name: type = value
	if j > 0 && j+1 < len(t) && t[j] == ':' && t[j+1] == ' ' && !strings.Contains(t[:j], " ") && strings.Contains(t[j:], " = ") {
		return true
	}
	// a call statement: name(...) or a.b.c(...) ending in ")"
	if j > 0 && j < len(t) && t[j] == '(' && !strings.Contains(t[:j], " ") && last == ')' {
		return true
	}
	return false
}

// assignsAfterCall reports an assignment statement whose target holds brackets: a.b(c).d = v,
// x[f(1)] = v, m.layers[0].trainable = False (augmented ones too), (x_train, y_train), (x_test,
// y_test) = ... The targets are chains of names, dots and bracketed parts, separated by commas,
// with no other space outside their brackets.
func assignsAfterCall(t string) bool {
	depth := 0
	var q byte
	for i := 0; i < len(t); i++ {
		c := t[i]
		if q != 0 {
			if c == '\\' {
				i++
			} else if c == q {
				q = 0
			}
			continue
		}
		switch {
		case c == '\'' || c == '"':
			if depth == 0 {
				return false // a string in the target: no assignment
			}
			q = c
		case c == '(' || c == '[' || c == '{':
			depth++
		case c == ')' || c == ']' || c == '}':
			depth--
			if depth < 0 {
				return false
			}
		case depth > 0:
		case c == '=':
			if i+1 < len(t) && t[i+1] == '=' || i == 0 {
				return false
			}
			lhs := strings.TrimRight(t[:i], " ")
			lhs = strings.TrimRight(strings.TrimRight(lhs, "+-*/%&|^@<>"), " ") // an augmented assignment's operator
			if lhs == "" {
				return false // "%= 0": an operator with no target
			}
			last := lhs[len(lhs)-1]
			return strings.ContainsAny(lhs, "([") && (isAlnum(last) || last == '_' || last == ']' ||
				last == ')' && lhs[0] == '(' || last == ',')
		case c == ' ' && i > 0 && t[i-1] == ',':
			// a, b = ...: targets separated by commas
		case c == ',':
		case c == ' ':
			// only the spaces before the "=" may stand outside brackets
			rest := strings.TrimLeft(t[i:], " ")
			if rest == "" || !strings.HasPrefix(rest, "=") && !(len(rest) > 1 && strings.ContainsRune("+-*/%&|^@<>", rune(rest[0])) && strings.Contains(rest[:min(len(rest), 4)], "=")) {
				return false
			}
		case !(isAlnum(c) || c == '_' || c == '.' || strings.ContainsRune("+-*/%&|^@<>", rune(c))):
			return false
		}
	}
	return false
}

// isOtherCode reports lines of the other languages the finder reads or recognises: JavaScript
// (declarations, statements ending in ";", arrows, // comments) and R (assignments with <-,
// pipes, library()).
func isOtherCode(t string) bool {
	if t == "" {
		return false
	}
	for _, k := range []string{"const ", "let ", "var ", "function ", "async ", "await ", "export ", "//", "library(", "require("} {
		if strings.HasPrefix(t, k) {
			return true
		}
	}
	last := t[len(t)-1]
	return last == ';' || last == '{' || strings.Contains(t, "=>") || strings.Contains(t, " <- ") ||
		strings.HasSuffix(t, "%>%") || strings.HasPrefix(t, "%>%") || strings.HasSuffix(t, "|>")
}

// isElision reports a line that stands for code the poster left out: dots alone (".", "...",
// ". . .", "…"), or a comment of dots or opening with them ("# ...", "# ... more layers ...").
func isElision(t string) bool {
	t = normalize.TrimSpace(t)
	comment := strings.HasPrefix(t, "#")
	t = normalize.TrimSpace(strings.TrimPrefix(t, "#"))
	if t == "" {
		return false
	}
	if comment && (strings.HasPrefix(t, "...") || strings.HasPrefix(t, "…")) {
		return true // "# ... more layers ...": a comment that opens with dots
	}
	for _, r := range t {
		if r != '.' && r != ' ' && r != '…' {
			return false
		}
	}
	return true
}

// promptKind is what a console prompt in front of a line of code says.
type promptKind int

const (
	promptNone promptKind = iota
	promptIn              // ">>> ", "In [3]: ": a statement starts
	promptMore            // "   ...: ": the statement goes on (IPython)
	promptDots            // "... ": the statement goes on (doctest), or dots that elide code
	promptCell            // "In [3]:" alone: a notebook cell starts on the next line
	promptOut             // "Out[3]:": what the statement printed
)

// codePrompt finds the console prompt a line of code starts with, after its indentation:
// doctest ">>> " and "... ", IPython "In [3]: " and "   ...: " (also with the brackets
// escaped by Markdown, "In \[3\]:"), and output prompts "Out[3]:". It returns the prompt's kind
// and the byte offset where the code after it begins.
func codePrompt(s string) (promptKind, int) {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	rest := s[i:]
	switch {
	case strings.HasPrefix(rest, ">>> ") || rest == ">>>":
		return promptIn, min(len(s), i+4)
	case strings.HasPrefix(rest, "...:"):
		j := i + 4
		if j < len(s) && s[j] == ' ' {
			j++
		}
		return promptMore, j
	case strings.HasPrefix(rest, "... ") || rest == "...":
		return promptDots, min(len(s), i+4)
	}
	for _, p := range []struct {
		word string
		kind promptKind
	}{{"In", promptIn}, {"Out", promptOut}} {
		if !strings.HasPrefix(rest, p.word) {
			continue
		}
		j := i + len(p.word)
		for j < len(s) && s[j] == ' ' {
			j++
		}
		if j < len(s) && s[j] == '\\' {
			j++
		}
		if j >= len(s) || s[j] != '[' {
			continue
		}
		j++
		for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ' ' || s[j] == '*') {
			j++
		}
		if j < len(s) && s[j] == '\\' {
			j++
		}
		if j+1 >= len(s) || s[j] != ']' || s[j+1] != ':' {
			continue
		}
		j += 2
		if normalize.TrimSpace(s[j:]) == "" {
			if p.kind == promptIn {
				return promptCell, len(s)
			}
			return promptOut, len(s)
		}
		if j < len(s) && s[j] == ' ' {
			j++
		}
		return p.kind, j
	}
	return promptNone, 0
}

// quoteMarker is the e-mail or forum quote marker a line starts with ("> ", "> > "), or "".
// A doctest prompt is no quote marker.
func quoteMarker(s string) string {
	if strings.HasPrefix(s, ">>>") {
		return ""
	}
	i := 0
	for i < len(s) && (s[i] == '>' || s[i] == ' ' && i > 0 && s[i-1] == '>') {
		i++
	}
	return s[:i]
}

// codeText is a line as the finder reads it: without its quote marker, prompt or an editor's
// line number, trimmed.
func codeText(s string) (string, promptKind) {
	s = s[len(quoteMarker(s)):]
	k, at := codePrompt(s)
	return normalize.TrimSpace(lineNumber(s[at:])), k
}

// lineNumber removes a line number in front of code ("12 model.add(", "12: x = 1"); a line that
// is only a number is a numbered blank line.
func lineNumber(t string) string {
	u := strings.TrimLeft(t, " ")
	j := 0
	for j < len(u) && u[j] >= '0' && u[j] <= '9' && j < 5 {
		j++
	}
	if j == 0 {
		return t
	}
	if j == len(u) {
		return ""
	}
	e := j
	if u[e] == ':' || u[e] == '|' {
		e++
	}
	if e < len(u) && u[e] == ' ' {
		if rest := normalize.TrimSpace(u[e:]); rest == "" || isPythonish(rest) || isCodeLine(rest) {
			return rest
		}
	}
	return t
}

// codeish reports a line that may belong to a region of code (any language the finder knows).
func codeish(t string, k promptKind) bool {
	switch k {
	case promptIn, promptMore, promptDots, promptCell:
		return true
	case promptOut:
		return false
	}
	if isProse(t) {
		return false
	}
	return isPythonish(t) || isCodeLine(t) || isOtherCode(t) || isElision(t) && !strings.HasPrefix(t, "#") || isBareName(t)
}

// isBareName reports a line that is one identifier: a statement that prints a value (an R model
// printed by its name, a notebook cell's last expression).
func isBareName(t string) bool {
	if t == "" || t[0] >= '0' && t[0] <= '9' || !strings.ContainsFunc(t, func(r rune) bool { return r < 128 && isAlpha(byte(r)) }) {
		return false
	}
	for i := 0; i < len(t); i++ {
		if !isAlnum(t[i]) && t[i] != '_' && t[i] != '.' {
			return false
		}
	}
	return strings.ContainsAny(t, "_.") || strings.ToLower(t) == t
}

// triples knows, for every line, where the next and the previous line holding a triple quote
// are, so that a docstring is spanned in constant time.
type triples struct {
	lines      []line
	next, prev []int // index of the nearest line at or after (before) i with an odd count of """ or '''; -1 none
}

func newTriples(lines []line) *triples {
	tr := &triples{lines: lines, next: make([]int, len(lines)+1), prev: make([]int, len(lines))}
	tr.next[len(lines)] = -1
	for i := len(lines) - 1; i >= 0; i-- {
		tr.next[i] = tr.next[i+1]
		if tripleToggles(lines[i].text) != "" {
			tr.next[i] = i
		}
	}
	p := -1
	for i := range lines {
		tr.prev[i] = p
		if tripleToggles(lines[i].text) != "" {
			p = i
		}
	}
	return tr
}

// tripleToggles reports the triple quote that a line leaves open or closes: the line holds an odd
// number of them (outside comments and one-line strings), as a docstring's first or last line
// does. It returns the quote (three double or three single quotes), or "" when the line opens and
// closes its own.
func tripleToggles(s string) string {
	if !strings.Contains(s, `"""`) && !strings.Contains(s, `'''`) {
		return ""
	}
	open := ""
	for i := 0; i < len(s); {
		if open != "" {
			k := strings.Index(s[i:], open)
			if k < 0 {
				return open
			}
			i += k + 3
			open = ""
			continue
		}
		c := s[i]
		switch {
		case c == '#':
			return ""
		case strings.HasPrefix(s[i:], `"""`) || strings.HasPrefix(s[i:], `'''`):
			open = s[i : i+3]
			i += 3
		case c == '"' || c == '\'':
			k := i + 1
			for k < len(s) && s[k] != c {
				if s[k] == '\\' {
					k++
				}
				k++
			}
			i = k + 1
		default:
			i++
		}
	}
	return open
}

// foundCode is the code in the input, found and sorted into its languages but not parsed yet:
// codeParts finds it, and parse makes the programs (one per language). Finding comes first so
// that the Python grammar can be built while the tables are read.
type foundCode struct {
	order   []string // the languages in the order they first appear
	parts   map[string][]*partCode
	foreign []*Foreign
}

// parseAside parses the code on a goroutine of its own, when there is code and more than one
// core, so that parsing overlaps reading the tables; the function returned waits for the result.
// The parts are parsed one by one, each on its own (parsePart), by whichever goroutine takes it
// first: the function returned parses the parts the goroutine has not taken yet, so that a caller
// that is done with the tables while the code is still being read (or the grammar built) shares
// the work instead of waiting; the programs are put together in the parts' order either way. A
// panic on the goroutine is raised again by that function, with the stack where it happened, so
// that the front ends report it as before (an internal error).
func (fc *foundCode) parseAside() func() ([]*Snippet, []*Foreign, []*Error) {
	if len(fc.order) == 0 || runtime.GOMAXPROCS(0) < 2 {
		return fc.parse
	}
	type unit struct {
		lang string
		pc   *partCode
	}
	var units []unit
	for _, lang := range fc.order {
		for _, pc := range fc.parts[lang] {
			units = append(units, unit{lang, pc})
		}
	}
	var (
		progs  = make([][]*Program, len(units))
		next   atomic.Int32 // the next unit to take
		wg     sync.WaitGroup
		failed *asidePanic
	)
	wg.Add(len(units))
	take := func() (int, bool) {
		k := int(next.Add(1)) - 1
		return k, k < len(units)
	}
	go func() {
		growStack()
		for k, ok := take(); ok; k, ok = take() {
			if !func() bool {
				defer wg.Done()
				defer func() {
					if r := recover(); r != nil {
						failed = &asidePanic{value: r, stack: debug.Stack()}
					}
				}()
				progs[k] = parsePart(units[k].lang, units[k].pc)
				return true
			}() {
				return
			}
		}
	}()
	return func() ([]*Snippet, []*Foreign, []*Error) {
		for asideCallerHelps {
			k, ok := take()
			if !ok {
				break
			}
			progs[k] = parsePart(units[k].lang, units[k].pc)
			wg.Done()
		}
		wg.Wait() // the parts the goroutine took
		if failed != nil {
			panic(failed)
		}
		var out []*Snippet
		var errs []*Error
		k := 0
		for _, lang := range fc.order {
			parts := fc.parts[lang]
			sn, e := assembleSnippet(lang, parts, progs[k:k+len(parts)])
			k += len(parts)
			out = append(out, sn)
			errs = append(errs, e...)
		}
		return out, fc.foreign, errs
	}
}

// asideCallerHelps lets the caller of parseAside's function parse the parts the goroutine has not
// taken; a test turns it off to see the goroutine's own behaviour.
var asideCallerHelps = true

// asidePanic is a panic of the goroutine that parsed the code, raised again in its caller's.
type asidePanic struct {
	value any
	stack []byte
}

func (p *asidePanic) Error() string {
	return fmt.Sprintf("%v (parsing the code, at:)\n%s", p.value, p.stack)
}

// needsPython reports whether parsing the code will read Python with the participle grammar.
func (fc *foundCode) needsPython() bool {
	return slices.ContainsFunc(fc.order, isPython)
}

// isPython reports whether a part's language is read with the Python grammar.
func isPython(lang string) bool {
	switch lang {
	case LangR, LangTFJS, "pytorch", "javascript":
		return false
	}
	return true
}

// showsPython is a quicker look for Python than codeParts: whether a region the finder starts
// from (a code line and the code around it) reads as Python. Parse takes it at the raw text.
func showsPython(lines []line) bool {
	found := false
	seedRegions(lines, newTriples(lines), func(first, last int) bool {
		found = isPython(readPart(lines[first : last+1]).lang)
		return !found
	})
	return found
}

// seedRegions calls yield with the region around each line that reads as code, in order, until
// yield returns false.
func seedRegions(lines []line, tr *triples, yield func(first, last int) bool) {
	for i := 0; i < len(lines); i++ {
		if lines[i].mask&(cParen|cDot) == 0 {
			continue
		}
		// both tests are pure: the one that most lines of a table fail quickly goes first
		if t, _ := codeText(lines[i].text); !isCodeLine(t) || isHeaderText(lines[i].text) {
			continue
		}
		first, last := codeRegion(lines, tr, i)
		if !yield(first, last) {
			return
		}
		i = max(i, last) // a region cut above the line (a string that never closes) moves on all the same
	}
}

// parse parses each language's parts into one snippet. PyTorch and non-Keras JavaScript regions
// are returned as foreign code; the errors are those of reading the code (an unclosed bracket at
// its position).
func (fc *foundCode) parse() ([]*Snippet, []*Foreign, []*Error) {
	var out []*Snippet
	var errs []*Error
	for _, lang := range fc.order {
		sn, e := program(lang, fc.parts[lang])
		out = append(out, sn)
		errs = append(errs, e...)
	}
	return out, fc.foreign, errs
}

// codeParts finds the code regions of the lines and reads each as a part of its language.
func codeParts(lines []line) *foundCode {
	tr := newTriples(lines)
	var regions [][2]int
	seedRegions(lines, tr, func(first, last int) bool {
		regions = append(regions, [2]int{first, last})
		return true
	})
	regions = mergeRegions(definitions(lines, tr, mergeRegions(regions)))
	regions = mergeRegions(users(lines, tr, regions))
	var parts = map[string][]*partCode{}
	var order []string
	var foreign []*Foreign
	var shapes []PrintedShape // read from the whole text: a console's output may end a region
	if len(regions) > 0 {
		texts, nos := make([]string, len(lines)), make([]int, len(lines))
		for k, l := range lines {
			texts[k], nos[k] = l.text, l.no
		}
		shapes = printedShapes(texts, nos)
	}
	for _, r := range regions {
		pc := readPart(lines[r[0] : r[1]+1])
		pc.part.Shapes = shapes
		switch pc.lang {
		case "pytorch", "javascript":
			foreign = append(foreign, &Foreign{Kind: pc.lang + " code", StartLine: lines[r[0]].no, EndLine: lines[r[1]].no})
			continue
		}
		if _, ok := parts[pc.lang]; !ok {
			order = append(order, pc.lang)
		}
		parts[pc.lang] = append(parts[pc.lang], pc)
	}
	return &foundCode{order: order, parts: parts, foreign: foreign}
}

// mergeRegions sorts regions and joins those that overlap (a region found from a line inside
// another's docstring is part of it).
func mergeRegions(rs [][2]int) [][2]int {
	for i := 1; i < len(rs); i++ {
		for j := i; j > 0 && rs[j][0] < rs[j-1][0]; j-- {
			rs[j], rs[j-1] = rs[j-1], rs[j]
		}
	}
	var out [][2]int
	for _, r := range rs {
		if n := len(out); n > 0 && r[0] <= out[n-1][1] {
			out[n-1][1] = max(out[n-1][1], r[1])
			continue
		}
		out = append(out, r)
	}
	return out
}

// codeRegion extends the code line at i to the code around it: back over imports and other code
// lines (and over a docstring that belongs to the code above it), forward while lines read as
// code, continue open brackets or a triple-quoted string, or are indented under a block; up to two
// blank lines are allowed between parts. A triple-quoted string that never closes ends the region
// before it (it is prose in quotes, or a cut paste), and a closing quote whose opening lies in
// prose starts the region after it.
func codeRegion(lines []line, tr *triples, i int) (int, int) {
	first := i
	for k := i - 1; k >= 0 && i-k < 200; k-- {
		if isFence(lines[k]) {
			break // a Markdown code block starts below its fence
		}
		t, pk := codeText(lines[k].text)
		if t == "" && pk == promptNone {
			continue
		}
		if q := tripleToggles(lines[k].text); q != "" {
			// the closing quote of a string above: take the whole string when it opens in code
			o := tr.prev[k]
			if o < 0 || tripleToggles(lines[o].text) != q || !opensInCode(lines, o) {
				break
			}
			first, k = o, o
			continue
		}
		if isHeaderText(lines[k].text) || isTableLine(t) || !codeish(t, pk) {
			break
		}
		first = k
	}
	last := i
	var run bracketRun
	block := false // the last code line opened a block ("for ...:")
	gap := 0
	for k := first; k < len(lines); k++ {
		raw := lines[k].text[len(quoteMarker(lines[k].text)):]
		t, pk := codeText(lines[k].text)
		run.recover(raw)
		depth := run.depth
		if k > i {
			switch {
			case depth == 0 && isFence(lines[k]):
				return first, last // a Markdown code block ends at its fence
			case t == "" && pk == promptNone:
				gap++
				if gap > 2 && depth == 0 {
					return first, last
				}
				continue
			case depth == 0 && (isHeaderText(lines[k].text) || isTableLine(t)):
				return first, last
			case depth > 0 || run.joined || codeish(t, pk) || block && len(raw) > len(strings.TrimLeft(raw, " ")):
			default:
				return first, last
			}
		}
		gap = 0
		if q := tripleToggles(lines[k].text); q != "" {
			// a string that runs over lines: the region spans it, or ends before it when it never closes
			c := -1
			if k+1 < len(lines) {
				c = tr.next[k+1]
			}
			if c < 0 || tripleToggles(lines[c].text) != q {
				switch {
				case k == first:
					return first, first
				case k >= i:
					return first, k // the line itself opens it: the reader says that it never closes
				}
				return first, last
			}
			if k >= i {
				last = c
			}
			k = c
			continue
		}
		if t != "" {
			last = k
		}
		run.add(raw, t)
		block = strings.HasSuffix(t, ":") || block && len(raw) > len(strings.TrimLeft(raw, " "))
	}
	return first, last
}

// isFence reports a Markdown code fence line ("```python"), which normalize keeps as an empty line.
func isFence(l line) bool {
	return l.src != nil && l.src.Fence
}

// opensInCode reports whether the triple-quoted string opening on line o belongs to code: code
// stands before the quote on its line (x = """), or the nearest line above it reads as code (a
// def or class whose docstring it is), or nothing stands above it (a module docstring).
func opensInCode(lines []line, o int) bool {
	t, _ := codeText(lines[o].text)
	if k := strings.Index(t, `"""`); k > 0 {
		return isPythonish(normalize.TrimSpace(t[:k]) + `""`)
	}
	if k := strings.Index(t, `'''`); k > 0 {
		return isPythonish(normalize.TrimSpace(t[:k]) + `''`)
	}
	for k := o - 1; k >= 0; k-- {
		u, pk := codeText(lines[k].text)
		if u == "" && pk == promptNone {
			continue
		}
		return codeish(u, pk) && !isHeaderText(lines[k].text)
	}
	return true
}

// isTableLine reports the rules and box lines of a printed summary.
func isTableLine(t string) bool {
	if strings.HasPrefix(t, "___") || strings.HasPrefix(t, "===") || strings.HasPrefix(t, "Total params") ||
		strings.HasPrefix(t, "Trainable params") || strings.HasPrefix(t, "Non-trainable") || strings.HasPrefix(t, "Model:") {
		return true
	}
	r := []rune(t)
	if len(r) == 0 {
		return false
	}
	switch r[0] {
	case '┏', '┃', '┡', '│', '├', '└', '━', '─':
		return true
	}
	return false
}

// bracketRun follows the brackets left open over the lines of code, as the Python reader does: a
// line that starts a statement of its own after a complete expression, at the indentation of the
// statement still open or less, ends that statement (its ")" was forgotten).
type bracketRun struct {
	depth  int  // brackets open
	indent int  // indentation of the line the open statement starts on
	ends   bool // the last line ends with a complete expression
	joined bool // the last line ends with a backslash: the next one continues it
}

// recover closes the open brackets when raw (a line with its indentation) starts a statement of
// its own after them.
func (b *bracketRun) recover(raw string) {
	ind := indent0(raw)
	if b.depth > 0 && b.ends && spacesWidth(raw[:ind]) <= b.indent && startsStatement(raw[ind:]) {
		b.depth = 0
	}
}

// add counts the brackets of a line (raw with its indentation, t its code).
func (b *bracketRun) add(raw, t string) {
	if t == "" {
		return
	}
	b.joined = strings.HasSuffix(t, "\\")
	if b.depth == 0 {
		b.indent = spacesWidth(raw[:indent0(raw)])
	}
	b.depth += bracketDelta(t)
	if b.depth < 0 {
		b.depth = 0
	}
	b.ends = endsExprText(t)
}

// spacesWidth is the width of an indentation (tabs to the next multiple of 8, as the lexer counts).
func spacesWidth(s string) int {
	n := 0
	for _, c := range []byte(s) {
		if c == '\t' {
			n = n/8*8 + 8
		} else {
			n++
		}
	}
	return n
}

// endsExprText reports a line of code whose last token (before a comment) can end an expression:
// a name, a number, a string or a closing bracket.
func endsExprText(t string) bool {
	if k := strings.IndexByte(t, '#'); k >= 0 && !strings.ContainsAny(t[:k], "'\"") {
		t = t[:k]
	}
	t = strings.TrimRight(t, " \t\r\f")
	if t == "" {
		return false
	}
	c := t[len(t)-1]
	if c == ')' || c == ']' || c == '}' || c == '\'' || c == '"' || isAlnum(c) || c == '_' {
		j := len(t)
		for j > 0 && (isAlnum(t[j-1]) || t[j-1] == '_') {
			j--
		}
		return j == len(t) || !isPyKeyword(t[j:]) // "... and", "lambda" continue
	}
	return c >= 0x80 // a name in another script
}

// bracketDelta counts opened minus closed brackets on a line, outside strings and comments.
func bracketDelta(s string) int {
	n := 0
	var q byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if q != 0 {
			if c == '\\' {
				i++
			} else if c == q {
				q = 0
			}
			continue
		}
		switch c {
		case '#':
			return n
		case '\'', '"':
			q = c
		case '(', '[', '{':
			n++
		case ')', ']', '}':
			n--
		}
	}
	return n
}

// partCode is one region of code, read: its language and its code lines (prompts, quote markers
// and indentation removed, output lines blanked), and the doctest examples in its docstrings.
type partCode struct {
	part    Part
	lang    string // "python", "r", "tfjs", or "pytorch" / "javascript" (foreign)
	lines   []pyLine
	doctest []pyLine // the examples of the docstrings, run after the part (as doctest runs them)
}

// readPart strips a region's quote markers (when every line has them), prompts and common
// indentation, blanks what a console printed, and decides the language.
func readPart(ls []line) *partCode {
	pc := &partCode{part: Part{StartLine: ls[0].no, EndLine: ls[len(ls)-1].no}}
	texts := make([]string, len(ls))
	cut := make([]int, len(ls))
	for k, l := range ls {
		texts[k] = l.text
	}
	// "> " quoting and "# " commenting-out count only when every non-blank line has them
	for _, mark := range []string{">", "#"} {
		all, any := true, false
		for _, t := range texts {
			if normalize.TrimSpace(t) == "" {
				continue
			}
			any = true
			if !strings.HasPrefix(strings.TrimLeft(t, " "), mark) || strings.HasPrefix(strings.TrimLeft(t, " "), ">>>") {
				all = false
				break
			}
		}
		if !all || !any {
			continue
		}
		for k, t := range texts {
			if normalize.TrimSpace(t) == "" {
				continue
			}
			n := len(t) - len(strings.TrimLeft(t, " "))
			for n < len(t) && t[n] == mark[0] {
				n++
				if n < len(t) && t[n] == ' ' && mark == "#" {
					n++
					break
				}
				for n < len(t) && t[n] == ' ' && mark == ">" && n+1 < len(t) && t[n+1] == '>' {
					n++
				}
			}
			if mark == ">" && n < len(t) && t[n] == ' ' {
				n++
			}
			texts[k], cut[k] = t[n:], cut[k]+runeCol(t, n)
		}
	}
	stripLineNumbers(texts, cut)
	for k, t := range texts {
		if strings.ContainsRune(t, '‘') && strings.ContainsRune(t, '’') {
			// quotes a word processor or a blog made typographic: ‘relu’
			texts[k] = strings.NewReplacer("‘", "'", "’", "'").Replace(t)
		}
	}
	// prompts, outside strings: a region that has input prompts is a console session, whose
	// lines without a prompt are what the statements printed; "..." in other code elides code
	prompted := false
	inStr := make([]bool, len(texts))
	open := ""
	for k, t := range texts {
		inStr[k] = open != ""
		if !inStr[k] {
			if pk, _ := codePrompt(t); pk == promptIn {
				prompted = true
			}
		}
		if q := tripleToggles(t); q != "" {
			if open == "" {
				open = q
			} else if open == q {
				open = ""
			}
		}
	}
	promptedLine := make([]bool, len(texts))
	example := false // inside a doctest example of a docstring
	for k, t := range texts {
		pk, at := codePrompt(t)
		if inStr[k] {
			// a docstring line: its doctest examples run after the part, as doctest runs them
			example = pk == promptIn || example && (pk == promptDots || pk == promptMore)
			if example {
				pc.doctest = append(pc.doctest, pyLine{no: ls[k].no, col: cut[k] + runeCol(t, at), text: t[at:]})
			}
			continue
		}
		if pk == promptDots && !prompted {
			pk = promptNone // dots in plain code: an elision, or Python's Ellipsis
		}
		switch {
		case pk == promptIn || pk == promptMore || pk == promptDots:
			texts[k], cut[k] = t[at:], cut[k]+runeCol(t, at)
			promptedLine[k] = true
		case pk == promptCell || pk == promptOut || prompted && normalize.TrimSpace(t) != "":
			texts[k], cut[k] = "", cut[k]+len(t)
		}
		if isElision(texts[k]) {
			pc.part.Elided = true
			pc.part.ElidedAt = append(pc.part.ElidedAt, ls[k].no)
			texts[k] = ""
		}
	}
	// common indentation of the lines without a prompt
	ind := -1
	for k, t := range texts {
		if normalize.TrimSpace(t) == "" || inStr[k] || promptedLine[k] {
			continue
		}
		n := len(t) - len(strings.TrimLeft(t, " "))
		if ind < 0 || n < ind {
			ind = n
		}
	}
	for k, t := range texts {
		if ind > 0 && !promptedLine[k] {
			if len(t) >= ind && normalize.TrimSpace(t[:ind]) == "" {
				texts[k], cut[k] = t[ind:], cut[k]+ind
			} else if normalize.TrimSpace(t) == "" || !inStr[k] {
				texts[k], cut[k] = strings.TrimLeft(t, " "), cut[k]+len(t)-len(strings.TrimLeft(t, " "))
			}
		}
		pc.lines = append(pc.lines, pyLine{no: ls[k].no, col: cut[k], text: texts[k]})
	}
	pc.lang = codeLanguage(pc.lines, inStr)
	var run bracketRun
	for k, l := range pc.lines {
		if !inStr[k] {
			run.recover(l.text)
			run.add(l.text, normalize.TrimSpace(l.text))
		}
	}
	pc.part.Cut = run.depth > 0 || open != ""
	return pc
}

// codeLanguage decides what a region of code is written in, from the marks each language leaves
// on its lines (outside strings): R keras (<- assignments, %>% pipes, layer_*() functions),
// JavaScript (declarations, semicolons; TensorFlow.js when it calls tf.layers, tf.sequential,
// tf.model or tf.input), PyTorch (torch, nn.Module and its layers, F.relu) and Python (the rest).
// Python that uses both torch and Keras is Python: its torch calls are not read as layers.
func codeLanguage(ls []pyLine, inStr []bool) string {
	var py, js, tfjs, r, torch, keras int
	for k, l := range ls {
		if inStr[k] {
			continue
		}
		t := normalize.TrimSpace(l.text)
		if t == "" || strings.HasPrefix(t, "#") && !strings.HasPrefix(t, "#!") {
			continue
		}
		switch {
		case strings.HasPrefix(t, "def ") || strings.HasPrefix(t, "class ") || strings.HasPrefix(t, "import ") && !strings.Contains(t, " from ") ||
			strings.HasPrefix(t, "from ") && strings.Contains(t, " import") || strings.HasSuffix(t, ":") && !strings.HasSuffix(t, "::"):
			py++
		}
		if isOtherCode(t) && !strings.HasPrefix(t, "library(") && !strings.Contains(t, " <- ") && !strings.Contains(t, "%>%") && !strings.HasSuffix(t, "|>") {
			js++
		}
		if strings.Contains(t, "tf.layers.") || strings.Contains(t, "tf.sequential(") || strings.Contains(t, "tf.model(") || strings.Contains(t, "tf.input(") {
			tfjs++
		}
		if strings.Contains(t, "<-") || strings.Contains(t, "%>%") || strings.HasPrefix(t, "library(") || strings.Contains(t, "keras_model") ||
			strings.Contains(t, "layer_") && strings.Contains(t, "(") && hasRLayerCall(t) {
			r++
		}
		if hasWord(t, "torch") || strings.Contains(t, "nn.Module") || hasTorchLayer(t) || strings.HasPrefix(t, "def forward(self") {
			torch++
		}
		if strings.Contains(t, "keras") || strings.Contains(t, "layers.") && !strings.Contains(t, "tf.layers.") || strings.Contains(t, ".summary()") {
			keras++
		}
	}
	switch {
	case r > 0 && r >= py && r >= js:
		return LangR
	case js > py:
		if tfjs > 0 {
			return LangTFJS
		}
		return "javascript"
	case torch > 0 && keras == 0:
		return "pytorch"
	}
	return LangPython
}

// hasRLayerCall reports an R keras layer function call: layer_ and a lower-case name.
func hasRLayerCall(t string) bool {
	for i := strings.Index(t, "layer_"); i >= 0; {
		if i == 0 || !isAlnum(t[i-1]) && t[i-1] != '_' && t[i-1] != '.' {
			j := i + 6
			for j < len(t) && (t[j] >= 'a' && t[j] <= 'z' || t[j] >= '0' && t[j] <= '9' || t[j] == '_') {
				j++
			}
			if j > i+6 && j < len(t) && t[j] == '(' {
				return true
			}
		}
		k := strings.Index(t[i+1:], "layer_")
		if k < 0 {
			break
		}
		i += 1 + k
	}
	return false
}

// hasWord reports w in t as a whole word.
func hasWord(t, w string) bool {
	for i := strings.Index(t, w); i >= 0; {
		j := i + len(w)
		if (i == 0 || !isAlnum(t[i-1]) && t[i-1] != '_') && (j == len(t) || !isAlnum(t[j]) && t[j] != '_') {
			return true
		}
		k := strings.Index(t[i+1:], w)
		if k < 0 {
			return false
		}
		i += 1 + k
	}
	return false
}

// hasTorchLayer reports a PyTorch layer or module call: nn.Linear(, nn.Conv2d(, F.relu(. PyTorch
// spells its classes with a lower-case d (Conv2d, BatchNorm1d) and names its dense layer Linear.
func hasTorchLayer(t string) bool {
	for _, root := range []string{"nn.", "F."} {
		for i := strings.Index(t, root); i >= 0; {
			if i == 0 || !isAlnum(t[i-1]) && t[i-1] != '_' && t[i-1] != '.' {
				j := i + len(root)
				k := j
				for k < len(t) && (isAlnum(t[k]) || t[k] == '_') {
					k++
				}
				name := t[j:k]
				if root == "F." && k < len(t) && t[k] == '(' && name != "" && name[0] >= 'a' && name[0] <= 'z' {
					return true
				}
				if root == "nn." && name != "" && (name == "Linear" || name == "Module" || name == "functional" || name == "init" ||
					strings.HasSuffix(name, "1d") || strings.HasSuffix(name, "2d") || strings.HasSuffix(name, "3d") ||
					name == "ModuleList" || name == "Parameter") {
					return true
				}
			}
			k := strings.Index(t[i+1:], root)
			if k < 0 {
				break
			}
			i += 1 + k
		}
	}
	return false
}

// program reads the parts of one language as one program: each part is parsed on its own (so a
// part cut inside a bracket ends there) and their statements run in input order, each part's
// doctest examples after it.
func program(lang string, parts []*partCode) (*Snippet, []*Error) {
	progs := make([][]*Program, len(parts))
	for i, pc := range parts {
		progs[i] = parsePart(lang, pc)
	}
	return assembleSnippet(lang, parts, progs)
}

// parsePart parses one part of a language's code on its own: its program, and for Python the
// program of its docstrings' examples after it.
func parsePart(lang string, pc *partCode) []*Program {
	switch lang {
	case LangR:
		return []*Program{parseR(pc.lines)}
	case LangTFJS:
		return []*Program{parseJS(pc.lines)}
	}
	progs := []*Program{parsePyLines(pc.lines)}
	if len(pc.doctest) > 0 {
		progs = append(progs, parsePyLines(pc.doctest))
	}
	return progs
}

// assembleSnippet makes a language's snippet from its parts and their programs (progs[i] are the
// programs of parts[i]), in order.
func assembleSnippet(lang string, parts []*partCode, progs [][]*Program) (*Snippet, []*Error) {
	sn := &Snippet{Lang: lang, StartLine: parts[0].part.StartLine, EndLine: parts[len(parts)-1].part.EndLine,
		Program: &Program{}}
	var errs []*Error
	for i, pc := range parts {
		sn.Parts = append(sn.Parts, pc.part)
		for _, l := range pc.lines {
			sn.Lines = append(sn.Lines, l.text)
			sn.Prefix = append(sn.Prefix, l.col)
		}
		for k, p := range progs[i] {
			sn.Program.Stmts = append(sn.Program.Stmts, p.Stmts...)
			sn.Program.Errors = append(sn.Program.Errors, p.Errors...)
			sn.Program.Py2Print = sn.Program.Py2Print || p.Py2Print
			if len(p.Errors) > 0 && k == 0 {
				errs = append(errs, p.Errors[0])
				for _, e := range p.Errors[1:] {
					if strings.Contains(e.Msg, closedAtNote) || strings.HasSuffix(e.Msg, readAsThere) {
						// each forgotten bracket or comma the reader put in is said, with its line:col
						errs = append(errs, e)
					}
				}
			}
		}
	}
	return sn, errs
}

// Describe says what a foreign table or piece of code is, for messages.
func (f *Foreign) Describe() string {
	switch f.Kind {
	case "pytorch code":
		return "PyTorch code, not Keras: kexplain does not rebuild it"
	case "javascript code":
		return "JavaScript that is not TensorFlow.js layers code: kexplain does not rebuild it"
	}
	return "a " + f.Kind + " table (PyTorch), not a Keras summary"
}

// definitions adds to the regions of Keras code the regions of plain Python above them that
// define a name the Keras code uses (sizes set in an earlier cell: n_features = 8), so that
// the program knows them.
func definitions(lines []line, tr *triples, regions [][2]int) [][2]int {
	if len(regions) == 0 {
		return regions
	}
	out := append([][2]int{}, regions...)
	next := 0 // the first region at or after the line
	for i := 0; i < regions[len(regions)-1][0]; i++ {
		for next < len(regions) && regions[next][1] < i {
			next++
		}
		if next < len(regions) && i >= regions[next][0] {
			i = regions[next][1]
			continue
		}
		t, _ := codeText(lines[i].text)
		if len(definedNames(t)) == 0 || isHeaderText(lines[i].text) {
			continue
		}
		first, last := codeRegion(lines, tr, i)
		if next > 0 && first <= regions[next-1][1] || next < len(regions) && last >= regions[next][0] {
			i = max(i, last) // runs into a region of Keras code; its lines are read once
			continue
		}
		var names []string
		for k := first; k <= last; k++ {
			u, _ := codeText(lines[k].text)
			names = append(names, definedNames(u)...)
		}
		if usesAny(lines, regions[next:], names) {
			out = append(out, [2]int{first, last})
		}
		i = max(i, last) // a region that ends above the line (a string that never closes) moves on all the same
	}
	return out
}

// users adds the plain Python below the Keras code that uses what it defines: a block that calls
// build_model() and summary() after prose, in a post whose model-building code came first.
func users(lines []line, tr *triples, regions [][2]int) [][2]int {
	if len(regions) == 0 {
		return regions
	}
	var names []string
	for _, r := range regions {
		for k := r[0]; k <= r[1]; k++ {
			u, _ := codeText(lines[k].text)
			names = append(names, definedNames(u)...)
		}
	}
	if len(names) == 0 {
		return regions
	}
	out := append([][2]int{}, regions...)
	next := 0 // the first region at or after the line
	for i := regions[0][1] + 1; i < len(lines); i++ {
		for next < len(regions) && regions[next][1] < i {
			next++
		}
		if next < len(regions) && i >= regions[next][0] {
			i = regions[next][1]
			continue
		}
		t, _ := codeText(lines[i].text)
		if !isPythonish(t) || isHeaderText(lines[i].text) || !usesName(t, names) {
			continue
		}
		first, last := codeRegion(lines, tr, i)
		out = append(out, [2]int{first, last})
		i = max(i, last)
	}
	return out
}

// usesName reports whether a line uses one of the names as a word.
func usesName(t string, names []string) bool {
	for _, n := range names {
		if hasWord(t, n) {
			return true
		}
	}
	return false
}

// definedNames are the names a line of Python binds at its start: a, b = ..., def f(, class C,
// import x as y.
func definedNames(t string) []string {
	for _, kw := range []string{"def ", "class "} {
		if strings.HasPrefix(t, kw) {
			j := len(kw)
			k := j
			for k < len(t) && (isAlnum(t[k]) || t[k] == '_') {
				k++
			}
			if k > j {
				return []string{t[j:k]}
			}
			return nil
		}
	}
	j := 0
	for j < len(t) && (isAlnum(t[j]) || t[j] == '_' || t[j] == ',' || t[j] == ' ') {
		j++
	}
	if j == 0 || j >= len(t) || t[j] != '=' || j+1 < len(t) && t[j+1] == '=' {
		return nil
	}
	var out []string
	for _, n := range strings.Split(t[:j], ",") {
		n = normalize.TrimSpace(n)
		if n == "" || strings.Contains(n, " ") || n[0] >= '0' && n[0] <= '9' {
			return nil
		}
		out = append(out, n)
	}
	return out
}

// usesAny reports whether the regions use one of the names as a word.
func usesAny(lines []line, regions [][2]int, names []string) bool {
	for _, r := range regions {
		for k := r[0]; k <= r[1]; k++ {
			for _, n := range names {
				if hasWord(lines[k].text, n) {
					return true
				}
			}
		}
	}
	return false
}

// stripLineNumbers removes the line numbers that code copied from an editor or a rendered page
// keeps ("12  model.add(Dense(64))", "12: ", "12 | "): when nearly every line starts with a number
// and they count up, the numbers are no code.
func stripLineNumbers(texts []string, cut []int) {
	at := make([]int, len(texts))
	lines, numbered := 0, 0
	last := int64(-1)
	for k, t := range texts {
		if normalize.TrimSpace(t) == "" {
			continue
		}
		lines++
		i := 0
		for i < len(t) && t[i] == ' ' {
			i++
		}
		j := i
		for j < len(t) && t[j] >= '0' && t[j] <= '9' && j-i < 6 {
			j++
		}
		if j == i || j >= len(t) {
			continue
		}
		n, _ := strconv.ParseInt(t[i:j], 10, 64)
		e := j
		if t[e] == ':' || t[e] == '|' || t[e] == '.' {
			e++
		}
		if e < len(t) && t[e] != ' ' || n <= last {
			continue
		}
		if e < len(t) {
			e++ // the one space after the number: what follows is the code's own indentation
		}
		last = n
		numbered++
		at[k] = e
	}
	if numbered < 2 || numbered*10 < lines*9 {
		return
	}
	for k, t := range texts {
		if at[k] > 0 {
			texts[k], cut[k] = t[at[k]:], cut[k]+at[k]
		}
	}
}
