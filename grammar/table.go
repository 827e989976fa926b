package grammar

import (
	"strings"

	"github.com/alecthomas/participle/v2/lexer"
	"github.com/kexplain/kexplain/normalize"
)

// rline is a line of a table region with the table's indentation removed.
type rline struct {
	no    int    // 1-based input line
	text  string // relative to the table's left edge
	src   *line  // the line it is part of
	shift int    // bytes of src.text removed before text
	tabs  bool   // columns cannot be trusted
	flat  bool   // from a line that held the whole table
	kind  lineKind
}

// cellText is cellText(l.text): the one classifyLine made when the line's text, trimmed, is
// still the text it read (the table's edge and trailing spaces cut from a line change neither).
func (l *rline) cellText() string {
	if l.src != nil && l.src.ctFrom != "" && normalize.TrimSpace(l.text) == l.src.ctFrom {
		return l.src.ct
	}
	return cellText(l.text)
}

// posAt gives the input line and column of byte i of the line's text.
func (l *rline) posAt(i int) (int, int) {
	if l.src == nil {
		return l.no, i + 1
	}
	return l.src.pos(i + l.shift)
}

// errAt makes a problem at byte i of the line's text.
func (l *rline) errAt(i int, msg string) *Error {
	ln, col := l.posAt(i)
	return &Error{Line: ln, Col: col, Msg: msg}
}

// isHeaderTail reports whether a line holds only the last titles of a wrapped header.
func isHeaderTail(t string) bool {
	t = strings.ToLower(normalize.TrimSpace(t))
	if t == "" || len(t) > 40 {
		return false
	}
	for t != "" {
		c, n := headerWord(t)
		if n == 0 || c == ColLayer {
			return false
		}
		t = normalize.TrimSpace(t[n:])
	}
	return true
}

// looksCutRow reports whether a line starts like a row ("name (Class)  (None, 6") but ends
// before its count.
func looksCutRow(t string) bool {
	ch := chunks(normalize.TrimSpace(t))
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
	if len(t) > 2000 {
		return false
	}
	for _, ch := range chunks(strings.Trim(t, "|")) {
		x := ch.text
		if isConnFragment(x) || isShapeFragment(x) || isReprFragment(x) {
			continue
		}
		if len(x) <= 40 && strings.Count(x, " ") <= 1 && !strings.ContainsAny(x, ".:;!?") {
			continue
		}
		if a, b, two := strings.Cut(normalize.TrimSpace(x), " "); two && len(a) <= 40 && !strings.ContainsAny(a, ".:;!?") && isConnFragment(b) {
			continue // a wrapped cell's piece and a connection run together where spaces were squeezed
		}
		return false
	}
	return normalize.TrimSpace(t) != ""
}

