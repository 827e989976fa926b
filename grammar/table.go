package grammar

import (
	"strconv"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"
)

// rline is a line of a table region with quote markers and the table's indentation removed.
type rline struct {
	no   int    // 1-based input line
	text string // relative to the table's left edge
	off  int    // runes removed before text (for columns in messages)
	tabs bool   // the raw line had tabs: columns cannot be trusted
	flat bool   // from a line that held the whole table
}

// isHeaderText reports whether a line holds a summary header ("Layer (type)  Output Shape …").
func isHeaderText(s string) bool {
	i := strings.Index(s, "Layer (")
	if i < 0 {
		return false
	}
	rest := s[i+7:]
	if !strings.HasPrefix(rest, "type") && !strings.HasPrefix(rest, "name)") {
		return false
	}
	// a header starts its line (after quote markers, indentation, a box or pipe border) and names
	// another column; prose that mentions the "Layer (type)" column is not a header
	for _, r := range s[:i] {
		if !strings.ContainsRune(" \t>#/*;=!%┃│|<", r) {
			return false
		}
	}
	return strings.Contains(rest, "Output") || strings.Contains(rest, "Param") || strings.ContainsAny(s[:i], "┃│|")
}

// markerSig gives the quote markers in front of a line: "> > x" → ">>", "# x" → "#",
// "// x" → "//", "#=> x" → "#=>".
func markerSig(s string) string {
	var sig []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case ' ':
			continue
		case '>', '#', '/', '*', ';', '=', '%', '!':
			if c == '=' && len(sig) == 0 {
				return ""
			}
			sig = append(sig, c)
			continue
		}
		break
	}
	return string(sig)
}

// stripMarkers removes the quote markers sig (and the spaces around them) from the start of s,
// returning what is left and how many bytes were removed. A line without them stays as it is.
func stripMarkers(s, sig string) (string, int) {
	if sig == "" {
		return s, 0
	}
	i, k := 0, 0
	for i < len(s) && k < len(sig) {
		if s[i] == ' ' {
			i++
			continue
		}
		if s[i] != sig[k] {
			break
		}
		i++
		k++
	}
	if k < len(sig) {
		// a line that lost (some of) its markers, e.g. an empty quoted line
		if k == 0 {
			return s, 0
		}
	}
	// one space after the markers belongs to them ("> ", "# ")
	if i < len(s) && s[i] == ' ' {
		i++
	}
	return s[i:], i
}

// leadingSpaces counts the spaces at the start of s.
func leadingSpaces(s string) int {
	n := 0
	for n < len(s) && s[n] == ' ' {
		n++
	}
	return n
}

func isTotalsText(t string) bool {
	t = strings.TrimLeft(t, " -*•")
	return strings.HasPrefix(t, "Total params:") || strings.HasPrefix(t, "Trainable params:") ||
		strings.HasPrefix(t, "Non-trainable params:") || strings.HasPrefix(t, "Optimizer params:")
}

func isTitleText(t string) bool {
	return strings.HasPrefix(t, "Model: ") || t == "Model" || strings.HasPrefix(t, `Model: "`)
}

