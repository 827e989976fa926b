package grammar

import (
	"strings"

	"github.com/kexplain/kexplain/normalize"
)

// boxCols says which cell of a Keras 3 box row holds what (-1: absent).
type boxCols struct {
	layer, output, params, conn, trainable int
	cropped                                bool // the console cut the table's right-hand columns
	named                                  bool // the header names the output and count columns
}

func (b boxCols) columns() []Column {
	out := []Column{ColLayer, ColOutputShape, ColParams}
	if b.conn >= 0 {
		out = append(out, ColConnected)
	}
	if b.trainable >= 0 {
		out = append(out, ColTrainable)
	}
	return out
}

// splitCells splits a box line into its cells: "│ a │ b │" → ["a", "b"].
func splitCells(s string) []string {
	s = normalize.TrimSpace(s)
	s = strings.TrimPrefix(s, "│")
	s = strings.TrimPrefix(s, "┃")
	var parts []string
	start := 0
	for i := borderAt(s, 0); i >= 0; i = borderAt(s, start) {
		if parts == nil {
			parts = make([]string, 0, 6)
		}
		parts = append(parts, s[start:i])
		start = i + 3
	}
	// what follows the last border is only the start of a cell when the console cropped the line
	// (keras issue #21107): it is left out
	return parts
}

// cropped reports whether a box line lost its right end to the console width.
func cropped(s string) bool {
	s = strings.TrimRight(s, " ")
	for _, end := range []string{"│", "┃", "┤", "┩", "┓", "┘"} {
		if strings.HasSuffix(s, end) {
			return false
		}
	}
	return true
}

// boxColumns reads the header cells of a box table (header texts may wrap over several lines).
func boxColumns(node *tableNode, rl []rline) boxCols {
	var heads []string
	b := boxCols{layer: 0, output: -1, params: -1, conn: -1, trainable: -1}
	input := -1 // a TensorFlow.js Input Shape column
	for _, h := range node.Header {
		if cropped(rl[idxOf(h)].text) {
			b.cropped = true
		}
		for i, c := range splitCells(rl[idxOf(h)].text) {
			for len(heads) <= i {
				heads = append(heads, "")
			}
			heads[i] += " " + normalize.TrimSpace(c)
		}
	}
	for i, h := range heads {
		h = strings.ToLower(strings.Trim(h, " _-=━─*"))
		if h == "#" || strings.HasSuffix(h, " #") && !strings.HasPrefix(h, "param") {
			b.params = i
			continue
		}
		switch col, n := headerWord(h); {
		case n > 0 && col == ColLayer:
			b.layer = i
		case n > 0 && col == ColInputShape, strings.Contains(h, "input") && strings.Contains(h, "shape"):
			input = i
		case n > 0 && col == ColOutputShape, strings.Contains(h, "shape") && !strings.Contains(h, "input"):
			b.output = i
		case n > 0 && col == ColParams, strings.HasPrefix(h, "par"), strings.Contains(h, "param"):
			b.params = i
		case n > 0 && col == ColConnected, strings.HasPrefix(h, "conn"), strings.HasPrefix(h, "rec"):
			b.conn = i
		case n > 0 && col == ColTrainable, strings.HasPrefix(h, "t") && len(h) <= 9:
			b.trainable = i
		}
	}
	// a column after the count in words kexplain does not know, or with no header at all (a table
	// cut at the top): what its cells hold says which
	ncells := len(heads)
	if len(node.Header) == 0 {
		rows, open := 0, 0
		for k := range rl {
			if rl[k].kind == lkRow {
				ncells = max(ncells, len(splitCells(rl[k].text)))
				rows++
				if cropped(rl[k].text) {
					open++
				}
			}
		}
		// no header to tell: the console cut the table's right-hand columns when no row line
		// reaches its right border
		if rows > 0 && open == rows {
			b.cropped = true
		}
	}
	for i := 0; i < ncells; i++ {
		if i > 6 {
			break // Keras prints five columns at most; each look reads the whole table
		}
		if i <= max(b.params, 2) || i == b.conn || i == b.trainable {
			continue
		}
		switch boxColumnContent(rl, i) {
		case ColConnected:
			if b.conn < 0 {
				b.conn = i
			}
		case ColTrainable:
			if b.trainable < 0 {
				b.trainable = i
			}
		}
	}
	b.named = b.output >= 0 && b.params >= 0
	// columns in words kexplain does not know stand where Keras prints them; of a cropped table,
	// only those whose header cell the console left whole
	taken := func(i int) bool {
		return i == b.layer || i == input || i == b.output || i == b.params || i == b.conn || i == b.trainable
	}
	next := func(from int) int {
		for taken(from) {
			from++
		}
		return from
	}
	if o := next(1); b.output < 0 && (!b.cropped || len(heads) > o) {
		b.output = o
	}
	if p := next(b.output + 1); b.params < 0 && b.output >= 0 && (!b.cropped || len(heads) > p) {
		b.params = p
	}
	return b
}

