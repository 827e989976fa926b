package normalize

// Line is one line after normalisation.
type Line struct {
	No      int    // 1-based input line where the line starts
	Text    string // the normalised text
	Cells   bool   // a retyped table row (a Markdown pipe row, an HTML <tr>): cells between "│" borders
	Sep     bool   // a Markdown table's separator row ("|---|:--:|"), given as "┡━━━┩"
	Fence   bool   // a code fence ("```python"); Text is ""
	Tabs    bool   // the input line had tabs: columns are approximate
	Markup  bool   // markup was removed inside the line (emphasis, code spans): columns after it moved
	Flat    bool   // cut out of an input line that held several lines of a summary (line breaks lost)
	Prefix  int    // columns of quote markers, prompts and list markers removed in front
	marker  string // the quote or comment markers removed, spaces out (">>", "#", "//"), "" for none
	noTable bool   // JSON syntax between a notebook's lines of text, or an output's second form: not in the table view
	text    text
}

// Pos gives the input position (1-based line and rune column) of byte off of Text.
func (l *Line) Pos(off int) (line, col int) {
	if len(l.text.an) == 0 {
		return l.No, 1 + l.Prefix
	}
	line, col, _ = l.text.at(off)
	return line, col
}

// LineOf gives the input line of byte off of Text: Pos's line, without counting the column.
func (l *Line) LineOf(off int) int {
	if len(l.text.an) == 0 {
		return l.No
	}
	return l.text.lineAt(off)
}

// Col gives the input column of byte off of Text (on the line Pos names).
func (l *Line) Col(off int) int {
	_, c := l.Pos(off)
	return c
}

// Sub returns the line holding Text[i:j], with its positions.
func (l *Line) Sub(i, j int) Line {
	var b builder
	b.keep(&l.text, i, j)
	n := *l
	n.text = b.text()
	n.Text = n.text.s
	if len(n.text.an) > 0 {
		n.No = n.text.an[0].line
	}
	return n
}

// NewLine makes a line of text s that starts at input line no, column 1 (for tests and for
// callers that build lines themselves).
func NewLine(s string, no int) Line {
	t := rawText(s, no)
	return Line{No: no, Text: s, text: t}
}

func (l *Line) set(t text) {
	l.text = t
	l.Text = t.s
}

// Join makes one line of a and b with sep between them (sep stands at the end of a): a row that a
// mail client broke in two is read whole again. Positions stay those of the input.
func Join(a, b *Line, sep string) Line {
	var bl builder
	bl.keep(&a.text, 0, len(a.text.s))
	if n := len(a.text.s); n > 0 {
		bl.litAt(sep, &a.text, n)
	} else {
		bl.lit(sep, a.No, 1)
	}
	bl.keep(&b.text, 0, len(b.text.s))
	out := *a
	out.set(bl.text())
	out.Tabs = a.Tabs || b.Tabs
	out.Markup = a.Markup || b.Markup
	out.Cells = a.Cells
	return out
}