func isElisionText(t string) bool {
	t = strings.Trim(t, " │|#>")
	if t == "" {
		return false
	}
	plain := true
	for _, r := range t {
		if r != '.' && r != '…' && r != ' ' && r != '⋮' {
			plain = false
			break
		}
	}
	if plain {
		return strings.Count(t, ".") >= 2 || strings.ContainsAny(t, "…⋮")
	}
	// "[...]", "(... 12 more layers ...)", "<snip>", "... truncated ..."
	l := strings.ToLower(strings.Trim(t, "[]()<>{} "))
	if len(l) > 60 || strings.Contains(l, "(none") || strings.Contains(l, "params") {
		return false
	}
	if l == "snip" || l == "truncated" || l == "omitted" {
		return true
	}
	if !strings.Contains(l, "...") && !strings.Contains(l, "…") {
		return false
	}
	rest := strings.NewReplacer("...", " ", "…", " ", ".", " ").Replace(l)
	for _, w := range strings.Fields(rest) {
		switch w {
		case "more", "layers", "layer", "rows", "row", "omitted", "truncated", "snip", "skipped", "etc", "and", "so", "on", "same", "as", "above", "repeated":
		default:
			if !allDigits(w) {
				return false
			}
		}
	}
	return true
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

// regionScanner finds the table that a header line belongs to and reads it.
type regionScanner struct {
	lines []line
	doc   *Document
}

// scanTable reads the table whose header is lines[h]; it returns the table (nil when it is not a
// Keras table) and the index of the first line after it.
func (s *regionScanner) scanTable(h int) (*Table, int) {
	hdr := s.lines[h].text
	if strings.Contains(hdr, "Layer (type:depth-idx)") {
		end := h + 1
		for end < len(s.lines) && strings.TrimSpace(s.lines[end].text) != "" {
			end++
		}
		s.doc.Foreign = append(s.doc.Foreign, &Foreign{Kind: "torchinfo", StartLine: s.lines[h].no, EndLine: s.lines[end-1].no})
		return nil, end
	}
	sig := markerSig(hdr)
	strip := func(i int) string {
		t, _ := stripMarkers(s.lines[i].text, sig)
		return t
	}
	// upward: title and top rule
	start := h
	for k := h - 1; k >= 0 && k >= h-4; k-- {
		t := strings.TrimSpace(strip(k))
		if t == "" {
			if k < h-1 {
				continue
			}
			continue
		}
		if isRuleText(t) || strings.HasPrefix(t, "┏") || isTitleText(t) || strings.HasPrefix(t, "Initial input shape:") {
			start = k
			if isTitleText(t) {
				break
			}
			continue
		}
		break
	}
	// trim leading blank lines
	for start < h && strings.TrimSpace(strip(start)) == "" {
		start++
	}
	hc := headerCols(strip(h), nil)
	hc.aligned = false
	hc.stream = s.lines[h].flat
	pipe := strings.HasPrefix(strings.TrimSpace(strip(h)), "|")
	// an HTML rendering of a summary comes out of stripTags as light box lines, a row a line
	htmlBox := strings.HasPrefix(strings.TrimSpace(strip(h)), "│")
	box := strings.HasPrefix(strings.TrimSpace(strip(h)), "┃") || pipe || htmlBox
	// downward
	end := h + 1
	seenRow, seenTotals, seenBottom := false, false, false
	blanks := 0
	for end < len(s.lines) {
		t := strip(end)
		tt := strings.TrimSpace(t)
		switch {
		case tt == "":
			blanks++
			if blanks > 2 || (seenTotals && blanks > 1) {
				goto done
			}
			end++
			continue
		case isTotalsText(tt):
			seenTotals = true
		case end == h+1 && isHeaderTail(tt):
			// a header whose last titles an e-mail client wrapped onto the next line
		case strings.HasPrefix(tt, "┃") && !seenRow:
			// more header lines of a box table
		case isHeaderText(tt) || (isTitleText(tt) && seenRow):
			goto done
		case seenTotals:
			if isRuleText(tt) {
				end++
				goto done
			}
			goto done
		case isRuleText(tt) || strings.HasPrefix(tt, "┏") || strings.HasPrefix(tt, "┡") || strings.HasPrefix(tt, "├") || strings.ContainsRune(tt, '¯'):
		case strings.HasPrefix(tt, "└"):
			seenBottom = true
		case seenBottom:
			goto done
		case box && (strings.HasPrefix(tt, "│") || strings.HasPrefix(tt, "┃") || pipe && strings.HasPrefix(tt, "|")):
			seenRow = true
		case isElisionText(tt):
		default:
			if _, _, ok := rowScan(strings.Trim(tt, "|"), hc, nil); ok && !box {
				seenRow = true
			} else if seenRow && !box && looksContinuation(t, blanks) {
			} else if !seenRow && !box && looksContinuation(t, blanks) {
			} else {
				goto done
			}
		}
		blanks = 0
		end++
	}
done:
	for end > h+1 && strings.TrimSpace(strip(end-1)) == "" {
		end--
	}
	return s.build(start, h, end, sig, box, pipe || htmlBox), end
}

// isHeaderTail reports a line that holds only the last titles of a wrapped header.
func isHeaderTail(t string) bool {
	t = strings.TrimSpace(t)
	for _, w := range []string{"Connected to", "Receives inputs", "Trainable", "Param #", "Connected to  Trainable"} {
		if t == w {
			return true
		}
	}
	return false
}

// looksCutRow reports whether a line starts like a row ("name (Class)  (None, 6") but ends
// before its count.
func looksCutRow(t string) bool {
	ch := chunks(strings.TrimSpace(t))
	if len(ch) < 2 {
		return false
	}
	first := ch[0].text
	return strings.Contains(first, " (") && strings.HasSuffix(first, ")") && strings.ContainsAny(ch[1].text[:1], "([")
}

// looksContinuation reports whether a line can be the continuation of a row: wrapped name or
// shape parts, or further inbound layers.
func looksContinuation(t string, blanks int) bool {
	if blanks > 0 && !isConnFragment(t) {
		return false
	}
	for _, ch := range chunks(strings.Trim(t, "|")) {
		x := ch.text
		if isConnFragment(x) || isShapeFragment(x) {
			continue
		}
		if len(x) <= 40 && strings.Count(x, " ") <= 1 && !strings.ContainsAny(x, ".:;!?") {
			continue
		}
		return false
	}
	return strings.TrimSpace(t) != ""
}

// build classifies the lines of a region, parses its structure and reads its rows and totals.
func (s *regionScanner) build(start, h, end int, sig string, box, pipe bool) *Table {
	var rl []rline
	for i := start; i < end; i++ {
		t, off := stripMarkers(s.lines[i].text, sig)
		rl = append(rl, rline{no: s.lines[i].no, text: t, off: off, tabs: s.lines[i].tabs, flat: s.lines[i].flat})
	}
	// the left edge: where the rules start
	edge := -1
	for _, l := range rl {
		tt := strings.TrimSpace(l.text)
		if isRuleText(tt) || strings.HasPrefix(tt, "┏") || strings.HasPrefix(tt, "┃") || strings.HasPrefix(tt, "│") || strings.HasPrefix(tt, "├") {
			if n := leadingSpaces(l.text); edge < 0 || n < edge {
				edge = n
			}
		}
	}
	hi := h - start
	if edge < 0 {
		edge = leadingSpaces(rl[hi].text)
		for _, l := range rl[hi:] {
			if strings.TrimSpace(l.text) != "" && !isTotalsText(l.text) {
				if n := leadingSpaces(l.text); n < edge {
					edge = n
				}
			}
		}
	}
	for i := range rl {
		n := leadingSpaces(rl[i].text)
		if n > edge {
			n = edge
		}
		rl[i].text = strings.TrimRight(rl[i].text[n:], " ")
		rl[i].off += n
	}
	t := &Table{StartLine: rl[0].no, EndLine: rl[len(rl)-1].no}
	if hi+1 < len(rl) && isHeaderTail(rl[hi+1].text) {
		rl[hi].text += "  " + strings.TrimSpace(rl[hi+1].text)
		rl[hi].tabs = true // the columns no longer line up
		rl[hi+1].text = ""
	}
	hdr := rl[hi].text
	if strings.Contains(hdr, "Layer (name)") {
		t.Keras0 = true
	}
	c := headerCols(hdr, rl)
	t.Columns = columnsOf(c)
	if pipe {
		for i := range rl {
			rl[i].text = pipeToBox(rl[i].text)
		}
	}
	if box && !pipe {
		// a box table without separator lines between rows holds a row a line
		pipe = true
		for _, l := range rl {
			if strings.HasPrefix(strings.TrimSpace(l.text), "├") {
				pipe = false
				break
			}
		}
	}
	kinds := classify(rl, hi, c, box, pipe, t)
	node, err := parseStructure(kinds)
	if err != nil {
		pos := 0
		if pe, ok := err.(interface{ Position() lexer.Position }); ok {
			pos = pe.Position().Line - 1
		}
		if pos < 0 || pos >= len(rl) {
			pos = len(rl) - 1
		}
		t.Problems = append(t.Problems, &Error{Line: rl[pos].no, Col: 1, Msg: "cannot read the table structure here"})
		if node == nil {
			return t
		}
	}
	if node.Title != nil {
		t.Name = titleName(rl[idx(*node.Title)].text)
	}
	for _, l := range rl[:hi] {
		if tt := strings.TrimSpace(l.text); strings.HasPrefix(tt, "Initial input shape:") {
			t.Input = ParseShape(strings.TrimPrefix(tt, "Initial input shape:"))
		}
	}
	s.assemble(t, node, rl, c, box, pipe)
	t.Format = detectFormat(t, rl, hi, c, box, kinds)
	if len(t.Rows) == 0 {
		t.Problems = append(t.Problems, &Error{Line: rl[hi].no, Col: rl[hi].off + 1, Msg: "the table has a header but no rows"})
	}
	return t
}

// pipeToBox turns a Markdown pipe-table line into box separators, so that the box reader
// applies: "| a | b |" → "│ a │ b │"; "|---|:--|" → "┡━━━┩".
func pipeToBox(s string) string {
	t := strings.TrimSpace(s)
	if !strings.HasPrefix(t, "|") {
		return s
	}
	if strings.Trim(t, "|:- ") == "" {
		return "┡━━━┩"
	}
	return strings.ReplaceAll(s, "|", "│")
}

// titleName reads the model name from `Model: "sequential_1"`.
func titleName(t string) string {
	t = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(t), "Model:"))
	t = strings.Trim(t, `"'`)
	return t
}

