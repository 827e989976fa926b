package grammar

import (
	"strings"
	"unicode/utf8"

	"github.com/kexplain/kexplain/normalize"
)

// Every line of the table view is classified on its own, before any table is looked for: a summary
// row can be recognised alone (a layer cell, a shape, a count, in the order its era prints them),
// and so can rules, box borders, titles, headers, totals and elision marks. Tables are then runs
// of such lines (find.go); the header and rules help read the columns but are not needed.

// lineKind is what a line reads as, alone.
type lineKind uint8

const (
	lkBlank      lineKind = iota // empty, spaces, a code fence
	lkProse                      // anything else
	lkRule                       // "_____", "-----", "─────"
	lkEq                         // "=====", "━━━━━"
	lkMacron                     // "¯¯¯¯" (the closing line of an expanded nested model)
	lkBoxTop                     // "┏━━┳━━┓"
	lkBoxHeadSep                 // "┡━━╇━━┩", a Markdown table's "|---|---|"
	lkBoxSep                     // "├──┼──┤"
	lkBoxBottom                  // "└──┴──┘"
	lkBoxHead                    // "┃ Layer (type) ┃ …"
	lkCell                       // a "│ … │" line that is neither header nor row alone
	lkTitle                      // `Model: "sequential"`
	lkInitial                    // Keras 0.x "Initial input shape: (None, 784)"
	lkHeader                     // "Layer (type)  Output Shape  Param #" (plain or in cells)
	lkTotals                     // "Total params: 1,234" (anywhere in the line after markup)
	lkElision                    // "...", "[...]", "(12 more layers)"
	lkRow                        // a summary row alone
)

func (k lineKind) boxBorder() bool {
	return k == lkBoxTop || k == lkBoxHeadSep || k == lkBoxSep || k == lkBoxBottom
}

func (k lineKind) rule() bool { return k == lkRule || k == lkEq || k == lkMacron }

// onlyBoxRuleRunes reports whether t is made of nothing but a box's bars, spaces and the
// characters of a rule (strings.Trim(t, "│┃ ─━-=_¯") == "", without looking up each rune in the
// cutset: a row stops at its first letter).
func onlyBoxRuleRunes(t string) bool {
	for _, r := range t {
		switch r {
		case '│', '┃', ' ', '─', '━', '-', '=', '_', '¯':
		default:
			return false
		}
	}
	return true
}

// classifyLine says what one line reads as.
func classifyLine(l *line) lineKind {
	t := normalize.TrimSpace(l.text)
	if t == "" || len(t) <= 8 && strings.Trim(t, "| ") == "" {
		return lkBlank // a lone pipe: the border of a retyped row that a mail client moved on
	}
	if l.src != nil && l.src.Sep {
		return lkBoxHeadSep
	}
	r := firstRune(t)
	switch r {
	case '┏', '┌', '╔':
		return lkBoxTop
	case '┡', '╞', '╟':
		return lkBoxHeadSep
	case '├', '┣':
		return lkBoxSep
	case '└', '┗', '╚':
		if rest := strings.TrimLeft(t[len(string(r)):], " "); len(rest) < len(t)-len(string(r)) && rowAlone(t, false) {
			return lkRow // "└ conv2d (Conv2D) …": a nested row's tree mark, not a box's bottom
		}
		return lkBoxBottom
	case '┃':
		if isHeaderText(t) || !rowAlone(t, true) {
			return lkBoxHead
		}
		return lkRow
	case '│':
		ct := cellText(t)
		l.ct, l.ctFrom = ct, t
		switch {
		case isHeaderText(t) || layerTypeHeader(t):
			return lkHeader
		case isTotalsText(ct):
			return lkTotals
		case isTitleText(ct):
			return lkTitle
		case isRuleText(ct) || onlyBoxRuleRunes(t) && strings.ContainsAny(t, "─━-=_¯"):
			if strings.ContainsRune(t, '=') || strings.ContainsRune(t, '━') {
				return lkEq
			}
			return lkRule
		case scannedRowText(ct, true) || retypedRow(t): // rowAlone(t, true), its cell text made once
			return lkRow
		case isDotsText(ct):
			return lkElision // in a box, only dots alone: "…" ends every cut word
		}
		return lkCell
	}
	if (r == '=' || r == '-') && strings.Trim(t, string(r)+" ") == "" && strings.Count(t, string(r)) >= 5 && strings.Contains(t, " ") {
		// a reStructuredText simple table's rule: one run of "=" or "-" a column
		if r == '=' {
			return lkEq
		}
		return lkRule
	}
	if r == '+' && strings.Trim(t, "+-=") == "" && strings.Count(t, "-")+strings.Count(t, "=") >= 5 {
		if strings.ContainsRune(t, '=') {
			return lkEq // an ASCII box border ("+=====+=====+")
		}
		return lkRule // "+-----+-----+"
	}
	if isRuleText(t) {
		switch r {
		case '=', '━':
			return lkEq
		case '¯':
			return lkMacron
		}
		return lkRule
	}
	if strings.ContainsRune(t, '¯') && strings.Trim(t, "|¯") == "" {
		return lkMacron
	}
	if l.mask&cColon != 0 && isTotalsText(t) {
		return lkTotals
	}
	if isTitleText(trimPipes(t)) {
		return lkTitle
	}
	if strings.HasPrefix(t, "Initial input shape:") {
		return lkInitial
	}
	if l.mask&cParen != 0 || strings.Contains(t, "Layer") || strings.Contains(t, "layer") {
		if isHeaderText(t) {
			return lkHeader
		}
	}
	if l.mask&cDigit != 0 && rowAlone(trimPipes(t), false) {
		return lkRow
	}
	if l.flat && l.mask&cDigit != 0 && rowStarts(t) {
		return lkRow // a line that lost its breaks: rows and their wrapped parts follow each other
	}
	if isElisionText(t) {
		return lkElision
	}
	return lkProse
}

