package normalize

import "strings"

// HasBoxRune reports whether s holds the box-drawing rune r (U+2500–U+257F). Every such rune is
// E2 94 xx or E2 95 xx in UTF-8, so a search for its first bytes stops at every rune of a box's
// border line; its last byte, which few runes of a line share, is looked for instead.
func HasBoxRune(s string, r rune) bool {
	if r < 0x2500 || r > 0x257f {
		return strings.ContainsRune(s, r)
	}
	mid, last := byte(0x94+(r-0x2500)>>6), byte(0x80+(r-0x2500)&0x3f)
	for i := 2; i < len(s); i++ {
		j := strings.IndexByte(s[i:], last)
		if j < 0 {
			return false
		}
		i += j
		if s[i-2] == 0xe2 && s[i-1] == mid {
			return true
		}
	}
	return false
}