// headerCols finds the columns of a plain header line.
func headerCols(hdr string, rl []rline) cols {
	c := cols{input: -1, output: -1, params: -1, conn: -1, trainable: -1}
	at := func(words ...string) int {
		for _, w := range words {
			if i := strings.Index(hdr, w); i >= 0 {
				return runeCol(hdr, i)
			}
		}
		return -1
	}
	// a narrow print cuts or wraps the titles: "Par" / "am" / "#", "Receives inpu"
	c.input = at("Input Shape", "Input shape", "Input Sha", "Input")
	c.output = at("Output Shape", "Output shape", "Output")
	c.params = at("Param #", "Param", "Par")
	c.conn = at("Connected to", "Receives inputs", "Connected", "Receives", "Connec", "Recei")
	c.trainable = at("Trainable", "Trainab")
	c.aligned = strings.Contains(hdr, "  ")
	for _, l := range rl {
		if l.tabs {
			c.aligned = false
		}
		if l.flat {
			c.stream = true
		}
	}
	return c
}

func columnsOf(c cols) []Column {
	out := []Column{ColLayer}
	if c.input >= 0 {
		out = append(out, ColInputShape)
	}
	out = append(out, ColOutputShape, ColParams)
	if c.conn >= 0 {
		out = append(out, ColConnected)
	}
	if c.trainable >= 0 {
		out = append(out, ColTrainable)
	}
	return out
}