// hasBar reports whether s holds a cell border, "│" or "┃": strings.ContainsAny with a set outside
// ASCII decodes every rune of s and looks each up in the set, several thousand instructions on a
// long line; two substring searches look for the borders' first byte.
func hasBar(s string) bool {
	return normalize.HasBoxRune(s, '│') || normalize.HasBoxRune(s, '┃')
}

// cellText is a cell line's text with its borders made spaces and its cells' spaces squeezed:
// "│ Total params: │ 266,610 │" → "Total params:  266,610".
func cellText(t string) string {
	if !hasBar(t) {
		return t
	}
	// built on the stack and copied once at its length: a box line is mostly borders and the
	// spaces that pad its cells, so its cell text is far shorter than the line
	var buf [256]byte
	b := buf[:0]
	depth := 0
	eachCell(t, func(c string) {
		if c = normalize.TrimSpace(c); c == "" {
			return
		}
		if len(b) > 0 {
			if depth > 0 {
				b = append(b, ' ') // a shape broken over two cells (a row a mail client wrapped)
			} else {
				b = append(b, "  "...)
			}
		}
		b = append(b, c...)
		if depth += shapeBrackets(c); depth < 0 || depth > maxDepth {
			depth = 0
		}
	})
	return string(b)
}

// splitCellsAll splits a cell line at every border, keeping the text after the last one.
func splitCellsAll(s string) []string {
	var out []string
	eachCell(s, func(c string) { out = append(out, c) })
	return out
}

// eachCell calls f with each cell of a line split as splitCellsAll splits it; the empty cells
// between borders are left out, as strings.FieldsFunc leaves them out.
func eachCell(s string, f func(string)) {
	start := 0
	for i := borderAt(s, 0); i >= 0; i = borderAt(s, start) {
		if i > start {
			f(s[start:i])
		}
		start = i + 3
	}
	if start < len(s) {
		f(s[start:])
	}
}

// borderAt is the byte index of the first cell border in s at or after i, -1 when there is none.
// The borders are U+2502 and U+2503, E2 94 82/83 in UTF-8, which no other rune contains.
func borderAt(s string, i int) int {
	for i+2 < len(s) {
		k := strings.Index(s[i:], "\xe2\x94")
		if k < 0 || i+k+2 >= len(s) {
			return -1
		}
		i += k
		if b := s[i+2]; b == 0x82 || b == 0x83 {
			return i
		}
		i += 2
	}
	return -1
}