// boxColumnContent tells a column by what the rows hold in cell i: layer references
// ("dense[0][0]", "-") are connections, "Y" and "N" the Trainable flag; ColLayer when neither.
func boxColumnContent(rl []rline, i int) Column {
	refs, flags, other := 0, 0, 0
	for k := range rl {
		if rl[k].kind != lkRow {
			continue
		}
		cells := splitCells(rl[k].text)
		if i >= len(cells) {
			continue
		}
		switch c := normalize.TrimSpace(cells[i]); {
		case c == "":
		case c == "Y" || c == "N":
			flags++
		case c == "-" || strings.Contains(c, "][") || strings.HasSuffix(c, "…"):
			refs++
		default:
			other++
		}
	}
	switch {
	case refs > 0 && flags == 0 && other == 0:
		return ColConnected
	case flags > 0 && refs == 0 && other == 0:
		return ColTrainable
	}
	return ColLayer
}

// boxRows reads one row of a box table (or of a retyped one: Markdown pipes, HTML cells): the
// cells of its lines, each cell's lines joined with a space (rich wraps at spaces), taken by the
// header's columns. When the cells do not read that way (a retyped table with a column of its own,
// cells merged or split, two rows on one line), the row is read by content: its cells in order,
// as a plain row would be. What reads neither way is reported, never dropped.
func boxRows(rn *rowNode, rl []rline, bc boxCols, c cols, t *Table) []*Row {
	lines := append([]string{rn.First}, rn.Cont...)
	var cells [][]string
	if len(lines) == 1 {
		// a row of one line (most rows): each cell's lines are that line's cell
		parts := splitCells(rl[idxOf(rn.First)].text)
		cells = make([][]string, len(parts))
		for i := range parts {
			cells[i] = parts[i : i+1 : i+1]
		}
	} else {
		// each column's parts in a stretch of one shared array, room for one part a line
		n := len(lines)
		var room []string
		cells = make([][]string, 0, 8)
		for _, li := range lines {
			for i, c := range splitCells(rl[idxOf(li)].text) {
				for len(cells) <= i {
					if cap(room)-len(room) < n {
						room = make([]string, 0, 8*n)
					}
					k := len(room)
					room = room[:k+n]
					cells = append(cells, room[k:k:k+n])
				}
				cells[i] = append(cells[i], c)
			}
		}
	}
	cell := func(i int) []string {
		if i < 0 || i >= len(cells) {
			return nil
		}
		return cells[i]
	}
	join := func(parts []string) string {
		out, n := "", 0
		for _, p := range parts {
			if p = normalize.TrimSpace(p); p != "" {
				if n == 0 {
					out = p // one part (most cells): no copy
				} else {
					out += " " + p
				}
				n++
			}
		}
		return out
	}
	first := &rl[idxOf(rn.First)]
	start := cellStart(first.text)
	b := rowBuilder{line: first.no, endLine: rl[idxOf(lines[len(lines)-1])].no, col: start, layerSep: " ", src: first}
	// the layer cell: a nested row starts with "   └ " (three spaces a level)
	lc := cell(bc.layer)
	if len(lc) > 0 {
		head := strings.TrimPrefix(lc[0], " ")
		if k, n := treeMark(head); k >= 0 {
			b.depth = k / 3
			if b.depth == 0 {
				b.depth = 1
			}
			lc = append([]string{head[k+n:]}, lc[1:]...)
		} else if len(head)-len(strings.TrimLeft(head, " ")) >= minLostIndent && normalize.TrimSpace(head) != "" {
			b.indented = true // the mark itself lost: nestIndented decides what the counts tell
		}
	}
	b.layer = join(lc)
	b.output = []string{join(cell(bc.output))}
	b.params = join(cell(bc.params))
	if bc.conn >= 0 {
		if cn := join(cell(bc.conn)); cn != "" {
			b.conn = []string{cn}
		}
	}
	if bc.trainable >= 0 {
		b.trainable = join(cell(bc.trainable))
	}
	if !cellsRead(&b, bc) {
		content := cellText(first.text) // a line a row: every cell, also one after the last border
		if len(lines) > 1 {
			var all []string
			for _, cs := range cells {
				if x := join(cs); x != "" {
					all = append(all, x)
				}
			}
			content = strings.Join(all, "  ")
		}
		if rows := contentRows(content, first, start, b.endLine, t); len(rows) > 0 {
			return rows
		}
		if b.layer == "" {
			t.Problems = append(t.Problems, first.errAt(start, "cannot read this line as a row of the table"))
			return nil
		}
	}
	if b.layer == "" {
		return nil
	}
	r := b.finish(t)
	if sh, ok := retypedShape(r.OutputText); ok && (bc.named || retypedRow(first.text)) && r.Output.Kind != ShapeTuple {
		r.Output = sh // "30 x 30 x 32", "1024": the axes a person typed, the batch axis left out
	}
	if r.Output.Kind == ShapeCut || r.Output.Kind == ShapeNone {
		// a cell too narrow for a word ends in "…"; anything else unreadable is a problem
		if !strings.Contains(r.OutputText, "…") && r.OutputText != "" {
			t.Problems = append(t.Problems, first.errAt(start, "cannot read the output shape "+quote(r.OutputText)))
		}
	}
	if len(lines) == 1 {
		if more := rowsAfterColumns(cells, bc, first, start, b.endLine, t); len(more) > 0 {
			return append([]*Row{r}, more...)
		}
	}
	return []*Row{r}
}

