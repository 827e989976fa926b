package grammar

import (
	"encoding/binary"
	"strconv"
	"sync"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// Model code repeats the shape of its statements: a hundred model.add(layers.Dense(...)) lines,
// x = layers.Conv2D(...)(x) again and again, differing only in names, numbers and strings. The
// grammar never looks at the text of a name, a number or a string token, only at its type (no
// literal of the grammar is a name, a number or a string: TestPythonMemoLiterals checks it), so
// two logical lines whose tokens have the same types, and the same text where the token is a
// keyword or an operator, get the same parse from participle. pyMemo keeps the tree participle made
// for each such shape, from a template of the line (each name, number and string replaced by a
// placeholder that says which token it was), and converts each line from the template's tree,
// taking the line's own texts and positions in place of the placeholders. Participle parses
// the template when the first line of a shape comes, so that the second line of the shape is
// already read (model code often repeats a shape only once or twice: two Dense layers, two
// prints); a line whose shape does not parse is parsed from its own tokens, so that its error (and
// the Python 2 print reading) are exactly as without the memo. The trees are kept until the
// snippet is read.
// TestPythonMemoSame and FuzzPythonMemo check that a program is the same with and without it.

// pyMemoMax caps the shapes one snippet keeps: beyond it, new shapes are parsed and not kept.
const pyMemoMax = 4096

// pyMemoOff turns the memo off (for the tests that compare).
var pyMemoOff bool

// pyMemo maps a line's shape to its template tree, nil when the shape does not parse.
type pyMemo struct {
	shapes map[string]*pyLineAST
	key    []byte
	tmpl   []lexer.Token
}

// parse parses one logical line (its tokens end with the EOL token). The tree is the line's own
// (sub nil), or a template shared by the lines of its shape, which is read through sub and never
// changed.
func (m *pyMemo) parse(line []lexer.Token) (tree *pyLineAST, sub pySubst, err error) {
	if pyMemoOff {
		tree, err = parsePyTokens(line)
		return tree, nil, err
	}
	if m.shapes == nil {
		m.shapes = map[string]*pyLineAST{}
	}
	m.shape(line)
	tmpl, seen := m.shapes[string(m.key)]
	if !seen {
		if len(m.shapes) >= pyMemoMax {
			tree, err = parsePyTokens(line)
			return tree, nil, err
		}
		m.tmpl = m.tmpl[:0]
		for i, t := range line {
			if pyAbstract(t.Type) {
				t.Value = pyPlaceholder(i)
			}
			// the position says which token it was: Offset is its index in the line
			t.Pos = lexer.Position{Offset: i, Line: 1, Column: 1}
			m.tmpl = append(m.tmpl, t)
		}
		ast, err := parsePyTokens(m.tmpl)
		if err != nil {
			ast = nil
		}
		tmpl = ast
		m.shapes[string(m.key)] = tmpl
	}
	if tmpl == nil {
		ast, err := parsePyTokens(line)
		return ast, nil, err
	}
	return tmpl, pySubst(line), nil
}

// parsePyTokens parses one logical line from its own tokens.
func parsePyTokens(line []lexer.Token) (*pyLineAST, error) {
	lx, err := lexer.Upgrade(&pyTokens{toks: line})
	if err != nil {
		return nil, err
	}
	return pyParser().ParseFromLexer(lx, participle.AllowTrailing(true))
}

// pyAbstract reports the token types whose text the grammar never looks at.
func pyAbstract(t lexer.TokenType) bool {
	return t == pyName || t == pyInt || t == pyFloat || t == pyString
}

// pyPlaceholder is the text of the i-th token of a template: a NUL and the index (no name,
// number or string begins with a NUL).
func pyPlaceholder(i int) string {
	if ps := pyPlaceholders(); i < len(ps) {
		return ps[i]
	}
	return "\x00" + strconv.Itoa(i)
}

// pyPlaceholders are the first 256 placeholders, made the first time code is parsed (not when
// the program starts).
var pyPlaceholders = sync.OnceValue(func() []string {
	out := make([]string, 256)
	for i := range out {
		out[i] = "\x00" + strconv.Itoa(i)
	}
	return out
})

// shape sets key to the key of a line: each token's type, and its text (after its length)
// unless the type is abstract.
func (m *pyMemo) shape(line []lexer.Token) {
	b := m.key[:0]
	for _, t := range line {
		b = append(b, byte(-t.Type))
		if !pyAbstract(t.Type) {
			b = binary.AppendUvarint(b, uint64(len(t.Value)))
			b = append(b, t.Value...)
		}
	}
	m.key = b
}

// pySubst is the line a template tree is read for: conv takes each name, number and string,
// and each position, from it.
type pySubst []lexer.Token

// text is the line's own text for a placeholder, and any other text as it is.
func (s pySubst) text(v string) string {
	if len(v) > 1 && v[0] == 0 {
		if i, err := strconv.Atoi(v[1:]); err == nil && i < len(s) {
			return s[i].Value
		}
	}
	return v
}

// pos is the line's own position for a template's position (which holds the token's index).
func (s pySubst) pos(p lexer.Position) lexer.Position {
	if p.Line == 0 || p.Offset >= len(s) {
		return p
	}
	return s[p.Offset].Pos
}
