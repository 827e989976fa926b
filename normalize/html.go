package normalize

import (
	"slices"
	"strings"
	"sync"
)

// HTML markup: pages, notebooks and JSX sources wrap summaries in tags. Tags are removed; block
// tags and <br> end a line; an HTML table becomes one line a row, its cells between "│" borders,
// whatever the layout of the source (one cell a line, one row a line, the whole table on one line,
// <br>-joined). Only the tags below are markup: "<snip>" or "a < b" stay text.

type tagKind uint8

const (
	tagInline tagKind = iota
	tagBlock
	tagBreak
	tagRow
	tagCell
	tagTable
	tagSkip // script, style: their content is not text
)

// tagKinds are the tags undone, by name (the map is made the first time a paste has a tag).
var tagKinds = sync.OnceValue(func() map[string]tagKind {
	return map[string]tagKind{
		"tr": tagRow, "td": tagCell, "th": tagCell,
		"table": tagTable, "thead": tagTable, "tbody": tagTable, "tfoot": tagTable,
		"br": tagBreak, "hr": tagBreak,
		"p": tagBlock, "div": tagBlock, "li": tagBlock, "ul": tagBlock, "ol": tagBlock, "pre": tagBlock,
		"h1": tagBlock, "h2": tagBlock, "h3": tagBlock, "h4": tagBlock, "h5": tagBlock, "h6": tagBlock,
		"blockquote": tagBlock, "section": tagBlock, "article": tagBlock, "header": tagBlock, "footer": tagBlock,
		"details": tagBlock, "summary": tagBlock, "figure": tagBlock, "figcaption": tagBlock, "caption": tagBlock,
		"center": tagBlock, "dl": tagBlock, "dt": tagBlock, "dd": tagBlock, "main": tagBlock, "nav": tagBlock,
		"span": tagInline, "b": tagInline, "strong": tagInline, "em": tagInline, "i": tagInline, "u": tagInline,
		"code": tagInline, "samp": tagInline, "kbd": tagInline, "tt": tagInline, "font": tagInline, "a": tagInline,
		"small": tagInline, "big": tagInline, "sup": tagInline, "sub": tagInline, "mark": tagInline, "s": tagInline,
		"strike": tagInline, "del": tagInline, "ins": tagInline, "abbr": tagInline, "label": tagInline,
		"img": tagInline, "nobr": tagInline, "var": tagInline, "cite": tagInline, "q": tagInline, "col": tagInline,
		"colgroup": tagInline, "wbr": tagInline,
		"script": tagSkip, "style": tagSkip,
	}
})

// tagAt reads the markup tag at the start of s (s[0] == '<'): its kind, whether it closes, and its
// length; n is 0 when s does not start a known tag that ends on this line. gt is the index of the
// first '>' at or after 0 (-1 for none), which the caller keeps so that a line of many '<' is
// read once.
func tagAt(s string, gt int) (k tagKind, closing bool, name string, n int) {
	if len(s) < 2 {
		return 0, false, "", 0
	}
	i := 1
	if s[i] == '/' {
		closing = true
		i++
	}
	j := i
	for j < len(s) && j-i < 12 && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z' || j > i && s[j] >= '0' && s[j] <= '9') {
		j++
	}
	if j == i || j >= len(s) {
		return 0, false, "", 0
	}
	if c := s[j]; c != '>' && c != ' ' && c != '/' && c != '\t' {
		return 0, false, "", 0
	}
	name = strings.ToLower(s[i:j])
	kind, ok := tagKinds()[name]
	if !ok || gt < j {
		return 0, false, "", 0
	}
	return kind, closing, name, gt + 1
}

// htmlState is the reading of HTML markup across lines.
type htmlState struct {
	out       []Line
	cur       builder
	curNo     int  // input line where the current output line starts
	content   bool // the current line holds more than spaces
	tagBreak  bool // the last line ended at a tag, not at a line break of the input
	inRow     bool
	inCell    bool
	cells     int
	cellLead  bool  // at the start of a cell's text (or of a cell's next input line): spaces dropped
	pending   *text // a space owed before the cell's next text (an input line break inside the cell)
	pendAt    int
	skipTo    string // inside <script> or <style>: skip to this closing text
	inComment bool   // inside a comment: its closing "-->" goes
	cellRows  bool   // the current line is a table row
	anyTag    bool
}

func (h *htmlState) breakLine() {
	if h.content {
		t := h.cur.text()
		h.out = append(h.out, Line{No: h.curNo, text: t, Cells: h.cellRows})
	} else {
		h.cur.text()
	}
	h.content, h.cellRows = false, false
	h.tagBreak = true
}

func (h *htmlState) endRow(t *text, i int) {
	if h.inRow && h.cells > 0 {
		h.cur.litAt(" │", t, i)
	}
	h.inRow, h.inCell, h.cells, h.pending = false, false, 0, nil
	h.breakLine()
}