// rowsAfterColumns reads the cells of a one-line row that lie past the table's last column: the
// next rows of a retyped table whose line breaks were lost between them ("| 0 |   |dropout
// (Dropout) | (None, 16) | 0 |"), which a Markdown renderer hides and a reader must not drop.
// The empty cell between two rows' pipes is skipped; cells there that read as no row are left
// alone (a column the header names and kexplain does not read).
func rowsAfterColumns(cells [][]string, bc boxCols, first *rline, start, endLine int, t *Table) []*Row {
	last := max(bc.layer, bc.output, bc.params, bc.conn, bc.trainable)
	var rows []*Row
	for n := 0; n < 1<<10 && last >= 0; n++ {
		k := last + 1
		for k < len(cells) && len(cells[k]) == 1 && normalize.TrimSpace(cells[k][0]) == "" {
			k++
		}
		if k+last >= len(cells) {
			break
		}
		cells = cells[k:]
		one := func(i int) string {
			if i < 0 || len(cells[i]) != 1 {
				return ""
			}
			return normalize.TrimSpace(cells[i][0])
		}
		b := rowBuilder{line: first.no, endLine: endLine, col: start, layerSep: " ", src: first}
		b.layer, b.output, b.params = one(bc.layer), []string{one(bc.output)}, one(bc.params)
		if cn := one(bc.conn); cn != "" {
			b.conn = []string{cn}
		}
		b.trainable = one(bc.trainable)
		if !strings.HasPrefix(b.layer, "└") && cellsRead(&b, bc) {
			rows = append(rows, b.finish(t))
			continue
		}
		// cells that do not read by the columns (a shape the print cut): read as text, as a row
		// of its own line would be; what reads as no row is said, never dropped
		var parts []string
		for _, c := range cells {
			for _, p := range c {
				if p = normalize.TrimSpace(p); p != "" {
					parts = append(parts, p)
				}
			}
		}
		more := contentRows(strings.Join(parts, "  "), first, start, endLine, t)
		if len(more) == 0 {
			t.Problems = append(t.Problems, first.errAt(start, "cannot read "+quote(clip(strings.Join(parts, " | ")))+" after this row's cells as a row"))
		}
		return append(rows, more...)
	}
	return rows
}

// cellStart is the byte where the first cell's text starts in a box line.
func cellStart(s string) int {
	for i, r := range s {
		if r != ' ' && r != '│' && r != '┃' {
			return i
		}
	}
	return 0
}

// cellsRead reports whether the cells taken by column read as a row: a layer cell, a shape (or a
// word the print cut), a count (or none where the console cropped the column).
func cellsRead(b *rowBuilder, bc boxCols) bool {
	if !layerCellOK(b.layer) {
		return false
	}
	out := normalize.TrimSpace(strings.Join(b.output, " "))
	_, typed := retypedShape(out)
	if sh := ParseShape(out); (sh.Kind == ShapeCut || sh.Kind == ShapeNone) && !strings.Contains(out, "…") && !(bc.output < 0 && bc.cropped) && !(typed && (bc.named || b.src != nil && retypedRow(b.src.text))) {
		return false
	}
	p := normalize.TrimSpace(b.params)
	if bc.params < 0 {
		return bc.cropped
	}
	if n, _ := parseCount(p); n == nil && !strings.Contains(p, "…") && !(p == "" && bc.cropped) && !asked(p) {
		return false
	}
	return true
}

// lostTreeMarks stand where a console that cannot encode "└" printed the tree mark of a nested
// row: Python's replacement "?" (rich then draws its box in ASCII too) or U+FFFD.
var lostTreeMarks = []string{"?", "\uFFFD"}