// headerWord reads the column title at the start of s (lower case): which column it names and
// its length, 0 when there is none.
func headerWord(s string) (Column, int) {
	for _, w := range headerWords {
		if strings.HasPrefix(s, w.text) {
			return w.col, len(w.text)
		}
	}
	return 0, 0
}

// headerFirst reports whether c can start one of headerWords: a quick test before trying them.
func headerFirst(c byte) bool {
	switch c {
	case 'l', 'o', 's', 'i', 'p', '#', 'n', 'c', 'r', 't':
		return true
	}
	return false
}

// headerWords are the ways the column titles are printed and retyped (lower case, longest first
// within a column): Keras and TensorFlow.js spellings, the cut and wrapped forms of narrow prints,
// and the renamings of retyped tables ("# Params", "Num Params", "Layer").
var headerWords = []struct {
	text string
	col  Column
}{
	{"layer (type)", ColLayer}, {"layer (name)", ColLayer}, {"layer(type)", ColLayer}, {"layer type", ColLayer},
	{"layer name", ColLayer}, {"layer", ColLayer}, {"name (type)", ColLayer},
	{"output shape", ColOutputShape}, {"output", ColOutputShape}, {"shape", ColOutputShape},
	{"input shape", ColInputShape},
	{"param #", ColParams}, {"params #", ColParams}, {"# params", ColParams}, {"#params", ColParams},
	{"num params", ColParams}, {"number of params", ColParams}, {"parameters", ColParams}, {"params", ColParams},
	{"param", ColParams}, {"# param", ColParams},
	{"connected to", ColConnected}, {"receives inputs", ColConnected}, {"connected", ColConnected},
	{"trainable", ColTrainable},
}

// isHeaderText reports whether a line is a summary header: it starts (after borders, quote marks
// and rule characters glued to it) with the layer column's title and names at least one other
// column, and holds no shape or count. Prose that mentions "Layer (type)" is not one.
func isHeaderText(s string) bool {
	if len(s) > 400 || !hasLayerWord(s) {
		return false
	}
	// a shape or a totals label anywhere rules a header out (before the title it is a letter
	// where only marks may stand): decided before lowering the line, which most rows are not
	if containsFoldASCII(s, "(none") || containsFoldASCII(s, "[null") || containsFoldASCII(s, "params:") {
		return false
	}
	low := strings.ToLower(s)
	i := strings.Index(low, "layer")
	if i < 0 {
		return false
	}
	for _, r := range low[:i] {
		if !strings.ContainsRune(" \t>#/*;=!%┃│|<_-━─¯(", r) && !isDigitRune(r) {
			return false
		}
	}
	rest := low[i:]
	if strings.Contains(rest, "(none") || strings.Contains(rest, "[null") || strings.Contains(rest, "params:") {
		return false
	}
	var cols [ColTrainable + 1]bool
	for k := 0; k < len(rest); {
		if k == 0 || !isAlnum(rest[k-1]) && headerFirst(rest[k]) {
			if c, n := headerWord(rest[k:]); n > 0 {
				cols[c] = true
				k += n
				continue
			}
		}
		if rest[k] < utf8.RuneSelf {
			k++
			continue
		}
		_, n := utf8.DecodeRuneInString(rest[k:])
		k += n
	}
	if !cols[ColLayer] || !(cols[ColOutputShape] || cols[ColParams] || cols[ColConnected]) {
		return false
	}
	// a header is titles: a sentence that names them is not one
	if strings.ContainsAny(rest, "?!,;") || strings.Contains(rest, ". ") {
		return false
	}
	return true
}

// containsFoldASCII reports whether s holds sub (lower case ASCII) in any ASCII case.
func containsFoldASCII(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		j := 0
		for j < len(sub) && s[i+j]|0x20 == sub[j]|0x20 && (s[i+j] == sub[j] || s[i+j]|0x20 == sub[j] && sub[j] >= 'a' && sub[j] <= 'z') {
			j++
		}
		if j == len(sub) {
			return true
		}
	}
	return false
}

