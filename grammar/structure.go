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

// lineLexer hands out one token per classified line. A separator inside the body that comes
// between a row and the next row is elided (a Skip token, which the parser passes over as a text
// lexer passes over spaces): there the grammar's reading does not depend on it, since a row's
// continuation lines stop at the next row either way. Elsewhere (before a continuation line,
// which it turns into a stray line; before the totals; before the first row, where the grammar
// reads the rules around the header) the separator is a token of the grammar.
type lineLexer struct {
	kinds []lexer.TokenType
	i     int
	nums  string // the decimal indexes 0, 1, 2 … written one after another
	at    int    // where index i starts in nums
	row   bool   // a row has been handed out: the body has begun
}

func newLineLexer(kinds []lexer.TokenType) *lineLexer {
	// every token's value is its line's index: one string holds them all, so that a table of
	// many lines does not allocate one string a line
	var b []byte
	for i := range kinds {
		b = strconv.AppendInt(b, int64(i), 10)
	}
	return &lineLexer{kinds: kinds, nums: string(b)}
}

func (l *lineLexer) Next() (lexer.Token, error) {
	if l.i >= len(l.kinds) {
		return lexer.Token{Type: lexer.EOF, Pos: lexer.Position{Line: l.i + 1}}, nil
	}
	k := grammarToken(l.kinds[l.i])
	if isSeparator(k) && l.row && l.i+1 < len(l.kinds) && grammarToken(l.kinds[l.i+1]) == tRow {
		k = tSkip
	}
	if k == tRow {
		l.row = true
	}
	n := 1
	for p := 10; p <= l.i; p *= 10 {
		n++
	}
	v := l.nums[l.at : l.at+n]
	l.at += n
	l.i++
	return lexer.Token{Type: k, Value: v, Pos: lexer.Position{Line: l.i, Column: 1}}, nil
}

// tableNode is a table's structure: which lines are what.
type tableNode struct {
	Title  *string     `parser:"@Title?"`
	Pre    []string    `parser:"@(Rule | Eq | BoxTop | Blank | Macron)*"`
	Header []string    `parser:"@Header*"`
	Under  []string    `parser:"@(Eq | Rule | BoxHeadSep)*"`
	Items  []*itemNode `parser:"@@*"`
}

// itemNode is one element of a table body: a row (its first line and its continuation lines),
// a totals line, an elision mark, a stray line, or a separator (a rule, a blank line, a box
// border), which is matched and not kept. The row's lines are fields of the item itself, and the
// alternatives (and the separator kinds) are tried most frequent first: each struct, capture and
// alternative tried costs participle allocations on every line of the table. Each alternative's
// "|" ends its own tag rather than opening the next one: participle then lexes the next field's
// tag fewer times while it builds the grammar (see python.go).
type itemNode struct {
	First   string   `parser:"( @Row"`
	Cont    []string `parser:"  @Cont* ) |"`
	Sep     bool     `parser:"( Rule | BoxSep | Eq | BoxBottom | Macron | BoxTop | BoxHeadSep ) |"`
	Blank   bool     `parser:"@Blank |"`
	Totals  *string  `parser:"@Totals |"`
	Elision *string  `parser:"@Elision |"`
	Stray   *string  `parser:"@(Cont | Header | Title)"`
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
	pl, err := lexer.Upgrade(newLineLexer(kinds), tSkip)
	if err != nil {
		return nil, err
	}
	return tableParser().ParseFromLexer(pl)
}

// idxOf reads a token value back into a line index.
func idxOf(v string) int {
	n, _ := strconv.Atoi(v)
	return n
}
