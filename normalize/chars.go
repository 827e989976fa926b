package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Character repairs, done on every line of both views: what a copy through a terminal, a browser,
// a word processor or a mail client does to single characters.

// tabWidth is the tab stop; a tab always gives at least two spaces, so that a tab between two
// cells still separates them the way two spaces do.
const tabWidth = 8

// plainChars repairs the characters of one input line: carriage returns dropped, tabs expanded,
// ANSI escapes (and their remnants without ESC) removed, no-break and other odd spaces made
// plain, zero-width characters dropped, control characters made spaces, invalid UTF-8 made '?',
// typographic quotes, ligatures (a PDF copy) and full-width ASCII (CJK input methods) made ASCII. tabs reports whether the
// line had tabs (its columns are then approximate).
func plainChars(t *text) (out text, tabs bool) {
	s := t.s
	// fast path: printable ASCII needs nothing
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c >= 0x7f {
			clean = false
			break
		}
		if s[i] == '[' && sgrRemnant(s[i:]) > 0 {
			clean = false
			break
		}
	}
	if clean {
		return *t, false
	}
	var b builder
	col := 0 // output column, for tab stops
	kept := 0
	flush := func(i int) {
		b.keep(t, kept, i)
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c >= ' ' && c < 0x7f {
			if c == '[' {
				if n := sgrRemnant(s[i:]); n > 0 {
					flush(i)
					i += n
					kept = i
					continue
				}
			}
			i++
			col++
			continue
		}
		switch {
		case c == '\t':
			flush(i)
			n := tabWidth - col%tabWidth
			if n < 2 {
				n = 2
			}
			b.litAt(spaces(n), t, i)
			col += n
			tabs = true
			i++
			kept = i
			continue
		case c == 0x1b:
			flush(i)
			i += escapeLen(s[i:])
			kept = i
			continue
		case c < ' ' || c == 0x7f:
			flush(i)
			if c != '\r' && c != 0x7f {
				b.litAt(" ", t, i)
				col++
			}
			i++
			kept = i
			continue
		}
		if c == 0xe2 && i+2 < len(s) && (s[i+1] == 0x94 || s[i+1] == 0x95) && s[i+2] >= 0x80 && s[i+2] <= 0xbf {
			i += 3 // a box-drawing character (U+2500–U+257F), the border of every Keras 3 line: kept
			col++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		rep, ok := runeRepair(r, n)
		if ok && groupSpace(s, i, r, n) {
			rep = "," // a locale's thousands separator: "164 869" is 164,869
		}
		if !ok {
			i += n
			col++
			continue
		}
		flush(i)
		if rep != "" {
			b.litAt(rep, t, i)
			col += utf8.RuneCountInString(rep)
		}
		i += n
		kept = i
	}
	if kept == 0 {
		return *t, tabs // nothing repaired (a box line): the line as it was, not a copy
	}
	flush(len(s))
	return b.text(), tabs
}

// groupSpace reports a thin or narrow no-break space at s[i] (rune r of n bytes) that parts a
// count's thousands, as locales that group by spaces print them ("164 869", French, Swiss): a
// digit before it and three digits after it, then no further digit. Keras never prints these
// spaces, and a column's gap is never one of them between two numbers.
func groupSpace(s string, i int, r rune, n int) bool {
	if r != '\u202f' && r != '\u2009' || i == 0 || s[i-1] < '0' || s[i-1] > '9' {
		return false
	}
	j := i + n
	if j+3 > len(s) || !isDigits(s[j:j+3]) {
		return false
	}
	return j+3 == len(s) || s[j+3] < '0' || s[j+3] > '9'
}

// runeRepair gives what a non-ASCII rune becomes; ok false when it stays as it is.
func runeRepair(r rune, n int) (string, bool) {
	switch {
	case r == utf8.RuneError && n <= 1:
		return "?", true
	case r == '\u00a0' || r == '\u2007' || r == '\u202f' || r == '\u3000' || r >= '\u2000' && r <= '\u200a' || r == '\u205f' || r == '\u1680':
		return " ", true
	case unicode.Is(unicode.Cf, r):
		// invisible format characters: zero-width spaces and joiners, the byte-order mark, soft
		// hyphens, and the direction marks, embeddings and isolates that a right-to-left page
		// (Arabic, Hebrew, Persian) or a chat client puts around a line it shows left to right
		return "", true
	case r == '“' || r == '”' || r == '„' || r == '″':
		return `"`, true
	case r == '‘' || r == '’' || r == '′':
		return "'", true
	case r >= 0x80 && r < 0xa0:
		return " ", true // C1 control characters
	case r >= '\ufb00' && r <= '\ufb06':
		// typographic ligatures that a PDF copy leaves in words: "ﬂatten", "conﬁg"
		return [...]string{"ff", "fi", "fl", "ffi", "ffl", "st", "st"}[r-'\ufb00'], true
	case r >= '\uff01' && r <= '\uff5e':
		// full-width ASCII from CJK input methods: （Dense） ，：
		return string(rune(r - 0xff01 + '!')), true
	}
	return "", false
}

// escapeLen is the length of the ANSI escape sequence at the start of s (s[0] is ESC): CSI
// "ESC [ params intermediates final", OSC "ESC ] … BEL" or "ESC ] … ESC \", or ESC and one more byte.
func escapeLen(s string) int {
	if len(s) < 2 {
		return len(s)
	}
	switch s[1] {
	case '[':
		i := 2
		for i < len(s) && s[i] >= 0x30 && s[i] <= 0x3f {
			i++
		}
		for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
			i++
		}
		if i < len(s) && s[i] >= 0x40 && s[i] <= 0x7e {
			i++
		}
		return i
	case ']':
		for i := 2; i < len(s); i++ {
			if s[i] == 0x07 {
				return i + 1
			}
			if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
		}
		return len(s)
	}
	return 2
}

// sgrRemnant is the length of a colour code that lost its ESC in the copy ("[0m", "[1;34m") at the
// start of s, 0 when there is none.
func sgrRemnant(s string) int {
	i := 1
	groups := 0
	for {
		j := i
		for j < len(s) && j-i < 3 && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == i {
			return 0
		}
		groups++
		i = j
		if i < len(s) && s[i] == ';' && groups < 6 {
			i++
			continue
		}
		break
	}
	if i < len(s) && s[i] == 'm' {
		return i + 1
	}
	return 0
}

const eightSpaces = "        "

// spaces gives n spaces.
func spaces(n int) string {
	if n <= len(eightSpaces) {
		return eightSpaces[:n]
	}
	return strings.Repeat(" ", n)
}