// hasLayerWord reports whether s holds "layer" in any ASCII case: a quick test before lowering
// the line (no other rune lowers to one of these letters).
func hasLayerWord(s string) bool {
	for i := 0; i+5 <= len(s); i++ {
		if s[i]|0x20 == 'l' && s[i+1]|0x20 == 'a' && s[i+2]|0x20 == 'y' && s[i+3]|0x20 == 'e' && s[i+4]|0x20 == 'r' {
			return true
		}
	}
	return false
}

func isDigitRune(r rune) bool { return r >= '0' && r <= '9' }

// totalsLabel reads a totals label at the start of t (any case; the retyped forms "Total
// parameters", "Non trainable params"): which line it is and where its value starts; "" when t
// does not start with one.
func totalsLabel(t string) (key string, rest int) {
	if t == "" || t[0] < utf8.RuneSelf && t[0]|0x20 != 't' && t[0]|0x20 != 'n' && t[0]|0x20 != 'o' {
		return "", 0 // no label starts so: the line is not lowered
	}
	low := strings.ToLower(t)
	var k string
	switch {
	case strings.HasPrefix(low, "total"):
		k, low = "Total params", low[5:]
	case strings.HasPrefix(low, "trainable"):
		k, low = "Trainable params", low[9:]
	case strings.HasPrefix(low, "non-trainable"), strings.HasPrefix(low, "non trainable"), strings.HasPrefix(low, "non_trainable"):
		k, low = "Non-trainable params", low[13:]
	case strings.HasPrefix(low, "nontrainable"):
		k, low = "Non-trainable params", low[12:]
	case strings.HasPrefix(low, "optimizer"):
		k, low = "Optimizer params", low[9:]
	default:
		return "", 0
	}
	n := len(t) - len(low)
	sp := leadingSpaces(low)
	switch {
	case strings.HasPrefix(low[sp:], "parameters"):
		sp += len("parameters")
	case strings.HasPrefix(low[sp:], "params"):
		sp += len("params")
	default:
		return "", 0
	}
	j := sp
	for j < len(low) && (low[j] == ' ' || low[j] == ':' || low[j] == '=') {
		j++
	}
	return k, n + j
}

// isTotalsText reports a totals line: a totals label followed by a number. Prose that names the
// line ("the Total params: line") has no number after the label and is not one.
func isTotalsText(t string) bool {
	t = strings.TrimLeft(cellText(t), " -*•>#|")
	_, rest := totalsLabel(t)
	if rest == 0 {
		return false
	}
	v := t[rest:]
	return len(v) > 0 && v[0] >= '0' && v[0] <= '9'
}

func isTitleText(t string) bool {
	return strings.HasPrefix(t, "Model: ") || t == "Model" || t == "Model:" || strings.HasPrefix(t, `Model:"`)
}

// isElisionText reports a line that marks rows left out: dots or an ellipsis alone or with a few
// words ("...", "[...]", "(... 12 more layers ...)", "⋮", in any language), or "<snip>".
func isElisionText(t string) bool {
	t = strings.Trim(t, " │|#>")
	if t == "" || len(t) > 120 || !mayMarkElision(t) {
		return false
	}
	plain := true
	for _, r := range t {
		if r != '.' && r != '…' && r != ' ' && r != '⋮' && r != '·' {
			plain = false
			break
		}
	}
	if plain {
		return strings.Count(t, ".") >= 2 || strings.ContainsAny(t, "…⋮")
	}
	l := strings.ToLower(strings.Trim(t, "[]()<>{} "))
	if strings.Contains(l, "(none") || strings.Contains(l, "params") || strings.Contains(l, "=") || strings.Contains(l, "model.") {
		return false
	}
	switch l {
	case "snip", "snipped", "truncated", "omitted", "cut", "skip", "skipped":
		return true
	}
	// a short remark in brackets, in any language: "(omitted)", "[中略]", "(layers removed)"; a
	// class name alone in parentheses is a wrapped cell's part, not one
	if b := normalize.TrimSpace(t); len(b) >= 3 && len(b) <= 60 && (b[0] == '(' && b[len(b)-1] == ')' || b[0] == '[' && b[len(b)-1] == ']') {
		in := b[1 : len(b)-1]
		lowerWords := in != "" && strings.Trim(in, "abcdefghijklmnopqrstuvwxyz ") == ""
		if !strings.ContainsAny(in, "(),[]:=") && (strings.ContainsRune(in, ' ') && !isClassLike(in) || lowerWords || hasNonASCII(in)) {
			return true
		}
	}
	if !strings.Contains(l, "...") && !strings.Contains(l, "…") && !strings.Contains(l, "⋮") {
		return false
	}
	// a short note around the mark: words and numbers only, no sentence
	words := strings.Fields(ellipsisMarks.Replace(l))
	if len(words) > 8 {
		return false
	}
	for _, w := range words {
		if strings.ContainsAny(w, "[]{}:;") || strings.Count(w, ".") > 1 {
			return false
		}
	}
	return true
}

