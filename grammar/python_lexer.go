package grammar

import (
	"io"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2/lexer"
	"github.com/kexplain/kexplain/normalize"
)

// A hand-written lexer for the Python that builds Keras models (STYLE.md §3.3): newlines are
// statement ends only outside brackets (implicit line joining), `\` joins lines, comments are
// dropped, strings keep their raw text (decoded later by pyUnquote, never participle.Unquote).
// It hands each logical line to the parser as soon as the line ends (lexPythonEach), with the
// bracket and string errors found so far, so the parse never sees an unbalanced bracket and only
// one line's tokens are held at a time.

// Token types of the Python lexer: negative, and never lexer.EOF (−1).
const (
	pyName     lexer.TokenType = -2 - iota // identifiers and keywords: Dense, import, None
	pyInt                                  // 64, 0x10, 1_000
	pyFloat                                // 0.5, 1e-3, .5
	pyString                               // 'relu', r"^\d+$", """doc""" (raw text, prefix and quotes kept)
	pyOp                                   // punctuation and operators: ( ) , = ** //
	pyEOL                                  // the end of a logical line
	pyOtherTok                             // a character Python code does not use here: $ ? !
	pyKeyword                              // a reserved word: def, for, lambda (never a name)
	pyBinOp                                // an operator of an expression chain: + - * ** == and or in is not if else ~ await
	pyAssign                               // what follows the target of an assignment: = += -= ... and :
	pyOpen                                 // what opens a call or a subscript: ( [
	pyCloseTok                             // what closes one: ) ]
)

// The token classes let the grammar test "is the next token an operator?" with one token
// reference instead of trying dozens of alternatives (each try costs participle an allocation);
// a literal in the grammar ('(' or 'in') still matches its token whatever the class. The sets
// are switches, not maps: nothing is built when the program starts, and a run without code
// pays nothing for them.

// isPyBinOp reports an operator of an expression chain.
func isPyBinOp(op string) bool {
	switch op {
	case "+", "-", "*", "/", "//", "%", "**", "@", "==", "!=", "<", ">", "<=", ">=", "&", "|", "^", "<<",
		">>", "~", "and", "or", "in", "is", "not", "if", "else", "await":
		return true
	}
	return false
}

// isPyAssign reports what follows the target of an assignment.
func isPyAssign(op string) bool {
	switch op {
	case "=", ":", "+=", "-=", "*=", "/=", "//=", "%=", "**=", "@=", "&=", "|=", "^=", "<<=", ">>=":
		return true
	}
	return false
}

// opClass is the token class of an operator or punctuation.
func opClass(op string) lexer.TokenType {
	switch {
	case isPyBinOp(op):
		return pyBinOp
	case isPyAssign(op):
		return pyAssign
	case op == "(" || op == "[":
		return pyOpen
	case op == ")" || op == "]":
		return pyCloseTok
	}
	return pyOp
}

// isPyKeyword reports Python's reserved words. True, False and None stay names: they are values.
func isPyKeyword(s string) bool {
	switch s {
	case "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else",
		"except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not",
		"or", "pass", "raise", "return", "try", "while", "with", "yield":
		return true
	}
	return false
}

// pySymbols names the token types for the grammar. Made once, when the grammar is first built
// (participle asks for it at every token-type reference of the grammar), not at start-up.
var pySymbols = sync.OnceValue(func() map[string]lexer.TokenType {
	return map[string]lexer.TokenType{
		"EOF": lexer.EOF, "Name": pyName, "Int": pyInt, "Float": pyFloat, "String": pyString,
		"Op": pyOp, "EOL": pyEOL, "Other": pyOtherTok, "Keyword": pyKeyword, "BinOp": pyBinOp, "Assign": pyAssign,
		"Open": pyOpen, "Close": pyCloseTok,
	}
})

// readAsThere ends the note of a forgotten comma that the reader put in.
const readAsThere = " (read as if it were there)"

// closedAtNote begins the note of an unclosed bracket the reader closed before the next statement.
const closedAtNote = " (read as closed at "

// maxPyDepth caps bracket nesting: deeper input is an error, never a deep recursion.
const maxPyDepth = 256

// maxLineTokens caps the tokens of one statement: a longer one (thousands of operators in a row,
// an attribute chain, a data literal) is not read, so that no line costs more than a bounded
// parse. Model code stays far below it.
const maxLineTokens = 20000

// pyLine is one line of a snippet: its 1-based input line number, how many columns (runes) of
// quote prefix were stripped before text, and the code itself.
type pyLine struct {
	no, col int
	text    string
}