// treeMark finds the tree mark of a nested row at the start of a layer cell's first line, after
// its spaces: where it starts and its length in bytes; -1 when there is none. A lost mark counts
// only when a space and a layer's name follow it (no layer name starts with one), or when it
// stands indented and alone in the cell's first line (the name wrapped onto the next).
func treeMark(head string) (at, n int) {
	k := len(head) - len(strings.TrimLeft(head, " "))
	rest := head[k:]
	if strings.HasPrefix(rest, "└") {
		return k, len("└")
	}
	for _, m := range lostTreeMarks {
		if strings.HasPrefix(rest, m+" ") && len(rest) > len(m)+1 && isIdentStart(rest[len(m)+1]) {
			return k, len(m) // a layer's name follows it (spaces squeezed may leave none before it)
		}
		if k >= 2 && strings.TrimRight(rest, " ") == m {
			return k, len(m) // indented and alone: the name wrapped onto the cell's next line
		}
	}
	return -1, 0
}

// minLostIndent is how far in a box row's layer cell starts when its tree mark was lost whole
// (three spaces a level, and the space the mark stood in).
const minLostIndent = 3

// nestIndented gives a depth to box rows whose tree mark was lost whole (a console that could not
// print "└" and dropped it, a recogniser that did not see it): a run of indented rows under a row
// that is not, whose counts add up to exactly that row's count, are its layers, a level below it
// (two rows at least, or one under a Sequential, Functional or Model row). The run may hold rows
// whose mark was read, a level below (some marks lost, others not); rows deeper still are inside
// one of its rows, counted there. Runs that do not add up keep
// depth 0 and Indented: their nesting cannot be told (explain does not sum them against Total
// params as if it could).
func nestIndented(t *Table) {
	rows := t.Rows
	for i := 0; i < len(rows); i++ {
		p := rows[i]
		if p.Indented || p.Params == nil || *p.Params <= 0 {
			continue
		}
		j := i + 1
		var sum int64
		whole := true
		lost := 0
		for ; j < len(rows); j++ {
			r := rows[j]
			lostMark := r.Indented && r.Depth == 0
			if !lostMark && r.Depth <= p.Depth {
				break
			}
			if lostMark {
				lost++
			}
			if r.Depth > p.Depth+1 {
				continue // inside a row of the run: its count is in that row's
			}
			if r.Params == nil {
				whole = false
			} else {
				sum += *r.Params
			}
		}
		if lost == 0 {
			continue
		}
		// one row alone under another of the same count is as likely two equal layers in a
		// retyped table whose cells are centred: it is nested only under a model's row
		model := p.TypeText == "Sequential" || p.TypeText == "Functional" || p.TypeText == "Model"
		if (j > i+2 || j == i+2 && model) && whole && sum == *p.Params {
			for k := i + 1; k < j; k++ {
				if rows[k].Indented && rows[k].Depth == 0 {
					rows[k].Depth = p.Depth + 1
				}
			}
		}
	}
}

// contentRows reads a box or retyped row by content: its cells' text in order, parted by two
// spaces, as rows of a plain table whose columns are unknown (two rows may share the line).
func contentRows(text string, first *rline, start, endLine int, t *Table) []*Row {
	text = normalize.TrimSpace(text)
	depth := 0
	if strings.HasPrefix(text, "└") {
		depth = 1
		text = normalize.TrimSpace(strings.TrimPrefix(text, "└"))
	}
	c := looseCols
	var rows []*Row
	rest := text
	for n := 0; n < 1<<16 && rest != ""; n++ {
		b, r, ok := rowScan(rest, c, nil)
		if !ok || !layerCellOK(b.layer) {
			// a leading cell of the retyped table's own (an index) is skipped once
			if n == 0 && len(rows) == 0 {
				if k := strings.Index(rest, "  "); k > 0 && k < 12 {
					rest = normalize.TrimSpace(rest[k:])
					continue
				}
			}
			break
		}
		b.line, b.endLine, b.depth = first.no, endLine, depth
		b.src, b.base, b.col = first, 0, start
		b.paramsCol, b.shortCol = start, start
		rows = append(rows, b.finish(t))
		rest = normalize.TrimSpace(r)
	}
	if strings.Trim(cutAnnotation(rest), "| ") != "" && len(rows) > 0 { // a note typed after the row ("<-- why?") is no cell
		t.Problems = append(t.Problems, first.errAt(start, "cannot read "+quote(clip(rest))+" on this line as a row"))
	}
	return rows
}

// clip shortens text for a message.
func clip(s string) string {
	if len(s) > 60 {
		return s[:57] + "…"
	}
	return s
}

func quote(s string) string { return `"` + s + `"` }
