package grammar

import "strings"

// Prose that names Keras ("I'm new to keras. I tried adding more layers.", "see the keras.io
// example") is not code, however many of the finder's code marks it holds. Two words side by side
// tell it: outside strings and comments, Python (and R and JavaScript) never puts two names next to
// each other with only spaces between them, unless one of them is a keyword ("for x in y",
// "import numpy as np", "const model = ..."). English does in nearly every sentence.

// adjacentOK are the words that may stand next to a name in code: Python's keywords and soft
// keywords, Python 2's print and exec statements, and the JavaScript and R words the finder reads.
var adjacentOK = map[string]bool{
	"and": true, "as": true, "assert": true, "async": true, "await": true, "break": true, "class": true,
	"continue": true, "def": true, "del": true, "elif": true, "else": true, "except": true, "finally": true,
	"for": true, "from": true, "global": true, "if": true, "import": true, "in": true, "is": true,
	"lambda": true, "nonlocal": true, "not": true, "or": true, "pass": true, "raise": true, "return": true,
	"try": true, "while": true, "with": true, "yield": true, "match": true, "case": true, "type": true,
	"print": true, "exec": true, "None": true, "True": true, "False": true,
	"const": true, "let": true, "var": true, "new": true, "function": true, "typeof": true, "instanceof": true,
	"of": true, "export": true, "default": true, "extends": true, "void": true, "delete": true,
}

// stringPrefix reports the letters that may open a Python string literal (r”, f"", rb”).
func stringPrefix(w string) bool {
	if len(w) > 2 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if !strings.ContainsRune("rRbBfFuU", rune(w[i])) {
			return false
		}
	}
	return true
}

// isProse reports a line that reads as English rather than code: two words stand side by side,
// separated by spaces only, outside strings and comments, and neither is a keyword. An apostrophe
// inside a word ("I'm", "don't") is part of it, not the start of a string.
func isProse(t string) bool {
	prev := ""     // the word before, when only spaces have followed it
	var quote byte // the quote of the string being skipped
	for i := 0; i < len(t); {
		c := t[i]
		if quote != 0 {
			if c == '\\' {
				i += 2
				continue
			}
			if c == quote {
				quote = 0
			}
			i++
			continue
		}
		switch {
		case c == '#':
			return false
		case c == ' ' || c == '\t':
			i++
			continue
		case c == '"' || c == '\'' || c == '`':
			quote = c
			prev = ""
			i++
			continue
		case isAlnum(c) || c == '_':
			j := i
			for j < len(t) && (isAlnum(t[j]) || t[j] == '_' || t[j] == '.' && j+1 < len(t) && (isAlnum(t[j+1]) || t[j+1] == '_') ||
				(t[j] == '\'' || t[j] == '-') && j > i && j+1 < len(t) && isAlpha(t[j+1]) && !stringPrefix(t[i:j])) {
				j++
			}
			w := t[i:j]
			if j < len(t) && (t[j] == '"' || t[j] == '\'') && stringPrefix(w) {
				// a prefixed string: f"...", rb'...'
				quote = t[j]
				prev = ""
				i = j + 1
				continue
			}
			word := isAlpha(w[0]) || w[0] == '_'
			if word && prev != "" && !adjacentOK[w] && !adjacentOK[prev] {
				return true
			}
			prev = ""
			if word {
				prev = w
			}
			i = j
			continue
		}
		prev = ""
		i++
	}
	return false
}

func isAlpha(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