// pyDefinition is the lexer.Definition the parser is built with. Lex reads a plain string (line
// numbers from 1, no prefix); snippets are lexed through lexPython, which knows their lines.
type pyDefinition struct{}

func (pyDefinition) Symbols() map[string]lexer.TokenType { return pySymbols() }

func (pyDefinition) Lex(filename string, r io.Reader) (lexer.Lexer, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return pyDefinition{}.LexString(filename, string(b))
}

func (pyDefinition) LexString(filename string, s string) (lexer.Lexer, error) {
	toks, _, errs, _ := lexPython(plainLines(s))
	if len(errs) > 0 {
		return nil, &lexer.Error{Msg: errs[0].Msg, Pos: lexer.Position{Filename: filename, Line: errs[0].Line, Column: errs[0].Col}}
	}
	return &pyTokens{toks: toks}, nil
}

// plainLines splits s into pyLines numbered from 1.
func plainLines(s string) []pyLine {
	parts := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	out := make([]pyLine, len(parts))
	for i, p := range parts {
		out[i] = pyLine{no: i + 1, text: p}
	}
	return out
}

// pyTokens replays lexed tokens to participle (the Python and the R grammars both read them).
type pyTokens struct {
	toks []lexer.Token
	i    int
}

func (p *pyTokens) Next() (lexer.Token, error) {
	if p.i >= len(p.toks) {
		var pos lexer.Position
		if len(p.toks) > 0 {
			pos = p.toks[len(p.toks)-1].Pos
		}
		return lexer.EOFToken(pos), nil
	}
	t := p.toks[p.i]
	p.i++
	return t, nil
}

// pyOps are the operators, longest first.
var pyOps = []string{"**=", "//=", ">>=", "<<=", "...", "**", "//", "==", "!=", "<=", ">=", "->", "+=", "-=",
	"*=", "/=", "%=", "&=", "|=", "^=", "@=", ":=", "<<", ">>"}

// pyOpener is the bracket that a closing bracket closes.
func pyOpener(c byte) byte {
	switch c {
	case ')':
		return '('
	case ']':
		return '['
	case '}':
		return '{'
	}
	return 0
}

// lexPython lexes the lines of a snippet. It never fails: a bracket that closes nothing is dropped,
// one that is never closed is closed before the next line that starts a statement of its own (a
// forgotten ")"), or at the end of the input, an unterminated string runs to the end of its line,
// a comma forgotten between items on lines of their own is put in; each such problem is an error
// with its position (the first of them, and every bracket or comma put in, is what the snippet
// reports). A typographic minus (–, −) is read as "-". indents holds, for each logical line (each run of tokens ended by an
// EOL token), the indentation of the physical line it starts on (tabs to the next multiple of 8).
//
// A logical line of more than maxLineTokens tokens keeps only its first token: long is the
// index of each such line (among the logical lines) and the reason, which the parser uses in
// place of reading it.
func lexPython(lines []pyLine) (toks []lexer.Token, indents []int, errs []*Error, long map[int]*Error) {
	errs = lexPythonEach(lines, func(line []lexer.Token, indent int, why *Error, _ []*Error) {
		if why != nil {
			if long == nil {
				long = map[int]*Error{}
			}
			long[len(indents)] = why
		}
		indents = append(indents, indent)
		toks = append(toks, line...)
	})
	return toks, indents, errs, long
}