// emit writes t.s[a:b], the text between tags.
func (h *htmlState) emit(t *text, a, b int) {
	if a >= b {
		return
	}
	if h.inRow && !h.inCell {
		if x := t.s[a:b]; strings.Trim(x[stripPrefix(x):], " ") == "" || strings.Trim(x, "| ") == "" && strings.Count(x, "|") == 1 {
			return // between the cells of a row: only layout (and the quote markers of its lines, "|" among them)
		}
		// text outside any cell: the row was never closed; it ended where its cells did
		h.endRow(t, a)
		h.tagBreak = false
	}
	if h.inCell && h.cellLead {
		for a < b && t.s[a] == ' ' {
			a++
		}
		if a == b {
			return
		}
		h.cellLead = false
	}
	if h.inCell && h.pending != nil {
		h.cur.litAt(" ", h.pending, h.pendAt)
		h.pending = nil
	}
	if h.cur.len() == 0 {
		h.curNo, _, _ = t.at(a)
	}
	h.cur.keep(t, a, b)
	if strings.Trim(t.s[a:b], " ") != "" {
		h.content = true
	}
}

// line reads one input line.
func (h *htmlState) line(t *text, no int) {
	s := t.s
	if h.cur.len() == 0 {
		h.curNo = no
	}
	kept := 0
	gt := -1
	for i := 0; i < len(s); i++ {
		if h.skipTo != "" {
			k := strings.Index(s[i:], h.skipTo)
			if k < 0 {
				i = len(s)
				kept = i
				break
			}
			i += k + len(h.skipTo) - 1
			kept = i + 1
			h.skipTo = ""
			continue
		}
		if s[i] == '-' && h.inComment && strings.HasPrefix(s[i:], "-->") {
			h.emit(t, kept, i)
			h.inComment = false
			i += 2
			kept = i + 1
			continue
		}
		if s[i] != '<' {
			continue
		}
		if strings.HasPrefix(s[i:], "<!--") {
			// a comment's markers go, its text stays: a README or a page hides a print in one
			// ("<!-- the old model: … -->"), which is still in the paste
			h.emit(t, kept, i)
			i += 3
			kept = i + 1
			h.inComment = true
			continue
		}
		if gt < i {
			gt = strings.IndexByte(s[i:], '>')
			if gt >= 0 {
				gt += i
			} else {
				gt = len(s) // no '>' further on this line
			}
		}
		if gt >= len(s) {
			break
		}
		kind, closing, name, n := tagAt(s[i:], gt-i)
		if n == 0 {
			continue
		}
		h.anyTag = true
		h.emit(t, kept, i)
		h.tag(t, i, kind, closing, name)
		i += n - 1
		kept = i + 1
	}
	h.emit(t, kept, len(s))
	// the input's line break
	switch {
	case h.skipTo != "":
	case h.inRow:
		if h.inCell && !h.cellLead {
			h.pending, h.pendAt = t, len(s)
			h.cellLead = true
		}
	case h.content || !h.tagBreak:
		if !h.content && h.cur.len() > 0 {
			h.cur.text() // spaces only
		}
		if h.content {
			h.breakLine()
		} else {
			h.out = append(h.out, Line{No: no})
		}
		h.tagBreak = false
	default:
		h.cur.text()
		h.tagBreak = false
	}
}

func (h *htmlState) tag(t *text, i int, kind tagKind, closing bool, name string) {
	switch kind {
	case tagSkip:
		if !closing {
			h.skipTo = "</" + name
		}
	case tagRow:
		if h.inRow {
			h.endRow(t, i)
		}
		if !closing {
			h.breakLine()
			h.inRow, h.cells = true, 0
		}
	case tagCell:
		if closing {
			h.inCell, h.pending = false, nil
			return
		}
		if !h.inRow {
			h.breakLine()
			h.inRow, h.cells = true, 0
		}
		if h.cur.len() == 0 {
			h.curNo, _, _ = t.at(i)
		}
		h.pending = nil
		sep := " │ "
		if h.cells == 0 {
			sep = "│ "
		}
		h.cur.litAt(sep, t, i)
		h.cellRows = true
		h.cells++
		h.inCell, h.cellLead = true, true
	case tagTable:
		if h.inRow {
			h.endRow(t, i)
		}
		h.breakLine()
	case tagBreak:
		if h.inCell {
			h.cur.litAt(" ", t, i)
			h.cellLead = true
		} else if !h.inRow {
			h.breakLine()
		}
	case tagBlock:
		if h.inCell {
			if !h.cellLead {
				h.cur.litAt(" ", t, i)
				h.cellLead = true
			}
		} else if !h.inRow {
			h.breakLine()
		}
	}
}

// undoHTML reads the lines' HTML markup. Lines without any tag come out as they went in.
func undoHTML(in []Line) []Line {
	if !slices.ContainsFunc(in, func(l Line) bool { return strings.IndexByte(l.text.s, '<') >= 0 }) {
		return in // no markup: the lines as they are, not a copy
	}
	h := &htmlState{out: make([]Line, 0, len(in))}
	for k := range in {
		l := &in[k]
		if !h.inRow && h.skipTo == "" && !h.inComment && h.cur.len() == 0 && strings.IndexByte(l.text.s, '<') < 0 {
			h.out = append(h.out, *l)
			h.tagBreak = false
			continue
		}
		h.line(&l.text, l.No)
	}
	if h.inRow {
		if n := len(in); n > 0 {
			h.endRow(&in[n-1].text, len(in[n-1].text.s))
		}
	}
	if h.content {
		h.breakLine()
	}
	return h.out
}
