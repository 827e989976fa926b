package normalize

import (
	"strings"
	"unicode/utf8"
)

// A paste can go through an e-mail's quoted-printable transfer encoding and never be decoded: a
// mailing list archive's raw message, a mail client's "show original", a forward of either. In
// that encoding every "=" is written "=3D" (a Keras 2 rule of "=" becomes "=3D=3D=3D…"), every
// byte of a non-ASCII character is written as "=XX" (Keras 3's "━" is "=E2=94=81"), and a line
// longer than 76 characters is broken by a soft break: a "=" at the end of the line, which joins it
// to the next.

// qpMinEscapes is how many escapes that only quoted-printable writes (an "=3D", a whole UTF-8
// character, a space or tab at the end of a line as "=20" or "=09", a soft break at the width the
// encoding breaks at) a paste needs before it is
// read as encoded. Plain text has none: a person writes "=" as "=", never as "=3D", and no other
// text spells a character as its UTF-8 bytes.
const qpMinEscapes = 3

// qpWidth is the longest line the encoding writes, its soft break included (RFC 2045). A line of
// exactly that length that ends in a lone "=" is sign enough: the encoder filled it and broke it,
// and a typed line never ends so at that column. The encoder breaks a line up to qpSlack
// characters short of the width, so as not to part an escape: such a line counts as one sign.
const qpWidth, qpSlack = 76, 3

// quotedPrintable reports whether the lines read as undecoded quoted-printable.
func quotedPrintable(raw []string) bool {
	n := 0
	for _, s := range raw {
		s = strings.TrimSuffix(s, "\r")
		if softBreak(s) && len(s) == qpWidth {
			return true // a line filled to the encoding's width and broken: no typed line ends so
		}
		if softBreak(s) && len(s) >= qpWidth-qpSlack {
			n++
		}
		if n >= qpMinEscapes {
			return true
		}
		for i := strings.IndexByte(s, '='); i >= 0 && i+2 < len(s); {
			if v, ok := qpByte(s[i:]); ok {
				if v == '=' || (v == ' ' || v == '\t') && i+3 == len(s) {
					n++
				} else if v >= 0xC2 {
					if _, m := qpRune(s[i:]); m > 0 {
						n++
						i += m - 1
					}
				}
			}
			if n >= qpMinEscapes {
				return true
			}
			j := strings.IndexByte(s[i+1:], '=')
			if j < 0 {
				break
			}
			i += 1 + j
		}
	}
	return false
}

// qpByte reads the escape "=XX" (two upper-case hexadecimal digits) at the start of s.
func qpByte(s string) (byte, bool) {
	if len(s) < 3 || s[0] != '=' {
		return 0, false
	}
	hi, ok1 := hexDigit(s[1])
	lo, ok2 := hexDigit(s[2])
	return hi<<4 | lo, ok1 && ok2
}

func hexDigit(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// qpRune reads one character written as escapes at the start of s: its text and the length of its
// escapes, 0 when s does not start with the escapes of a whole, valid UTF-8 character.
func qpRune(s string) (string, int) {
	var buf [utf8.UTFMax]byte
	n := 0
	for n < len(buf) {
		v, ok := qpByte(s[3*n:])
		if !ok {
			break
		}
		buf[n] = v
		n++
		if utf8.FullRune(buf[:n]) {
			break
		}
	}
	if n == 0 {
		return "", 0
	}
	r, size := utf8.DecodeRune(buf[:n])
	if r == utf8.RuneError && size <= 1 || size != n {
		return "", 0
	}
	return string(buf[:n]), 3 * n
}

// qpJoin undoes the encoding one input line at a time: it holds a line that ends in a soft break
// until the line that ends it, then decodes the whole.
type qpJoin struct {
	b    builder
	open bool
	no   int
}

// next takes input line t, number no; it gives the decoded line and the number of its first input
// line when t ends one, ok false while a soft break holds the line open.
func (q *qpJoin) next(t text, no int, last bool) (text, int, bool) {
	soft := softBreak(t.s)
	if !soft && !q.open {
		return qpDecode(&t), no, true
	}
	if !q.open {
		q.open, q.no = true, no
	}
	end := len(t.s)
	if soft {
		end--
	}
	q.b.keep(&t, 0, end)
	if soft && !last {
		return text{}, 0, false
	}
	q.open = false
	whole := q.b.text()
	return qpDecode(&whole), q.no, true
}

// softBreak reports a line that ends in a soft break: a lone "=" at its end. An encoded text holds
// no "==" (its "=" are "=3D"), so a line ending in "==" is text the encoding did not touch.
func softBreak(s string) bool {
	n := len(s)
	return n > 0 && s[n-1] == '=' && (n == 1 || s[n-2] != '=')
}

// qpDecode replaces the escapes of t by what they stand for, each decoded character at the
// position of its first escape. An escape that is no whole character stays as it is.
func qpDecode(t *text) text {
	if strings.IndexByte(t.s, '=') < 0 {
		return *t
	}
	var b builder
	s := t.s
	kept := 0
	for i := 0; i+2 < len(s); {
		v, ok := qpByte(s[i:])
		if !ok {
			i++
			continue
		}
		rep, n := string(rune(v)), 3
		if v >= utf8.RuneSelf {
			if rep, n = qpRune(s[i:]); n == 0 {
				i += 3
				continue
			}
		}
		b.keep(t, kept, i)
		b.litAt(rep, t, i)
		i += n
		kept = i
	}
	if kept == 0 {
		return *t
	}
	b.keep(t, kept, len(s))
	return b.text()
}