// lexPythonEach lexes the lines of a snippet as lexPython does, and hands each logical line to
// each as soon as it ends: its tokens with the EOL token (valid only during the call: the buffer
// is reused), its indentation, why it is too long to read (nil when it is not) and the errors
// found so far (every error on its lines is among them). It returns all the errors. Only one
// logical line's tokens are held at a time.
func lexPythonEach(lines []pyLine, each func(line []lexer.Token, indent int, long *Error, errs []*Error)) (errs []*Error) {
	type open struct {
		c         byte
		line, col int
	}
	var toks []lexer.Token // the tokens of the current logical line
	var (
		stack  []open
		offset int
		// a triple-quoted string running over lines
		tripleQ   string
		tripleBuf strings.Builder
		triplePos lexer.Position
		tripleInd int  // indentation of the line the string starts on
		pending   bool // tokens since the last EOL
	)
	indent := 0     // indentation of the current physical line
	lineIndent := 0 // indentation of the line the current logical line starts on
	lineToks := 0   // tokens of the current logical line
	var lineStart lexer.Position
	var long *Error      // the current logical line is too long
	var last lexer.Token // the last token emitted
	odd := false         // the current logical line holds a character Python does not use
	lastJoined := false  // the previous physical line ended with a backslash
	emit := func(t lexer.TokenType, v string, pos lexer.Position) {
		if !pending {
			lineIndent = indent
			lineToks = 0
			long = nil
			lineStart = pos
			odd = false
			if v == "if" || v == "else" || v == "@" {
				// a statement's head, not an operator: the grammar reads the line as one
				t = pyKeyword
			}
		}
		pending = true
		last = lexer.Token{Type: t, Value: v, Pos: pos}
		odd = odd || t == pyOtherTok
		lineToks++
		if lineToks > maxLineTokens {
			if lineToks == maxLineTokens+1 {
				long = &Error{Line: lineStart.Line, Col: lineStart.Column,
					Msg: "a statement of more than " + strconv.Itoa(maxLineTokens) + " tokens"}
			}
			return
		}
		toks = append(toks, lexer.Token{Type: t, Value: v, Pos: pos})
	}
	eol := func(pos lexer.Position) {
		if pending {
			toks = append(toks, lexer.Token{Type: pyEOL, Value: "\n", Pos: pos})
			pending = false
			each(toks, lineIndent, long, errs)
			toks = toks[:0]
		}
	}
	// closeOpen ends the current logical line at pos, where brackets are still open: each gets
	// its closing bracket there (after an error at the innermost one), so that the statement is
	// read and the lines after it are not swallowed
	closeOpen := func(pos lexer.Position, where bool) {
		o := stack[len(stack)-1]
		msg := "this " + string(o.c) + " is never closed in the Keras code"
		if where {
			msg += closedAtNote + strconv.Itoa(pos.Line) + ":" + strconv.Itoa(pos.Column) + ")"
		}
		errs = append(errs, &Error{Line: o.line, Col: o.col, Msg: msg})
		for k := len(stack) - 1; k >= 0; k-- {
			c := closerOf(stack[k].c)
			emit(opClass(c), c, pos)
		}
		stack = stack[:0]
		eol(pos)
	}
	tooDeep := false
	for _, ln := range lines {
		s := ln.text
		// column of byte i, 1-based, counting the stripped prefix
		col, lastI := ln.col+1, 0
		colAt := func(i int) int {
			for lastI < i {
				_, n := utf8.DecodeRuneInString(s[lastI:])
				lastI += n
				col++
			}
			return col
		}
		posAt := func(i int) lexer.Position {
			return lexer.Position{Line: ln.no, Column: colAt(i), Offset: offset + i}
		}
		joined := false // the line ends with a backslash
		i := 0
		indent = 0
		for _, c := range []byte(s) {
			if c == ' ' {
				indent++
			} else if c == '\t' {
				indent = indent/8*8 + 8
			} else {
				break
			}
		}
		if len(stack) > 0 && tripleQ == "" && !lastJoined && pending && indent <= lineIndent &&
			endsExpression(last) && startsStatement(s[indent0(s):]) {
			// an unclosed bracket (a forgotten ")") before a line that starts a statement of its
			// own: joined to it, the text could not be Python
			closeOpen(lexer.Position{Line: last.Pos.Line, Column: last.Pos.Column + utf8.RuneCountInString(last.Value), Offset: last.Pos.Offset + len(last.Value)}, true)
		}
		if len(stack) > 0 && tripleQ == "" && !lastJoined && pending && endsExpression(last) &&
			startsOperand(s[indent0(s):], last.Type == pyString) {
			// two items of a list, a call or a dict on lines of their own with no comma between
			// them: the comma was forgotten
			pos := lexer.Position{Line: last.Pos.Line, Column: last.Pos.Column + utf8.RuneCountInString(last.Value), Offset: last.Pos.Offset + len(last.Value)}
			errs = append(errs, &Error{Line: pos.Line, Col: pos.Column, Msg: "a comma is missing at the end of this line in the Keras code" + readAsThere})
			emit(pyOp, ",", pos)
		}
		if tripleQ != "" {
			k := strings.Index(s, tripleQ)
			if k < 0 {
				tripleBuf.WriteString(s)
				tripleBuf.WriteByte('\n')
				offset += len(s) + 1
				continue
			}
			tripleBuf.WriteString(s[:k+3])
			indent = tripleInd
			emit(pyString, tripleBuf.String(), triplePos)
			tripleQ = ""
			tripleBuf.Reset()
			i = k + 3
		}
	scan:
		for i < len(s) && !tooDeep {
			c := s[i]
			switch {
			case c == ' ' || c == '\t' || c == '\f' || c == '\r':
				i++
			case c == '#':
				break scan
			case c == '\\' && normalize.TrimSpace(s[i+1:]) == "":
				joined = true
				break scan
			case isPyStringStart(s, i):
				j := i
				for s[j] != '\'' && s[j] != '"' {
					j++
				}
				q := s[j]
				if strings.HasPrefix(s[j:], string([]byte{q, q, q})) {
					tq := string([]byte{q, q, q})
					if k := strings.Index(s[j+3:], tq); k >= 0 {
						emit(pyString, s[i:j+3+k+3], posAt(i))
						i = j + 3 + k + 3
						continue
					}
					tripleQ, triplePos, tripleInd = tq, posAt(i), indent
					tripleBuf.WriteString(s[i:])
					tripleBuf.WriteByte('\n')
					i = len(s)
					continue
				}
				k := j + 1
				for k < len(s) && s[k] != q {
					if s[k] == '\\' && k+1 < len(s) {
						k++ // an escaped quote; in a raw string too, the quote does not end it
					}
					k++
				}
				if k >= len(s) {
					errs = append(errs, &Error{Line: ln.no, Col: colAt(i), Msg: "this string is never closed in the Keras code"})
					emit(pyString, s[i:]+string(q), posAt(i))
					i = len(s)
					continue
				}
				emit(pyString, s[i:k+1], posAt(i))
				i = k + 1
			case isPyNameStart(s, i):
				j := i
				for j < len(s) {
					r, n := utf8.DecodeRuneInString(s[j:])
					if r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) {
						j += n
						continue
					}
					break
				}
				if isPyKeyword(s[i:j]) {
					if isPyBinOp(s[i:j]) {
						emit(pyBinOp, s[i:j], posAt(i))
					} else {
						emit(pyKeyword, s[i:j], posAt(i))
					}
				} else {
					emit(pyName, s[i:j], posAt(i))
				}
				i = j
			case c >= '0' && c <= '9' || c == '.' && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9':
				j, float := scanPyNumber(s, i)
				t := pyInt
				if float {
					t = pyFloat
				}
				emit(t, s[i:j], posAt(i))
				i = j
			case c == '(' || c == '[' || c == '{':
				if len(stack) >= maxPyDepth {
					errs = append(errs, &Error{Line: ln.no, Col: colAt(i), Msg: "brackets nested more than 256 deep"})
					tooDeep = true
					break scan
				}
				stack = append(stack, open{c, ln.no, colAt(i)})
				emit(opClass(s[i:i+1]), s[i:i+1], posAt(i))
				i++
			case c == ')' || c == ']' || c == '}':
				want := pyOpener(c)
				k := len(stack) - 1
				for k >= 0 && stack[k].c != want {
					k--
				}
				switch {
				case k >= 0 && k < len(stack)-1:
					// it closes a bracket opened before one still open (Sequential([...)): the
					// inner ones are read as closed here
					o := stack[len(stack)-1]
					pos := posAt(i)
					errs = append(errs, &Error{Line: o.line, Col: o.col, Msg: "this " + string(o.c) + " is never closed in the Keras code" +
						closedAtNote + strconv.Itoa(pos.Line) + ":" + strconv.Itoa(pos.Column) + ")"})
					for m := len(stack) - 1; m > k; m-- {
						cl := closerOf(stack[m].c)
						emit(opClass(cl), cl, pos)
					}
				case k < 0:
					errs = append(errs, &Error{Line: ln.no, Col: colAt(i), Msg: "unmatched " + string(c) + " in the Keras code"})
				}
				if k >= 0 {
					stack = stack[:k]
					emit(opClass(s[i:i+1]), s[i:i+1], posAt(i))
				}
				i++
			default:
				op := ""
				for _, o := range pyOps {
					if strings.HasPrefix(s[i:], o) {
						op = o
						break
					}
				}
				if op == "" && strings.IndexByte("(),:.;@=+-*/%<>&|^~", c) >= 0 {
					op = s[i : i+1]
				}
				if op != "" {
					emit(opClass(op), op, posAt(i))
					i += len(op)
					continue
				}
				r, n := utf8.DecodeRuneInString(s[i:])
				if r == '\u2013' || r == '\u2212' {
					// a minus a blog or a word processor made typographic (axis=–1): "-"
					emit(pyBinOp, "-", posAt(i))
					i += n
					continue
				}
				emit(pyOtherTok, s[i:i+n], posAt(i))
				i += n
			}
		}
		if tooDeep {
			break
		}
		if len(stack) == 0 && !joined && tripleQ == "" {
			eol(posAt(len(s)))
		}
		lastJoined = joined
		offset += len(s) + 1
	}
	if tripleQ != "" {
		errs = append(errs, &Error{Line: triplePos.Line, Col: triplePos.Column, Msg: "this string is never closed in the Keras code"})
		indent = tripleInd
		emit(pyString, tripleBuf.String()+tripleQ, triplePos)
	}
	if len(stack) > 0 && !tooDeep {
		if pending && !lastJoined && !odd && (endsExpression(last) || last.Value == ",") {
			// code cut after a complete expression (and its comma: [a, b,] is Python), or its
			// last ")" forgotten: the statement is read with its brackets closed (not when prose
			// or a fence ran into it); the end of the input is where it is closed
			closeOpen(lexer.Position{Line: last.Pos.Line, Column: last.Pos.Column + utf8.RuneCountInString(last.Value), Offset: last.Pos.Offset + len(last.Value)}, false)
		} else {
			// the statement runs to the end of the input unread (a cut paste, prose after it): the
			// commas put in it tell nothing
			kept := errs[:0]
			for _, e := range errs {
				if !strings.HasSuffix(e.Msg, readAsThere) || e.Line < lineStart.Line {
					kept = append(kept, e)
				}
			}
			errs = kept
			o := stack[len(stack)-1]
			errs = append(errs, &Error{Line: o.line, Col: o.col, Msg: "this " + string(o.c) + " is never closed in the Keras code"})
		}
	}
	if pending && !tooDeep {
		// the statement that nested too deep is dropped: what came before it is kept
		eol(toks[len(toks)-1].Pos)
	}
	return errs
}