// runeCol converts a byte index of s into a rune column.
func runeCol(s string, i int) int {
	n := 0
	for j := range s {
		if j >= i {
			break
		}
		n++
	}
	return n
}

// classify gives each region line its token type.
func classify(rl []rline, hi int, c cols, box, pipe bool, t *Table) []lexer.TokenType {
	kinds := make([]lexer.TokenType, len(rl))
	prev := lexer.TokenType(0)
	seenRow := false
	for i, l := range rl {
		tt := strings.TrimSpace(l.text)
		var k lexer.TokenType
		switch {
		case i == hi:
			k = tHeader
			if box {
				k = tBoxHead
			}
		case tt == "":
			k = tBlank
		case isTotalsText(tt):
			k = tTotals
		case isTitleText(tt) && !seenRow:
			k = tTitle
		case strings.HasPrefix(tt, "┏"):
			k = tBoxTop
		case strings.HasPrefix(tt, "┃"):
			k = tBoxHead
		case strings.HasPrefix(tt, "┡"):
			k = tBoxHeadSep
		case strings.HasPrefix(tt, "├"):
			k = tBoxSep
		case strings.HasPrefix(tt, "└"):
			k = tBoxBottom
		case strings.HasPrefix(tt, "│"):
			if pipe || prev == tBoxHeadSep || prev == tBoxSep || prev == tBoxHead {
				k = tBoxRow
				seenRow = true
			} else {
				k = tBoxCont
			}
		case isRuleText(tt):
			switch firstRune(tt) {
			case '=':
				k = tEq
			case '¯':
				k = tMacron
			default:
				k = tRule
			}
		case strings.ContainsRune(tt, '¯') && strings.Trim(tt, "|¯") == "":
			k = tMacron
		case isElisionText(tt):
			k = tElision
		case i < hi && isTitleText(tt):
			k = tTitle
		default:
			inner := strings.TrimLeft(l.text, "|")
			inner = strings.TrimRight(inner, "|")
			if _, _, ok := rowScan(inner, c, t); ok && !box {
				k = tRow
				seenRow = true
			} else {
				k = tCont
			}
		}
		kinds[i] = k
		if k != tBlank {
			prev = k
		}
	}
	// a blank line inside a row (one an e-mail client wrapped) does not end it
	for i := 1; i+1 < len(kinds); i++ {
		if kinds[i] == tBlank && kinds[i+1] == tCont && (kinds[i-1] == tRow || kinds[i-1] == tCont) {
			kinds[i] = tCont
		}
	}
	// lines before the header that are neither title nor rules are not part of the table
	// (Keras 0.x "Initial input shape" is read by build)
	for i := 0; i < hi; i++ {
		switch kinds[i] {
		case tTitle, tRule, tEq, tBoxTop, tBlank, tMacron:
		default:
			kinds[i] = tBlank
		}
	}
	return kinds
}

