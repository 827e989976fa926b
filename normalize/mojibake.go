package normalize

import (
	"strings"
	"unicode/utf8"
)

// Mojibake: UTF-8 text read as Windows-1252 (or Latin-1) on its way into the paste, so that the
// box drawing of a Keras 3 table arrives as "â”ƒ", an ellipsis as "â€¦" and a no-break space as
// "Â ". A line that holds such sequences is read back byte by byte; where those bytes are UTF-8,
// they become the characters they were.

// cp1252 maps the Windows-1252 characters of 0x80–0x9f back to their bytes.
var cp1252 = map[rune]byte{
	'€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89,
	'Š': 0x8a, '‹': 0x8b, 'Œ': 0x8c, 'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95,
	'–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b, 'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
}

// byteOf is the byte a character of mojibake stands for.
func byteOf(r rune) (byte, bool) {
	if r < 0x80 {
		return byte(r), true
	}
	if b, ok := cp1252[r]; ok {
		return b, true
	}
	if r >= 0xa0 && r <= 0xff || r >= 0x80 && r < 0xa0 {
		return byte(r), true
	}
	return 0, false
}

// hasMojibake reports the lead of an encoded box-drawing character, ellipsis or no-break space.
func hasMojibake(s string) bool {
	return strings.Contains(s, "â”") || strings.Contains(s, "â€") || strings.Contains(s, "â•") || strings.Contains(s, "Â ")
}

// unMojibake reads a line of mojibake back: each run of characters that stand for the bytes of
// one UTF-8 character becomes that character.
func unMojibake(t *text) text {
	s := t.s
	var b builder
	kept := 0
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		lead, ok := byteOf(r)
		if !ok || lead < 0xc2 || lead > 0xf4 || r < 0x80 {
			i += n
			continue
		}
		// the number of bytes the lead byte announces
		need := 2
		if lead >= 0xe0 {
			need = 3
		}
		if lead >= 0xf0 {
			need = 4
		}
		buf := []byte{lead}
		j := i + n
		for len(buf) < need && j < len(s) {
			r2, n2 := utf8.DecodeRuneInString(s[j:])
			c, ok := byteOf(r2)
			if !ok || c < 0x80 || c > 0xbf {
				break
			}
			buf = append(buf, c)
			j += n2
		}
		if len(buf) == need && utf8.Valid(buf) {
			b.keep(t, kept, i)
			rep := string(buf)
			if rr, ok := runeRepairString(rep); ok {
				rep = rr
			}
			b.litAt(rep, t, i)
			kept = j
			i = j
			continue
		}
		i += n
	}
	b.keep(t, kept, len(s))
	return b.text()
}
