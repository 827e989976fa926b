package render

import (
	"strings"

	"github.com/mattn/go-runewidth"
)

// Display widths, as Keras prints them: box drawing and "…" are one column wide, whatever the
// locale says.
//
// go-runewidth builds a large table (about 2 MB) the first time it measures a rune at or above
// U+0300, and every text output prints such runes (✓ ← ─ × …). So the runes kexplain's own output
// uses, and every rune below U+0300, are measured here; only the others (a CJK layer name, an
// emoji in a pasted name) go to go-runewidth. width_test.go checks every rune measured here against
// go-runewidth's answer.
var wide = &runewidth.Condition{EastAsianWidth: false}

// knownWidth is the display width of r when kexplain knows it without go-runewidth's table.
func knownWidth(r rune) (int, bool) {
	switch {
	case r < 0x20 || r >= 0x7f && r < 0xa0 || r == 0xad:
		return 0, true // control characters, soft hyphen
	case r < 0x300:
		return 1, true // Latin, Latin-1, Latin Extended, IPA, spacing modifiers
	case r >= 0x2010 && r <= 0x2027, // dashes, quotes, bullets, "…"
		r >= 0x2190 && r <= 0x21ff, // arrows: ← →
		r >= 0x2200 && r <= 0x22ff, // mathematical operators: − ≤
		r >= 0x2308 && r <= 0x230b, // ⌈ ⌉ ⌊ ⌋
		r >= 0x2500 && r <= 0x259f, // box drawing, block elements
		r == 0x2713 || r == 0x2717: // ✓ ✗
		return 1, true
	}
	return 0, false
}

// runeWidth is the display width of r.
func runeWidth(r rune) int {
	if n, ok := knownWidth(r); ok {
		return n
	}
	return wide.RuneWidth(r)
}

// textWidth is the display width of s: one column per byte when s is printable ASCII, the sum of
// known widths when every rune's is known, else go-runewidth's (which reads grapheme clusters:
// an emoji sequence, a letter with combining marks).
func textWidth(s string) int {
	i := 0
	for i < len(s) && s[i] >= 0x20 && s[i] < 0x7f {
		i++
	}
	if i == len(s) {
		return len(s)
	}
	n := i
	for _, r := range s[i:] {
		k, ok := knownWidth(r)
		if !ok {
			return wide.StringWidth(s)
		}
		n += k
	}
	return n
}

// truncate cuts s to at most w columns, ending it in "…" when it cuts.
func truncate(s string, w int) string {
	if textWidth(s) <= w {
		return s
	}
	if w <= 0 {
		return ""
	}
	var b strings.Builder
	n := 0
	for _, r := range s {
		rw := runeWidth(r)
		if n+rw > w-1 { // room for "…"
			break
		}
		b.WriteRune(r)
		n += rw
	}
	b.WriteRune('…')
	return b.String()
}

func pad(s string, w int) string {
	return s + spaces(w-textWidth(s))
}

func padLeft(s string, w int) string {
	return spaces(w-textWidth(s)) + s
}

func padColored(colored, plain string, w int) string {
	return colored + spaces(w-textWidth(plain))
}

func padLeftColored(colored, plain string, w int) string {
	return spaces(w-textWidth(plain)) + colored
}

// blanks is the run of spaces that spaces cuts its answers from.
const blanks = "                                                                                                                                "

// spaces is n spaces (none when n is not positive), cut from blanks without an allocation when
// n is within its length.
func spaces(n int) string {
	if n <= 0 {
		return ""
	}
	if n <= len(blanks) {
		return blanks[:n]
	}
	return strings.Repeat(" ", n)
}

// wrap breaks text into lines of at most w columns at spaces.
func wrap(s string, w int) []string {
	return wrapTo(nil, s, w)
}

// wrapTo is wrap appending to out: a caller that passes a small array of its own makes no
// allocation for the common line that needs no break.
func wrapTo(out []string, s string, w int) []string {
	if len(s) <= w {
		return append(out, s) // no rune is wider than its bytes
	}
	for textWidth(s) > w {
		cut := -1
		n := 0
		for i, r := range s {
			n += runeWidth(r)
			if n > w {
				break
			}
			if r == ' ' {
				cut = i
			}
		}
		if cut <= 0 {
			break
		}
		out = append(out, s[:cut])
		s = strings.TrimLeft(s[cut:], " ")
	}
	return append(out, s)
}