// closerOf is the bracket that closes an opening bracket.
func closerOf(c byte) string {
	switch c {
	case '(':
		return ")"
	case '[':
		return "]"
	}
	return "}"
}

// indent0 is where the text of a line starts, after its spaces and tabs.
func indent0(s string) int {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\f') {
		i++
	}
	return i
}

// endsExpression reports a token an expression can end with: a name that is not a reserved word,
// a number, a string or a closing bracket. Inside brackets, such a token followed by a name or by
// a statement's keyword is never Python: the writer forgot a bracket (or a comma).
func endsExpression(t lexer.Token) bool {
	switch t.Type {
	case pyName, pyInt, pyFloat, pyString, pyCloseTok:
		return true
	case pyOp:
		return t.Value == "}"
	}
	return false
}

// startsStatement reports a physical line (from its first character) that reads as the start of
// a statement of its own: a keyword only a statement begins with (def, return, import, ...), a
// compound header (if, for, else ... ending with ":"), or a name or attribute chain that is
// called or assigned to (model.add(, x = , x += ); and whose brackets close none opened before it.
// After a complete expression inside brackets, none of these can continue the expression.
func startsStatement(s string) bool {
	code := s
	if k := strings.IndexByte(code, '#'); k >= 0 && !strings.ContainsAny(code[:k], "'\"") {
		code = code[:k]
	}
	code = strings.TrimRight(code, " \t\r\f")
	j := 0
	for j < len(code) && isPyNameStart(code, j) || j > 0 && j < len(code) && isAlnum(code[j]) {
		_, n := utf8.DecodeRuneInString(code[j:])
		j += n
	}
	if j == 0 {
		return false
	}
	word := code[:j]
	switch word {
	case "def", "class", "return", "import", "pass", "break", "continue", "raise", "del", "global", "nonlocal",
		"assert", "try", "finally", "while", "with", "elif", "except":
		return !closesBefore(code)
	case "if", "for", "else":
		return strings.HasSuffix(code, ":") && !closesBefore(code)
	case "from":
		return strings.Contains(code, " import ") && !closesBefore(code)
	}
	if isPyKeyword(word) || word == "print" {
		return false
	}
	for {
		for j < len(code) && (code[j] == ' ' || code[j] == '\t') {
			j++
		}
		if j < len(code) && code[j] == '.' {
			j++
			for j < len(code) && (code[j] == ' ' || code[j] == '\t') {
				j++
			}
			k := j
			for j < len(code) && (isPyNameStart(code, j) || j > k && isAlnum(code[j])) {
				_, n := utf8.DecodeRuneInString(code[j:])
				j += n
			}
			if j == k {
				return false
			}
			continue
		}
		break
	}
	rest := code[j:]
	switch {
	case strings.HasPrefix(rest, "("):
	case strings.HasPrefix(rest, "=") && !strings.HasPrefix(rest, "=="):
	case len(rest) >= 2 && rest[1] == '=' && strings.IndexByte("+-*/%&|^@", rest[0]) >= 0:
	default:
		return false
	}
	return !closesBefore(code)
}