// assemble reads rows and totals from the parsed structure.
func (s *regionScanner) assemble(t *Table, node *tableNode, rl []rline, c cols, box, pipe bool) {
	boxCols := boxColumns(node, rl)
	if box {
		t.Columns = boxCols.columns()
		t.Cropped = boxCols.cropped
	}
	wrapped := wrapsCells(node, rl)
	for _, it := range node.Items {
		switch {
		case it.Row != nil:
			if box {
				r := boxRow(it.Row, rl, boxCols, t)
				if r != nil {
					t.Rows = append(t.Rows, r)
				}
				continue
			}
			s.plainRows(t, it.Row, rl, c, wrapped)
		case it.Totals != nil:
			l := rl[idx(*it.Totals)]
			if msg := readTotals(&t.Totals, l); msg != "" {
				col := strings.IndexByte(l.text, ':') + 1
				col = skipSpaces(l.text, col)
				t.Problems = append(t.Problems, &Error{Line: l.no, Col: l.off + runeCol(l.text, col) + 1, Msg: msg})
			}
		case it.Elision != nil:
			t.Elided = append(t.Elided, rl[idx(*it.Elision)].no)
		case it.Stray != nil:
			l := rl[idx(*it.Stray)]
			if strings.TrimSpace(l.text) != "" && !isHeaderText(l.text) {
				msg := "cannot read this line as a row of the table"
				if looksCutRow(l.text) {
					msg = "this row is cut off: no count can be read"
				}
				t.Problems = append(t.Problems, &Error{Line: l.no, Col: l.off + leadingSpaces(l.text) + 1, Msg: msg})
			}
		}
	}
}

// wrapsCells tells whether a plain table wraps long cells onto further lines (tf.keras 2.7+)
// rather than cutting them (Keras 1, Keras 2, TensorFlow.js), so that continuation lines hold
// name and shape parts and not only further inbound layers. The wrapped layout starts its header
// one space in from the rules; without rules to measure by, list-style connections or
// continuation lines that are not inbound layers tell.
func wrapsCells(node *tableNode, rl []rline) bool {
	hdr := ""
	if len(node.Header) > 0 {
		hdr = rl[idx(node.Header[0])].text
	}
	if strings.Contains(hdr, "Output shape") || strings.Contains(hdr, "Input Shape") || strings.Contains(hdr, "Receives inputs") {
		return false // TensorFlow.js cuts
	}
	rules := len(node.Under) > 0 || len(node.Pre) > 0
	if rules && strings.HasPrefix(hdr, " ") && !strings.HasPrefix(hdr, "  ") {
		return true
	}
	for _, it := range node.Items {
		if it.Row == nil || len(it.Row.Cont) == 0 {
			continue
		}
		first := rl[idx(it.Row.First)].text
		if strings.Contains(first, "['") {
			return true
		}
		for _, ci := range it.Row.Cont {
			if !isConnFragment(rl[idx(ci)].text) {
				return true
			}
		}
	}
	return false
}