// mayMarkElision rules out, cheaply, most of the lines isElisionText is asked about (a row, prose
// with numbers): a line with a digit is neither dots alone nor a word alone, so only an ellipsis
// mark or a remark in brackets can make it an elision mark.
func mayMarkElision(t string) bool {
	if !hasDigit(t) {
		return true
	}
	if b := normalize.TrimSpace(t); b != "" && (b[0] == '(' || b[0] == '[') {
		return true
	}
	return strings.Contains(t, "...") || strings.Contains(t, "…") || strings.Contains(t, "⋮")
}

// hasDigit reports an ASCII digit in s.
func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

// isDotsText reports a line of dots and ellipses alone.
func isDotsText(t string) bool {
	t = normalize.TrimSpace(t)
	if t == "" {
		return false
	}
	for _, r := range t {
		if r != '.' && r != '…' && r != ' ' && r != '⋮' && r != '·' {
			return false
		}
	}
	return strings.Count(t, ".") >= 2 || strings.ContainsAny(t, "…⋮")
}

// looseCols are the columns assumed for a line read alone: every cell may be there, nothing is
// aligned.
var looseCols = cols{input: -1, output: -1, params: -1, conn: 0, trainable: 0, loose: true, stream: true}

// rowAlone reports whether a line reads as a summary row by itself: a layer cell, a shape (or
// "multiple", "?", "None", a cut shape), a count, and after them nothing but connections, a
// Trainable flag or further rows (a table that lost its line breaks). cells: the line is a box
// or retyped row, read by content whatever its cell borders.
func rowAlone(t string, cells bool) bool {
	// both tests are pure: the cheaper one, which most rows pass, goes first
	return scannedRowAlone(t, cells) || cells && retypedRow(t)
}

// scannedRowAlone is rowAlone's test of a row as the summary prints it.
func scannedRowAlone(t string, cells bool) bool {
	if cells {
		t = cellText(t)
	}
	return scannedRowText(t, cells)
}

// scannedRowText is scannedRowAlone of a line whose cell text (cellText) t already is.
func scannedRowText(t string, cells bool) bool {
	t = normalize.TrimSpace(t)
	if strings.HasPrefix(t, "└") {
		t = normalize.TrimSpace(t[len("└"):]) // the tree mark of a nested row
	}
	if len(t) < 5 {
		return false
	}
	for start, tries := 0, 0; start < len(t) && tries < 3; tries++ {
		b, rest, ok := rowScan(t[start:], looseCols, nil)
		if ok && layerCellOK(b.layer) && shapeTextOK(b.output) && (restOK(rest) || cells && lastCells(t, rest, 2)) {
			return true
		}
		if !cells {
			return false
		}
		// a retyped table may lead with a column of its own ("No", an index): try the next cell
		k := strings.Index(t[start:], "  ")
		if k < 0 {
			return false
		}
		start += k + skipSpaces(t[start+k:], 0)
	}
	return false
}

// retypedRow reports a retyped row whose shape cell holds the axes as a person typed them: a
// layer cell, then "30 x 30 x 32" or a number alone, then a count, each in a cell of its own.
func retypedRow(t string) bool {
	var cells []string
	for _, c := range splitCellsAll(t) {
		if c = normalize.TrimSpace(c); c != "" {
			cells = append(cells, c)
		}
	}
	for k := 0; k+2 < len(cells) && k < 2; k++ {
		if _, ok := retypedShape(cells[k+1]); ok && layerCellOK(cells[k]) && !allDigits(cells[k]) && (isCount(cells[k+2]) || asked(cells[k+2])) {
			return true
		}
	}
	return false
}