// startsOperand reports a physical line (from its first character) that starts with an operand
// no expression can continue with: a name that is not a reserved word, a number, or a string
// (after anything but a string, which it would be joined to).
func startsOperand(s string, afterString bool) bool {
	if s == "" {
		return false
	}
	if isPyStringStart(s, 0) {
		return !afterString
	}
	if c := s[0]; c >= '0' && c <= '9' {
		return true
	}
	if !isPyNameStart(s, 0) {
		return false
	}
	j := 0
	for j < len(s) && (isPyNameStart(s, j) || isAlnum(s[j])) {
		_, n := utf8.DecodeRuneInString(s[j:])
		j += n
	}
	return !isPyKeyword(s[:j])
}

// closesBefore reports a line whose brackets, read alone (strings skipped), close one it did not
// open: it ends a bracket of the lines before it.
func closesBefore(s string) bool {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
			if depth < 0 {
				return true
			}
		case '\'', '"':
			k := i + 1
			for k < len(s) && s[k] != c {
				if s[k] == '\\' {
					k++
				}
				k++
			}
			i = k
		}
	}
	return false
}

func isPyNameStart(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return r == '_' || unicode.IsLetter(r)
}

// isPyStringStart reports a string literal at i: a quote, or up to two prefix letters (r, b, u, f
// in either case) and a quote.
func isPyStringStart(s string, i int) bool {
	for j := i; j < len(s) && j < i+3; j++ {
		switch s[j] {
		case '\'', '"':
			return true
		case 'r', 'R', 'b', 'B', 'u', 'U', 'f', 'F':
			continue
		}
		return false
	}
	return false
}