// build reads the table of one region.
func (f *finder) build(r region) *Table {
	var idx []int
	for i := r.start; i < r.end; i++ {
		idx = append(idx, i)
	}
	for _, i := range r.totals {
		if i >= r.end {
			idx = append(idx, i)
		}
	}
	if r.close >= r.end && (len(idx) == 0 || r.close > idx[len(idx)-1]) {
		idx = append(idx, r.close)
	}
	rl := make([]rline, len(idx))
	for k, i := range idx {
		l := &f.lines[i]
		rl[k] = rline{no: l.no, text: l.text, src: l, tabs: l.tabs, flat: l.flat, kind: f.kinds[i]}
		if i >= r.end && f.kinds[i] != lkTotals {
			rl[k].kind = lkRule
		}
	}
	// the header: a header line before the first row, or a line of column titles in words
	// kexplain does not know in the header's place
	hi := -1
	for k := range rl {
		if rl[k].kind == lkRow {
			break
		}
		if rl[k].kind == lkHeader || rl[k].kind == lkBoxHead {
			hi = k
			break
		}
	}
	if hi < 0 {
		for k := range rl {
			if rl[k].kind == lkRow {
				break
			}
			if rl[k].kind == lkProse && looksHeader(normalize.TrimSpace(rl[k].text)) {
				hi = k
				rl[k].kind = lkHeader
				break
			}
		}
	}
	// the left edge: where the rules and box lines start, else the leftmost header or row
	edge := -1
	for _, l := range rl {
		tt := normalize.TrimSpace(l.text)
		if isRuleText(tt) || l.kind.boxBorder() || strings.HasPrefix(tt, "┃") || strings.HasPrefix(tt, "│") {
			if n := leadingSpaces(l.text); edge < 0 || n < edge {
				edge = n
			}
		}
	}
	if edge < 0 {
		for _, l := range rl {
			if normalize.TrimSpace(l.text) != "" && l.kind != lkTotals && l.kind != lkTitle {
				if n := leadingSpaces(l.text); edge < 0 || n < edge {
					edge = n
				}
			}
		}
	}
	if edge < 0 {
		edge = 0
	}
	for i := range rl {
		n := leadingSpaces(rl[i].text)
		if n > edge {
			n = edge
		}
		rl[i].text = strings.TrimRight(rl[i].text[n:], " ")
		rl[i].shift += n
	}
	t := &Table{StartLine: rl[0].no, EndLine: rl[len(rl)-1].no}
	for _, l := range rl {
		if l.src != nil && l.src.src != nil {
			// an HTML row made of several input lines ends on the last of them
			if ln := l.src.src.LineOf(len(l.text) + l.shift); ln > t.EndLine {
				t.EndLine = ln
			}
		}
	}
	hdr := ""
	if hi >= 0 {
		if hi+1 < len(rl) && rl[hi+1].kind == lkProse && isHeaderTail(rl[hi+1].text) {
			rl[hi].text += "  " + normalize.TrimSpace(rl[hi+1].text)
			rl[hi].tabs = true // the columns no longer line up
			rl[hi+1].text = ""
			rl[hi+1].kind = lkBlank
		}
		hdr = rl[hi].text
		// the further lines of a header a narrow print wrapped ("am" / "#" under "Par")
		for k := hi + 1; k < len(rl) && rl[k].kind != lkRow; k++ {
			if rl[k].kind == lkProse && isHeaderFragment(normalize.TrimSpace(rl[k].text)) {
				rl[k].kind = lkBlank
			}
		}
	}
	t.Keras0 = strings.Contains(strings.ToLower(hdr), "layer (name)") || hi < 0 && keras0Rows(rl)
	// separator rows between the rows part them (an ASCII box, an org table), as ├──┤ does; one
	// stray among many rows (a Markdown table begun again) does not
	firstRow, rows, between := -1, 0, 0
	for k := range rl {
		switch {
		case rl[k].kind == lkRow:
			if firstRow < 0 {
				firstRow = k
			}
			rows++
		case rl[k].kind == lkBoxHeadSep && firstRow >= 0:
			between++
		}
	}
	if firstRow >= 0 && rows > 1 && between*2 >= rows-1 {
		for j := firstRow + 1; j < len(rl); j++ {
			if rl[j].kind == lkBoxHeadSep {
				rl[j].kind = lkBoxSep
			}
		}
	}
	box := false
	seps := false
	for _, l := range rl {
		tt := normalize.TrimSpace(l.text)
		switch firstRune(tt) {
		case '┏', '┃', '│', '┡', '├', '└':
			box = true
		}
		if l.kind == lkBoxSep {
			seps = true
		}
	}
	c := columnsFrom(hdr, rl, t)
	t.Columns = columnsOf(c)
	t.NoHeader = hi < 0
	if hi < 0 && len(rl) > 0 {
		first := 0
		for first < len(rl) && rl[first].kind != lkRow {
			first++
		}
		if first < len(rl) {
			e := rl[first].errAt(leadingSpaces(rl[first].text), "the table has no header line; its columns were read from the rows")
			e.Minor = true
			t.Problems = append(t.Problems, e)
		}
	}
	// lines of the body that did not read alone may read with the header's columns
	for k := hi + 1; k < len(rl); k++ {
		if rl[k].kind == lkProse && looksRowish(normalize.TrimSpace(rl[k].text)) {
			if _, _, ok := rowScan(trimPipes(rl[k].text), c, nil); ok {
				rl[k].kind = lkRow
			}
		}
	}
	kinds := tokens(rl, hi, box, seps)
	node, err := parseStructure(kinds)
	if err != nil {
		pos := 0
		if pe, ok := err.(interface{ Position() lexer.Position }); ok {
			pos = pe.Position().Line - 1
		}
		if pos < 0 || pos >= len(rl) {
			pos = len(rl) - 1
		}
		t.Problems = append(t.Problems, rl[pos].errAt(0, "cannot read the table structure here"))
		if node == nil {
			return t
		}
	}
	if node.Title != nil {
		t.Name = titleName(cellText(rl[idxOf(*node.Title)].text))
	}
	for _, l := range rl {
		if tt := normalize.TrimSpace(l.text); strings.HasPrefix(tt, "Initial input shape:") {
			t.Input = ParseShape(strings.TrimPrefix(tt, "Initial input shape:"))
		}
	}
	assemble(t, node, rl, c, box)
	t.Retyped, t.Framed = retyped(rl), framed(rl, hi) && len(t.Elided) == 0
	for k := r.start - 1; k >= 0 && k >= r.start-12; k-- {
		if strings.Contains(f.lines[k].text, "layer_range") {
			t.Partial = "model.summary(layer_range=…) prints a slice of the layers, and the totals of the whole model"
			break
		}
	}
	t.Format = detectFormat(t, rl, hi, c, box, kinds)
	if r.rows == 0 && len(t.Rows) == 0 && r.unread > 1 {
		first := 0
		for first < len(rl) && (first <= hi || rl[first].kind != lkRow && rl[first].kind != lkCell && rl[first].kind != lkProse) {
			first++
		}
		if first >= len(rl) {
			first = len(rl) - 1
		}
		// one finding for the table, not one a line
		kept := t.Problems[:0]
		for _, p := range t.Problems {
			if !strings.HasPrefix(p.Msg, "cannot read this line") && !strings.HasPrefix(p.Msg, "this row is cut off") {
				kept = append(kept, p)
			}
		}
		t.Problems = append(kept, rl[first].errAt(leadingSpaces(rl[first].text),
			"the rows under this header cannot be read (their columns are scrambled, as an OCR or PDF copy leaves them): nothing in this table can be trusted"))
	}
	return t
}