// plainRows reads one row group of a layout without box borders (and any further rows that share
// its line in a flattened table).
func (s *regionScanner) plainRows(t *Table, rn *rowNode, rl []rline, c cols, wrapped bool) {
	first := rl[idx(rn.First)]
	text := first.text
	depth := 0
	for strings.HasPrefix(text, "|") {
		depth++
		text = text[1:]
	}
	if depth > 0 {
		text = strings.TrimRight(text, "|")
		text = " " + text // nested rows keep the leading space of their level
	}
	var builders []*rowBuilder
	rest := text
	for {
		b, r, ok := rowScan(rest, c, t)
		if !ok {
			if len(builders) > 0 && strings.TrimSpace(rest) != "" {
				builders[len(builders)-1].addContinuation(rest, cols{input: -1, output: -1, params: -1, conn: c.conn, trainable: -1}, true)
			}
			break
		}
		b.line, b.endLine, b.depth = first.no, first.no, depth
		b.col += first.off
		b.lineOff = first.off
		bb := b
		builders = append(builders, &bb)
		if strings.TrimSpace(r) == "" {
			break
		}
		// the leftover: wrapped fragments of this row, then maybe another row
		lead, tail := splitFragments(r, c, t)
		if lead != "" {
			bb.addContinuation(lead, cols{input: -1, output: -1, params: -1, conn: c.conn, trainable: -1}, true)
		}
		if tail == "" {
			break
		}
		rest = tail
	}
	if len(builders) == 0 {
		t.Problems = append(t.Problems, &Error{Line: first.no, Col: first.off + 1, Msg: "cannot read this row"})
		return
	}
	last := builders[len(builders)-1]
	for _, ci := range rn.Cont {
		l := rl[idx(ci)]
		txt := l.text
		for strings.HasPrefix(txt, "|") {
			txt = txt[1:]
		}
		txt = strings.TrimRight(txt, "|")
		if depth > 0 {
			txt = " " + txt
		}
		last.addContinuation(txt, c, wrapped)
		last.endLine = l.no
	}
	for _, b := range builders {
		b.wrapped = wrapped
		t.Rows = append(t.Rows, b.finish(t))
	}
}

// splitFragments separates the leftover of a row line into leading wrapped fragments and the
// text from where the next row starts.
func splitFragments(r string, c cols, t *Table) (lead, tail string) {
	i := 0
	for i < len(r) {
		i = skipSpaces(r, i)
		if i >= len(r) {
			break
		}
		if _, _, ok := rowScan(r[i:], c, t); ok {
			return r[:i], r[i:]
		}
		for i < len(r) && r[i] != ' ' {
			i++
		}
	}
	return r, ""
}

// readTotals reads one totals line into tot; it returns a problem when the number cannot be read.
func readTotals(tot *Totals, l rline) string {
	t := strings.TrimLeft(strings.TrimSpace(l.text), "-*• ")
	colon := strings.IndexByte(t, ':')
	if colon < 0 {
		return ""
	}
	key := t[:colon]
	v := strings.TrimSpace(t[colon+1:])
	size := ""
	if i := strings.IndexByte(v, '('); i >= 0 {
		if j := strings.IndexByte(v[i:], ')'); j > 0 {
			size = strings.TrimSpace(v[i+1 : i+j])
		}
		v = strings.TrimSpace(v[:i])
	}
	if sp := strings.IndexByte(v, ' '); sp >= 0 {
		v = v[:sp]
	}
	if n := countLen(v); n > 0 && n < len(v) && isIdentStart(v[n]) {
		v = v[:n] // a count run into the next text: "23,561,152NoneEpoch"
	}
	var p *int64
	problem := ""
	if isCount(v) {
		if n, err := strconv.ParseInt(strings.ReplaceAll(v, ",", ""), 10, 64); err == nil {
			p = &n
		} else {
			problem = "cannot read the count " + quote(v) + " of " + key + ": too many digits"
		}
	} else if v != "" {
		problem = "cannot read the count " + quote(v) + " of " + key
	}
	switch key {
	case "Total params":
		tot.Total, tot.TotalSize, tot.Line = p, size, l.no
	case "Trainable params":
		tot.Trainable, tot.TrainSize, tot.TrainLine = p, size, l.no
	case "Non-trainable params":
		tot.NonTrainable, tot.NonTrainSize, tot.NonTrainLine = p, size, l.no
	case "Optimizer params":
		tot.Optimizer, tot.OptSize, tot.OptLine = p, size, l.no
	}
	return problem
}