// scanPyNumber scans a number literal from i; it reports where it ends and whether it is a float.
func scanPyNumber(s string, i int) (int, bool) {
	j := i
	if strings.HasPrefix(s[i:], "0x") || strings.HasPrefix(s[i:], "0X") || strings.HasPrefix(s[i:], "0o") ||
		strings.HasPrefix(s[i:], "0O") || strings.HasPrefix(s[i:], "0b") || strings.HasPrefix(s[i:], "0B") {
		j += 2
		for j < len(s) && (isAlnum(s[j]) || s[j] == '_') {
			j++
		}
		return j, false
	}
	float := false
	digits := func() {
		for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == '_') {
			j++
		}
	}
	digits()
	if j < len(s) && s[j] == '.' {
		float = true
		j++
		digits()
	}
	if j < len(s) && (s[j] == 'e' || s[j] == 'E') {
		k := j + 1
		if k < len(s) && (s[k] == '+' || s[k] == '-') {
			k++
		}
		if k < len(s) && s[k] >= '0' && s[k] <= '9' {
			float = true
			j = k
			digits()
		}
	}
	if j < len(s) && (s[j] == 'j' || s[j] == 'J') {
		float = true
		j++
	}
	return j, float
}

// pyUnquote decodes a Python string literal as lexed (prefix and quotes included): raw strings
// keep their backslashes, the others decode the common escapes; f-strings keep their braces.
func pyUnquote(lit string) string {
	i := 0
	raw := false
	for i < len(lit) && lit[i] != '\'' && lit[i] != '"' {
		if lit[i] == 'r' || lit[i] == 'R' {
			raw = true
		}
		i++
	}
	body := lit[i:]
	switch {
	case len(body) >= 6 && (strings.HasPrefix(body, `"""`) || strings.HasPrefix(body, `'''`)):
		body = body[3 : len(body)-3]
	case len(body) >= 2:
		body = body[1 : len(body)-1]
	default:
		return ""
	}
	if raw || strings.IndexByte(body, '\\') < 0 {
		return body
	}
	var b strings.Builder
	for k := 0; k < len(body); k++ {
		c := body[k]
		if c != '\\' || k+1 >= len(body) {
			b.WriteByte(c)
			continue
		}
		k++
		switch body[k] {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case '0':
			b.WriteByte(0)
		case '\\', '\'', '"':
			b.WriteByte(body[k])
		case '\n':
		default:
			b.WriteByte('\\')
			b.WriteByte(body[k])
		}
	}
	return b.String()
}
