package grammar

import (
	"fmt"
	"io"
	"strconv"
	"sync"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// The structure of a summary table is a participle grammar over lines: the line lexer below gives
// every line of a table region one token whose type says what kind of line it is (a rule, the
// header, a row's first line, a continuation, a totals line …) and whose value is the line's
// index in the region. The grammar groups them into title, header, rows and totals; the cells of
// each row are then read by row.go.

// Line token types. participle requires custom token types to be negative and not EOF (-1).
const (
	tTitle lexer.TokenType = -(iota + 2)
	tRule
	tEq
	tMacron
	tBoxTop
	tBoxHead
	tBoxHeadSep
	tBoxSep
	tBoxBottom
	tBoxRow
	tBoxCont
	tHeader
	tBlank
	tTotals
	tElision
	tRow
	tCont
	tSkip
)

var lineSymbols = map[string]lexer.TokenType{
	"EOF": lexer.EOF, "Title": tTitle, "Rule": tRule, "Eq": tEq, "Macron": tMacron,
	"BoxTop": tBoxTop, "BoxHead": tBoxHead, "BoxHeadSep": tBoxHeadSep, "BoxSep": tBoxSep,
	"BoxBottom": tBoxBottom, "BoxRow": tBoxRow, "BoxCont": tBoxCont, "Header": tHeader,
	"Blank": tBlank, "Totals": tTotals, "Elision": tElision, "Row": tRow, "Cont": tCont,
	"Skip": tSkip,
}

// lineDefinition is the lexer.Definition of the table grammar. Its input is not text but lines
// already classified (classify in table.go), so Lex is never used: parseStructure feeds the
// parser a lineLexer directly.
type lineDefinition struct{}

func (lineDefinition) Symbols() map[string]lexer.TokenType { return lineSymbols }

func (lineDefinition) Lex(string, io.Reader) (lexer.Lexer, error) {
	return nil, fmt.Errorf("the table grammar reads classified lines, not text")
}

// grammarToken is the token the grammar sees for a line kind. The grammar takes a row's first
// line, its continuation lines and the header the same way in a box as in plain text, so each
// pair is one token: a disjunction of two tokens costs participle a branch for each one it tries,
// on every row.
func grammarToken(k lexer.TokenType) lexer.TokenType {
	switch k {
	case tBoxRow:
		return tRow
	case tBoxCont:
		return tCont
	case tBoxHead:
		return tHeader
	}
	return k
}

// isSeparator reports whether a grammar token is a line that parts the body's items.
func isSeparator(k lexer.TokenType) bool {
	switch k {
	case tRule, tEq, tBlank, tBoxSep, tBoxBottom, tMacron, tBoxTop, tBoxHeadSep:
		return true
	}
	return false
}

// lineLexer hands out one token per classified line, but for rows: a row's first line and the
// continuation lines right under it are one Row token, and so is a run of such rows (rowRun), as a text lexer's string token spans its
// characters (the token's value is the first line's index; rowEnds says where it ends). A
// continuation line that follows no row (after a separator, at the top) is a Cont token of its
// own, which the grammar reads as a stray line. A separator inside the body that comes between a
// row and the next row is elided (as a text lexer passes over spaces: not handed out at
// all): there the grammar's reading does not depend on it. Elsewhere (before a
// stray line, before the totals; before the first row, where the grammar reads the rules around
// the header) the separator is a token of the grammar. Folding the lines of a row into one token
// halves the tokens of a table whose rows wrap, and each token costs participle a branch and
// allocations for every alternative it tries.
type lineLexer struct {
	kinds []lexer.TokenType
	i     int
	nums  string            // the decimal indexes 0, 1, 2 … written one after another
	at    int               // where index i starts in nums
	row   bool              // a row has been handed out: the body has begun
	ends  []int             // ends[i] is the index after the last line of the row that starts at line i
	types []lexer.TokenType // types[i] is the type of the token that line i starts
	next  []int             // next[i] is the first line of the row after the row at line i in one Row token, 0 for none
	extra int               // rows handed out inside another row's token
}

func newLineLexer(kinds []lexer.TokenType) *lineLexer {
	// every token's value is its line's index: one string holds them all, so that a table of
	// many lines does not allocate one string a line
	b := make([]byte, 0, 6*len(kinds))
	for i := range kinds {
		b = strconv.AppendInt(b, int64(i), 10)
	}
	return &lineLexer{kinds: kinds, nums: string(b), ends: make([]int, len(kinds)), types: make([]lexer.TokenType, len(kinds)), next: make([]int, len(kinds))}
}

// width is the number of decimal digits of i.
func width(i int) int {
	n := 1
	for p := 10; p <= i; p *= 10 {
		n++
	}
	return n
}

// value hands out the value of line i (the next one) and moves past it.
func (l *lineLexer) value() string {
	n := width(l.i)
	v := l.nums[l.at : l.at+n]
	l.at += n
	l.i++
	return v
}

func (l *lineLexer) Next() (lexer.Token, error) {
	if l.i >= len(l.kinds) {
		return lexer.Token{Type: lexer.EOF, Pos: lexer.Position{Line: l.i + 1}}, nil
	}
	k := grammarToken(l.kinds[l.i])
	for isSeparator(k) && l.row && l.i+1 < len(l.kinds) && grammarToken(l.kinds[l.i+1]) == tRow {
		l.value() // elided: not even a Skip token, which the peeking lexer would keep
		k = grammarToken(l.kinds[l.i])
	}
	line := l.i + 1
	l.types[l.i] = k
	v := l.value()
	if k == tRow {
		l.row = true
		l.rowRun(l.i - 1)
	}
	return lexer.Token{Type: k, Value: v, Pos: lexer.Position{Line: line, Column: 1}}, nil
}

// rowRun moves past the continuation lines of the row that starts at line first, and past the
// rows right under it, each with its continuation lines and the separator before it that the
// lexer would elide: a run of rows is one Row token, as a run of letters is one word, and items
// hands its rows out one by one. The grammar reads a row and a run of rows alike (a body is any
// sequence of items), and every token costs participle a branch and allocations.
func (l *lineLexer) rowRun(first int) {
	l.conts(first)
	for prev := first; ; {
		j := l.i
		if j+1 < len(l.kinds) && isSeparator(grammarToken(l.kinds[j])) && grammarToken(l.kinds[j+1]) == tRow {
			j++ // the separator between two rows
		}
		if j >= len(l.kinds) || grammarToken(l.kinds[j]) != tRow {
			return
		}
		for l.i <= j {
			l.value()
		}
		l.types[j], l.next[prev] = tRow, j
		l.extra++
		l.conts(j)
		prev = j
	}
}

// conts moves past the continuation lines of the row that starts at line first.
func (l *lineLexer) conts(first int) {
	for l.i < len(l.kinds) && grammarToken(l.kinds[l.i]) == tCont {
		l.value()
	}
	l.ends[first] = l.i
}

// tableNode is a table's structure: which lines are what. The body is one capture of the tokens
// of its items, in order; each token is one item (a Row token: a run of rows), and its type says
// which (items reads them). One capture over the body costs participle a branch and a value a line, where a struct per item
// with an alternative per kind cost it a dozen allocations a line.
type tableNode struct {
	Title  *string     `parser:"@Title?"`
	Pre    []string    `parser:"@(Rule | Eq | BoxTop | Blank | Macron)*"`
	Header []string    `parser:"@Header*"`
	Under  []string    `parser:"@(Eq | Rule | BoxHeadSep)*"`
	Body   []string    `parser:"@((Row | Rule | BoxSep | Eq | BoxBottom | Macron | BoxTop | BoxHeadSep | Blank | Totals | Elision | Cont | Header | Title)*)"`
	Items  []*itemNode // the body's items, from Body and the types of its tokens
}

// itemNode is one element of a table body: a row (its first line and its continuation lines, one
// token), a totals line, an elision mark, a stray line (a continuation line after no row, a
// header or a title inside the body), or a separator (a rule, a blank line, a box border), which
// is kept as an empty item (Blank for a blank line).
type itemNode struct {
	First   string   // a row's first line
	Cont    []string // the row's continuation lines, from the lexer (ends)
	Blank   bool
	Totals  *string
	Elision *string
	Stray   *string
}

// items reads the body's tokens into items, by the type the lexer gave each.
func (l *lineLexer) items(body []string) []*itemNode {
	all := make([]itemNode, len(body)+l.extra)
	out := make([]*itemNode, len(all))
	n := 0
	for k, v := range body {
		i := idxOf(v)
		if l.types[i] == tRow {
			for r := i; ; r = l.next[r] {
				out[n] = &all[n]
				l.rowItem(out[n], r)
				n++
				if l.next[r] == 0 {
					break
				}
			}
			continue
		}
		it := &all[n]
		out[n] = it
		n++
		switch l.types[i] {
		case tBlank:
			it.Blank = true
		case tTotals:
			it.Totals = &body[k]
		case tElision:
			it.Elision = &body[k]
		case tCont, tHeader, tTitle:
			it.Stray = &body[k]
		}
	}
	return out[:n]
}

// rowItem makes it the row that starts at line i.
func (l *lineLexer) rowItem(it *itemNode, i int) {
	it.First = l.valueOf(i)
	if n := l.ends[i] - i - 1; n > 0 {
		it.Cont = make([]string, 0, n)
	}
	for j := i + 1; j < l.ends[i]; j++ {
		it.Cont = append(it.Cont, l.valueOf(j))
	}
}

// rowNode is a row's first line and its continuation lines.
type rowNode struct {
	First string
	Cont  []string
}

// row is the item's row, or nil when it is no row (a token's value, a line index, is never empty).
func (it *itemNode) row() *rowNode {
	if it.First == "" {
		return nil
	}
	return &rowNode{First: it.First, Cont: it.Cont}
}

// tableParser builds the grammar the first time a paste holds a table region, not when the
// program starts.
var tableParser = sync.OnceValue(func() *participle.Parser[tableNode] {
	return participle.MustBuild[tableNode](
		participle.Lexer(lineDefinition{}),
		participle.UseLookahead(1),
	)
})

// parseStructure runs the table grammar over classified lines.
func parseStructure(kinds []lexer.TokenType) (*tableNode, error) {
	ll := newLineLexer(kinds)
	pl, err := lexer.Upgrade(ll, tSkip)
	if err != nil {
		return nil, err
	}
	node, err := tableParser().ParseFromLexer(pl)
	if node != nil {
		node.Items = ll.items(node.Body)
	}
	return node, err
}

// valueOf is the token value of line i: its index as written in nums.
func (l *lineLexer) valueOf(i int) string {
	at, start, next, d := 0, 0, 10, 1 // the indexes start … next-1 have d digits
	for i >= next {
		at += d * (next - start)
		start, next, d = next, next*10, d+1
	}
	at += d * (i - start)
	return l.nums[at : at+d]
}

// idxOf reads a token value back into a line index.
func idxOf(v string) int {
	n, _ := strconv.Atoi(v)
	return n
}
