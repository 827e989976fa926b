package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// TrimSpace is strings.TrimSpace. strings.TrimSpace trims ASCII space quickly, but when a line
// starts or ends with any other rune (a box table's "│" border) it decodes the ends and looks
// them up in Unicode's tables, a few hundred instructions a call on every line of a box table.
// Here a border (U+2500–U+257F) at either end is known to be no space; any other rune outside
// ASCII goes to strings.TrimSpace.
func TrimSpace(s string) string {
	start, stop := 0, len(s)
	// runs of blanks eight at a time first: the wrapped tf.keras layout pads every line, and
	// parts its rows by lines of blanks as wide as the table
	for stop-start >= 8 && load64(s, start) == blanks8 {
		start += 8
	}
	for start < stop && asciiSpace(s[start]) {
		start++
	}
	for stop-start >= 8 && load64(s, stop-8) == blanks8 {
		stop -= 8
	}
	for stop > start && asciiSpace(s[stop-1]) {
		stop--
	}
	if start == stop {
		return ""
	}
	t := s[start:stop]
	if t[0] >= 0x80 && !boxAt(t, 0) || t[len(t)-1] >= 0x80 && !(len(t) >= 3 && boxAt(t, len(t)-3)) {
		// the rune at each end, looked up once: a cut cell ends in "…", which is no space
		first, _ := utf8.DecodeRuneInString(t)
		last, _ := utf8.DecodeLastRuneInString(t)
		if unicode.IsSpace(first) || unicode.IsSpace(last) {
			return strings.TrimSpace(t)
		}
	}
	return t
}

// blanks8 is eight spaces read as one little-endian word.
const blanks8 = 0x2020202020202020

// load64 reads s[i:i+8] as a little-endian word (the compiler makes it one load).
func load64(s string, i int) uint64 {
	_ = s[i+7]
	return uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
		uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
}

func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// boxAt reports a box-drawing character (U+2500–U+257F: E2 94 80 – E2 95 BF) at byte i of s.
func boxAt(s string, i int) bool {
	return i+2 < len(s) && s[i] == 0xe2 && (s[i+1] == 0x94 || s[i+1] == 0x95) && s[i+2] >= 0x80 && s[i+2] <= 0xbf
}