// keras0Rows reports rows printed type first, "Dense (dense)": Keras 0.x, told without a header
// by a class name in front of a lower-case name in parentheses.
func keras0Rows(rl []rline) bool {
	n, k0 := 0, 0
	for _, l := range rl {
		if l.kind != lkRow {
			continue
		}
		t := normalize.TrimSpace(l.text)
		i := strings.Index(t, " (")
		if i <= 0 || i+2 >= len(t) {
			continue
		}
		n++
		if t[0] >= 'A' && t[0] <= 'Z' && t[i+2] >= 'a' && t[i+2] <= 'z' && !strings.Contains(t[:i], "_") {
			k0++
		}
	}
	return n > 0 && k0*4 >= n*3
}

// tokens gives each region line its token type for the table grammar.
func tokens(rl []rline, hi int, box, seps bool) []lexer.TokenType {
	kinds := make([]lexer.TokenType, len(rl))
	prev := lexer.TokenType(0)
	seenRow := false
	for i, l := range rl {
		var k lexer.TokenType
		switch l.kind {
		case lkBlank:
			k = tBlank
		case lkRule:
			k = tRule
		case lkEq:
			k = tEq
		case lkMacron:
			k = tMacron
		case lkBoxTop:
			k = tBoxTop
		case lkBoxHeadSep:
			k = tBoxHeadSep
		case lkBoxSep:
			k = tBoxSep
		case lkBoxBottom:
			k = tBoxBottom
		case lkHeader, lkBoxHead:
			k = tHeader
			if box {
				k = tBoxHead
			}
			if seenRow {
				k = tHeader // a stray header inside the body
			}
		case lkTitle:
			k = tTitle
			if seenRow {
				k = tCont
			}
		case lkInitial:
			k = tBlank
		case lkTotals:
			k = tTotals
		case lkElision:
			k = tElision
		case lkRow:
			switch {
			case box && strings.HasPrefix(normalize.TrimSpace(l.text), "│") && seps:
				k = tBoxCont
				if prev == tBoxHeadSep || prev == tBoxSep || prev == tBoxHead || prev == tBoxTop || prev == tElision || prev == 0 {
					k = tBoxRow // after a separator, after rows left out, or first (a table cut at the top)
				}
			case box && (strings.HasPrefix(normalize.TrimSpace(l.text), "│") || strings.HasPrefix(normalize.TrimSpace(l.text), "┃")):
				k = tBoxRow
			default:
				k = tRow
			}
			seenRow = true
		case lkCell:
			k = tBoxCont
			if seps && (prev == tBoxHeadSep || prev == tBoxSep || prev == tBoxHead || prev == tElision) {
				k = tBoxRow
				seenRow = true
			} else if !seps && !cellContinues(l.text) {
				k = tBoxRow // a row whose cells do not read: reported, not dropped
				seenRow = true
			}
		default: // prose in the body: a continuation line
			k = tCont
		}
		if i == hi {
			k = tHeader
			if box {
				k = tBoxHead
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
	for i := 0; i < hi; i++ {
		switch kinds[i] {
		case tTitle, tRule, tEq, tBoxTop, tBlank, tMacron:
		default:
			kinds[i] = tBlank
		}
	}
	return kinds
}

// cellContinues reports whether a box line without separators continues the row above: only its
// first cells hold text (a wrapped name), the shape and count cells are empty.
func cellContinues(t string) bool {
	cells := splitCells(t)
	if len(cells) < 3 {
		return true
	}
	for _, c := range cells[1:] {
		if x := normalize.TrimSpace(c); x != "" && !isShapeFragment(x) && !isConnFragment(x) && x != "(unbuilt)" {
			return false
		}
	}
	return true
}

// titleName reads the model name from `Model: "sequential_1"` (or a title in other words, see
// translated.go).
func titleName(t string) string {
	t = normalize.TrimSpace(t)
	if !strings.HasPrefix(t, "Model") && wordTitle(t) {
		t = t[strings.IndexByte(t, ':')+1:]
	}
	t = normalize.TrimSpace(strings.TrimPrefix(t, "Model:"))
	t = strings.Trim(t, `"'`)
	return t
}

// headerCols finds the columns of a plain header line.
func headerCols(hdr string) cols {
	c := cols{input: -1, output: -1, params: -1, conn: -1, trainable: -1}
	low := strings.ToLower(hdr)
	for k := 0; k < len(low); {
		col, n := headerWord(low[k:])
		if n == 0 || k > 0 && isAlnum(low[k-1]) {
			k++
			continue
		}
		at := runeCol(hdr, k)
		switch col {
		case ColInputShape:
			if c.input < 0 {
				c.input = at
			}
		case ColOutputShape:
			if c.output < 0 {
				c.output = at
			}
		case ColParams:
			if c.params < 0 {
				c.params = at
			}
		case ColConnected:
			if c.conn < 0 {
				c.conn = at
			}
		case ColTrainable:
			if c.trainable < 0 {
				c.trainable = at
			}
		}
		k += n
	}
	// a narrow print cuts or wraps the titles: "Par", "Receives inpu", "Connec"
	if c.params < 0 {
		if i := strings.Index(hdr, "Par"); i >= 0 {
			c.params = runeCol(hdr, i)
		}
	}
	if c.conn < 0 {
		for _, w := range []string{"Connec", "Recei"} {
			if i := strings.Index(hdr, w); i >= 0 {
				c.conn = runeCol(hdr, i)
				break
			}
		}
	}
	if c.output < 0 {
		if i := strings.Index(hdr, "Outp"); i >= 0 {
			c.output = runeCol(hdr, i)
		}
	}
	c.aligned = strings.Contains(hdr, "  ")
	return c
}

// columnsFrom finds a table's columns: from its header when it has one, else from its rows (a
// "[0][0]" reference means Connected to, a second shape before the count means TensorFlow.js's
// Input Shape, "Y"/"N" after the count a Trainable column).
func columnsFrom(hdr string, rl []rline, t *Table) cols {
	var c cols
	if hdr != "" {
		c = headerCols(hdr)
		if !strings.Contains(strings.ToLower(hdr), "layer") {
			// column titles in unknown words: their positions only
			c = cols{input: -1, output: -1, params: -1, conn: -1, trainable: -1}
		}
	} else {
		c = cols{input: -1, output: -1, params: -1, conn: -1, trainable: -1}
	}
	if hdr != "" && c.output >= 0 {
		// columns the header does not name (cut from its end, or a retyped header) but the rows show
		for k := range rl {
			l := &rl[k]
			if l.kind != lkRow {
				continue
			}
			b, _, ok := rowScan(l.cellText(), looseCols, nil)
			if !ok {
				continue
			}
			if len(b.conn) > 0 && c.conn < 0 {
				c.conn = runeCol(l.text, strings.Index(l.text, b.conn[0]))
			}
			if b.trainable != "" && c.trainable < 0 {
				c.trainable = 0
			}
		}
	}
	if hdr == "" || c.output < 0 && c.params < 0 {
		c.aligned = false
		for k := range rl {
			l := &rl[k]
			if l.kind != lkRow {
				continue
			}
			b, _, ok := rowScan(l.cellText(), looseCols, nil)
			if !ok {
				continue
			}
			if b.input != "" {
				c.input = 0
			}
			if len(b.conn) > 0 {
				c.conn = 0
			}
			if b.trainable != "" {
				c.trainable = 0
			}
		}
		if strings.Contains(hdr, "│") || strings.Contains(hdr, "┃") {
			c.aligned = false
		}
	}
	for _, l := range rl {
		if l.tabs {
			c.aligned = false
		}
		if l.flat {
			c.stream = true
			c.aligned = false // the columns of rows that share a line are lost
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

// assemble reads rows and totals from the parsed structure.
func assemble(t *Table, node *tableNode, rl []rline, c cols, box bool) {
	var bc boxCols
	if box {
		bc = boxColumns(node, rl)
		t.Columns = bc.columns()
		t.Cropped = bc.cropped
	}
	wrapped := wrapsCells(node, rl)
	var gaps []int         // indices of the rows that follow an elision mark
	afterCut := t.NoHeader // the next row may be the tail of one a cut took the start of
	for _, it := range node.Items {
		switch {
		case it.First != "":
			rn := it.row()
			first := rl[idxOf(rn.First)]
			if box && hasBar(firstRuneStr(normalize.TrimSpace(first.text))) {
				if afterCut && boxRowTail(rn, rl, bc) {
					afterCut = false
					continue // the tail of a row left out: the elision (or the cut) says so
				}
				afterCut = false
				t.Rows = append(t.Rows, boxRows(rn, rl, bc, c, t)...)
				continue
			}
			afterCut = false
			plainRows(t, rn, rl, c, wrapped)
		case it.Totals != nil:
			l := &rl[idxOf(*it.Totals)]
			if at, msg := readTotals(&t.Totals, l); msg != "" {
				t.Problems = append(t.Problems, l.errAt(at, msg))
			}
		case it.Elision != nil:
			t.Elided = append(t.Elided, rl[idxOf(*it.Elision)].no)
			if len(t.Rows) > 0 {
				gaps = append(gaps, len(t.Rows))
				cutInsideRow(t, t.Rows[len(t.Rows)-1], "rows are left out inside this row")
			}
			afterCut = true
		case it.Stray != nil:
			l := &rl[idxOf(*it.Stray)]
			if normalize.TrimSpace(l.text) != "" && l.kind != lkHeader && l.kind != lkBoxHead && l.kind != lkTitle {
				msg := "cannot read this line as a row of the table"
				if looksCutRow(l.text) {
					msg = "this row is cut off: no count can be read"
				}
				t.Problems = append(t.Problems, l.errAt(leadingSpaces(l.text), msg))
				if len(t.Rows) > 0 {
					// a row that could not be read is a gap: the rows around it are not chained
					// across it, and the totals say what the rows read do not account for
					gaps = append(gaps, len(t.Rows))
				}
			}
		}
	}
	markGaps(t, gaps)
	endsInsideRow(t, node, rl)
	if box {
		nestIndented(t)
	}
}

// endsInsideRow: a paste cut at the bottom (an excerpt of a file, a copy that stopped short) may
// end inside a wrapped row, its output shape left open ("(None, 30, 26,"). That shape is cut, as
// the print cuts one, not misread: a remark, and the rows after it are left out.
func endsInsideRow(t *Table, node *tableNode, rl []rline) {
	n := len(node.Items)
	for n > 0 && (node.Items[n-1].Blank || node.Items[n-1].Stray != nil || node.Items[n-1].Elision != nil) {
		n-- // blank lines, prose or an elision mark after the last row: the paste went on with something else
	}
	if n == 0 || node.Items[n-1].First == "" || len(t.Rows) == 0 {
		return
	}
	if cutInsideRow(t, t.Rows[len(t.Rows)-1], "the paste ends inside this row") {
		t.Elided = append(t.Elided, t.Rows[len(t.Rows)-1].EndLine)
	}
}

// cutInsideRow reports a row whose output shape a cut left open, its last bracket never closed
// ("(None, 30, 26,", "[(None, 128), (None, 1"), and says so as a remark (why: where the cut is)
// in place of the misreading it would be. A stray bracket in a whole cell ("((None, 64)") is a
// misreading, not a cut.
func cutInsideRow(t *Table, r *Row, why string) bool {
	o := strings.LastIndexAny(r.OutputText, "([")
	if r.Output.Kind != ShapeCut && r.Output.Kind != ShapeNone || o < 0 || strings.ContainsAny(r.OutputText[o:], ")]") {
		return false
	}
	msg := why + ": its output shape " + quote(r.OutputText) + " is cut"
	said := false
	for _, p := range t.Problems {
		if p.Line == r.Line && (strings.HasPrefix(p.Msg, "cannot read the output shape") || strings.HasPrefix(p.Msg, "the brackets of the shape")) {
			p.Msg, p.Minor, said = msg, true, true
		}
	}
	if !said {
		t.Problems = append(t.Problems, &Error{Line: r.Line, Col: r.Col, Msg: msg, Minor: true})
	}
	return true
}

// boxRowTail reports a box row node that is the tail of a row whose first lines were left out
// (under an elision mark, or at the top of a table cut there): no line of it holds a count.
func boxRowTail(rn *rowNode, rl []rline, bc boxCols) bool {
	if bc.params < 0 || bc.cropped {
		return false
	}
	for _, li := range append([]string{rn.First}, rn.Cont...) {
		cells := splitCells(rl[idxOf(li)].text)
		if bc.params < len(cells) && strings.TrimSpace(cells[bc.params]) != "" {
			return false
		}
		for _, c := range cells {
			if n, _ := parseCount(strings.TrimSpace(c)); n != nil {
				return false // a count in another cell: a retyped row with its cells moved, not a tail
			}
		}
	}
	return true
}

func markGaps(t *Table, gaps []int) {
	for _, i := range gaps {
		if i < len(t.Rows) {
			t.Rows[i].AfterGap = true
		}
	}
}

func firstRuneStr(s string) string {
	for _, r := range s {
		return string(r)
	}
	return ""
}

// wrapsCells tells whether a plain table wraps long cells onto further lines (tf.keras 2.7+)
// rather than cutting them (Keras 1, Keras 2, TensorFlow.js), so that continuation lines hold
// name and shape parts and not only further inbound layers. The wrapped layout starts its header
// one space in from the rules; without rules to measure by, list-style connections or
// continuation lines that are not inbound layers tell.
func wrapsCells(node *tableNode, rl []rline) bool {
	hdr := ""
	if len(node.Header) > 0 {
		hdr = rl[idxOf(node.Header[0])].text
	}
	if strings.Contains(hdr, "Output shape") || strings.Contains(hdr, "Input Shape") || strings.Contains(hdr, "Receives inputs") {
		return false // TensorFlow.js cuts
	}
	for _, it := range node.Items {
		if it.First != "" && strings.Contains(rl[idxOf(it.First)].text, "[null") {
			return false // TensorFlow.js cuts, whatever its header says
		}
	}
	rules := len(node.Under) > 0 || len(node.Pre) > 0
	if rules && strings.HasPrefix(hdr, " ") && !strings.HasPrefix(hdr, "  ") {
		return true
	}
	for _, it := range node.Items {
		if it.First == "" || len(it.Cont) == 0 {
			continue
		}
		first := rl[idxOf(it.First)].text
		if strings.Contains(first, "['") {
			return true
		}
		for _, ci := range it.Cont {
			if !isConnFragment(rl[idxOf(ci)].text) {
				return true
			}
		}
	}
	return false
}

// plainRows reads one row group of a layout without box borders (and any further rows that share
// its line in a flattened table).
func plainRows(t *Table, rn *rowNode, rl []rline, c cols, wrapped bool) {
	first := &rl[idxOf(rn.First)]
	text := first.text
	base := 0 // byte offset of text[0] in first.text
	depth := 0
	for strings.HasPrefix(text, "|") {
		depth++
		text = text[1:]
		base++
	}
	if depth > 0 {
		text = strings.TrimRight(text, "|")
		text = " " + text // nested rows keep the leading space of their level
		base--
	}
	if k := strings.Index(text, "└"); k >= 0 && normalize.TrimSpace(text[:k]) == "" {
		// the tree mark of a nested row that lost its box (a retyped Keras 3 table): three
		// spaces a level before it
		depth = k/3 + 1
		text = strings.Repeat(" ", k+len("└")) + text[k+len("└"):]
	}
	var builders []*rowBuilder
	gapNext := false
	rest := text
	for n := 0; n < 1<<20; n++ {
		off := len(text) - len(rest)
		b, r, ok := rowScan(rest, c, t)
		if !ok {
			if isDotsText(rest) {
				t.Elided = append(t.Elided, first.no)
				break
			}
			if len(builders) > 0 && normalize.TrimSpace(rest) != "" {
				builders[len(builders)-1].addContinuation(rest, cols{input: -1, output: -1, params: -1, conn: c.conn, trainable: -1}, wrapped)
			}
			break
		}
		b.line, b.endLine, b.depth = first.no, first.no, depth
		b.src, b.base = first, base+off
		b.afterGap, gapNext = gapNext, false
		bb := b
		builders = append(builders, &bb)
		if normalize.TrimSpace(r) == "" {
			break
		}
		// the leftover: wrapped fragments of this row, then maybe another row
		lead, tail := splitFragments(r, c, t)
		if isDotsText(lead) {
			t.Elided = append(t.Elided, first.no) // rows left out inside a line that holds several
			lead = ""
			gapNext = true
		}
		lead = cutAnnotation(lead)
		if normalize.TrimSpace(lead) != "" {
			// what follows a row on its line: wrapped parts of its cells where the table wraps;
			// a table without a Connected to column has no inbound layers to continue a row with,
			// so there too
			w := wrapped || c.conn < 0
			bb.addContinuation(lead, cols{input: -1, output: -1, params: -1, conn: c.conn, trainable: -1}, w)
		}
		if tail == "" {
			break
		}
		rest = tail
	}
	if len(builders) == 0 {
		msg := "cannot read this row"
		if looksCutRow(first.text) {
			msg = "this row is cut off: no count can be read"
		}
		t.Problems = append(t.Problems, first.errAt(leadingSpaces(first.text), msg))
		return
	}
	last := builders[len(builders)-1]
	for _, ci := range rn.Cont {
		l := rl[idxOf(ci)]
		txt := l.text
		for strings.HasPrefix(txt, "|") {
			txt = txt[1:]
		}
		txt = strings.TrimRight(txt, "|")
		if depth > 0 {
			txt = " " + txt
		}
		last.addContinuation(cutAnnotation(txt), c, wrapped)
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

// markupOpeners are the characters that start a block's closing markup glued to the last line of
// the text (BBCode's "[/code]", Confluence's "{code}", HTML's "</pre>", a string's quotes, a
// fence): none of them continues a count.
const markupOpeners = "[{<`\"'~\\*"

// readTotals reads one totals line into tot; it returns a problem (and the byte where it is)
// when the number cannot be read.
func readTotals(tot *Totals, l *rline) (int, string) {
	raw := l.text
	t := strings.TrimLeft(cellText(normalize.TrimSpace(raw)), " -*•>#|")
	key, rest := totalsLabel(t)
	if l.src != nil && l.src.total != "" {
		key, rest = lineTotalsLabel(l.src, t)
	}
	if key == "" {
		return 0, ""
	}
	v := normalize.TrimSpace(t[rest:])
	size := ""
	if i := strings.IndexByte(v, '('); i >= 0 {
		if j := strings.IndexByte(v[i:], ')'); j > 0 {
			size = normalize.TrimSpace(v[i+1 : i+j])
		}
		v = normalize.TrimSpace(v[:i])
	}
	if n := spacedCountLen(v); n > 0 {
		v = v[:n] // a count parted into groups by spaces ("164 869") stays whole
	} else if sp := strings.IndexByte(v, ' '); sp >= 0 {
		v = v[:sp]
	}
	if n := countLen(v); n > 0 && n < len(v) && (isIdentStart(v[n]) || strings.IndexByte(markupOpeners, v[n]) >= 0) {
		v = v[:n] // a count run into the next text ("1,234,567NoneEpoch") or into the markup that closes a code block ("147148[/code]", "0{code}", "0</pre>")
	}
	v = strings.TrimRight(v, ".;")
	at := strings.Index(raw, v)
	if at < 0 || v == "" {
		at = leadingSpaces(raw)
	}
	var p *int64
	problem := ""
	if isCount(v) {
		if n, ok := countValue(v); ok {
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
	return at, problem
}

// retyped reports a table whose rows are cells of a Markdown pipe table, an HTML or LaTeX table,
// or whose rules have gaps between the columns (a reStructuredText simple table): no Keras print.
func retyped(rl []rline) bool {
	for _, l := range rl {
		if l.kind == lkRow && l.src != nil && l.src.src != nil && l.src.src.Cells {
			return true
		}
		if (l.kind == lkEq || l.kind == lkRule) && strings.Contains(normalize.TrimSpace(l.text), " ") {
			return true
		}
	}
	return false
}

// framed reports whether the print's frame is whole: a header with a rule under it, and a rule or
// a box bottom closing the rows (before the totals).
func framed(rl []rline, hi int) bool {
	if hi < 0 {
		return false
	}
	under := false
	for k := hi + 1; k < len(rl); k++ {
		switch rl[k].kind {
		case lkBlank, lkBoxHead:
			continue
		case lkRule, lkEq:
			under = true
		case lkBoxHeadSep:
			under = rl[k].src == nil || rl[k].src.src == nil || !rl[k].src.src.Sep
		}
		break
	}
	if !under {
		return false
	}
	lastRow := -1
	for k := range rl {
		if rl[k].kind == lkRow {
			lastRow = k
		}
	}
	if lastRow < 0 {
		return false
	}
	for k := lastRow + 1; k < len(rl); k++ {
		switch rl[k].kind {
		case lkBlank, lkCell, lkProse:
			continue // a spacer, a wrapped row's further lines
		case lkEq, lkRule, lkBoxBottom, lkMacron:
			return true
		}
		return false
	}
	return false
}

// isReprFragment reports a wrapped piece of a Python object's repr printed as an output shape
// ("n_state=(None, 128,", "ne, hidden_states=N"): fields written name=value, shape pieces and
// comma-ended words, nothing else.
func isReprFragment(x string) bool {
	x = normalize.TrimSpace(x)
	if !strings.Contains(x, "=") || len(x) > 80 {
		return false
	}
	for _, w := range strings.Fields(x) {
		for i := 0; i < len(w); i++ {
			if c := w[i]; !isAlnum(c) && !strings.ContainsRune("_=(),[]", rune(c)) {
				return false
			}
		}
		if !strings.Contains(w, "=") && !strings.HasSuffix(w, ",") && !isShapeFragment(w) {
			return false
		}
	}
	return true
}
