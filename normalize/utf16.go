package normalize

import (
	"unicode/utf16"
	"unicode/utf8"
)

// Text saved as UTF-16: Windows PowerShell's ">" redirection and Notepad's "Unicode" write it, with
// a byte-order mark ("\xff\xfe" little-endian, "\xfe\xff" big-endian) or, now and then, without
// one. Read as UTF-8 such a file is every character followed (or led) by a NUL byte, and nothing
// in it can be read. It is decoded before anything else, so every later repair sees the text.

// utf16Probe is how many leading bytes tell UTF-16 without a byte-order mark.
const utf16Probe = 256

// fromUTF16 decodes src when it is UTF-16 text, and returns it as it is otherwise.
func fromUTF16(src string) string {
	var little bool
	switch {
	case len(src) >= 2 && src[0] == 0xff && src[1] == 0xfe:
		little, src = true, src[2:]
	case len(src) >= 2 && src[0] == 0xfe && src[1] == 0xff:
		little, src = false, src[2:]
	default:
		var ok bool
		if little, ok = bomlessUTF16(src); !ok {
			return src
		}
	}
	u := make([]uint16, 0, len(src)/2)
	for i := 0; i+1 < len(src); i += 2 {
		if little {
			u = append(u, uint16(src[i])|uint16(src[i+1])<<8)
		} else {
			u = append(u, uint16(src[i])<<8|uint16(src[i+1]))
		}
	}
	buf := make([]byte, 0, len(src))
	for _, r := range utf16.Decode(u) {
		buf = utf8.AppendRune(buf, r)
	}
	return string(buf)
}

// bomlessUTF16 reports UTF-16 text without a byte-order mark: in its first bytes, every second
// byte is NUL (ASCII text), on one side only, and the other side has no NUL.
func bomlessUTF16(src string) (little, ok bool) {
	n := min(len(src), utf16Probe) &^ 1
	if n < 8 {
		return false, false
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if src[i] == 0 {
			even++
		}
		if src[i+1] == 0 {
			odd++
		}
	}
	switch {
	case odd == n/2 && even == 0:
		return true, true
	case even == n/2 && odd == 0:
		return false, true
	}
	return false, false
}