// lastCells reports whether rest is the text of at most n short cells at the end of a cell line's
// text t (cells parted by two spaces): columns of a retyped table that follow the count.
func lastCells(t, rest string, n int) bool {
	rest = normalize.TrimSpace(rest)
	if !strings.HasSuffix(t, rest) {
		return false
	}
	parts := strings.Split(rest, "  ")
	if len(parts) > n {
		return false
	}
	for _, p := range parts {
		if len(normalize.TrimSpace(p)) > 40 {
			return false
		}
	}
	return true
}

// rowStarts reports a line that starts with a row, whatever follows it.
func rowStarts(t string) bool {
	b, _, ok := rowScan(normalize.TrimSpace(t), looseCols, nil)
	return ok && layerCellOK(b.layer) && shapeTextOK(b.output)
}

// layerCellOK reports whether a layer cell read from a line alone looks like one: a name (with its
// class in parentheses, or cut), not a word of prose.
func layerCellOK(cell string) bool {
	cell = normalize.TrimSpace(strings.TrimPrefix(normalize.TrimSpace(cell), "└"))
	if cell == "" || len(cell) > 200 {
		return false
	}
	name := cell
	if i := strings.IndexByte(cell, ' '); i > 0 {
		name = cell[:i]
		rest := normalize.TrimSpace(cell[i:])
		if rest != "" && rest[0] != '(' {
			return false
		}
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(isAlnum(c) || c == '_' || c == '-' || c == '.' || c == '/' || c == ':' || c == '(' || c == ')' || c >= 0x80) {
			return false
		}
	}
	return true
}

// shapeTextOK reports whether the shape cells of a row read alone hold only what printed shapes
// hold: dims, None/null, brackets, commas, "?", dict keys, an ellipsis where the print cut them.
func shapeTextOK(parts []string) bool {
	dim := false
	for _, p := range parts {
		if len(p) > maxShape {
			return false
		}
		for _, w := range []string{"None", "null", "multiple", "?"} {
			if strings.Contains(p, w) {
				dim = true
			}
		}
		for _, r := range p {
			switch {
			case r >= '0' && r <= '9':
				dim = true
			case r < utf8.RuneSelf && (isAlnum(byte(r)) || strings.ContainsRune("()[]{},: ?-_", r)):
			case r == '…':
			default:
				return false
			}
		}
	}
	return dim
}

// restOK reports whether what follows a row's cells on its line can belong to a table: nothing,
// connections, a Trainable flag, or the next row of a line that lost its breaks; any of these
// with a note typed after them ("<-- why?").
func restOK(rest string) bool {
	rest = normalize.TrimSpace(cutAnnotation(rest))
	if rest == "" {
		return true
	}
	words := strings.Fields(rest)
	for _, w := range words {
		if !(isConnToken(w) || w == "Y" || w == "N" || w == "-" || w == "|" || w == "[]" || len(words) <= 4 && cutReference(w)) {
			_, _, ok := rowScan(rest, looseCols, nil)
			return ok
		}
	}
	return true
}

// cutReference reports a word that can be an inbound layer's name that the print cut before its
// "[0][0]" ("batch_normalization_BatchN", "conv2d_Conv2D2[0"): a name with an underscore or a
// digit in it, nothing else.
func cutReference(w string) bool {
	w = strings.Trim(w, "',[]")
	if w == "" || !isIdentStart(w[0]) || !strings.ContainsAny(w, "_0123456789") {
		return false
	}
	for i := 0; i < len(w); i++ {
		if !(isAlnum(w[i]) || w[i] == '_' || w[i] == '[' || w[i] == ']') {
			return false
		}
	}
	return true
}

// isClassLike reports a CamelCase word: a class name.
func isClassLike(s string) bool {
	return s != "" && s[0] >= 'A' && s[0] <= 'Z' && !strings.ContainsRune(s, ' ')
}

func hasNonASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// ellipsisMarks blanks the marks of left-out rows (built once).
var ellipsisMarks = strings.NewReplacer("...", " ", "…", " ", "⋮", " ")
