package normalize

import (
	"strings"
	"sync"
	"unicode/utf8"
)

// Mojibake: UTF-8 text read in a one-byte code page on its way into the paste: Windows-1252 (or
// Latin-1), so that the box drawing of a Keras 3 table arrives as "â”ƒ", an ellipsis as "â€¦"
// and a no-break space as "Â "; or a Windows console's DOS code page (437, 850), where the same
// box arrives as "ΓöâΓöü" or "ÔöâÔöü". A line that holds such sequences is read back byte by byte;
// where those bytes are UTF-8, they become the characters they were.

// cp1252 maps the Windows-1252 characters of 0x80–0x9f back to their bytes (made the first time
// a paste is mojibake).
var cp1252 = sync.OnceValue(func() map[rune]byte {
	return map[rune]byte{
		'€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89,
		'Š': 0x8a, '‹': 0x8b, 'Œ': 0x8c, 'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95,
		'–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b, 'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
	}
})

// dosPages are the upper halves (bytes 0x80–0xff) of the DOS code pages that Windows consoles use.
var dosPages = map[string]string{
	"437": "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0",
	"850": "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈıÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u00ad±‗¾¶§÷¸°¨·¹³²■\u00a0",
}

// dosBytes maps each DOS page's characters back to their bytes.
var dosBytes = func() map[string]map[rune]byte {
	out := map[string]map[rune]byte{}
	for name, page := range dosPages {
		m := map[rune]byte{}
		b := 0x80
		for _, r := range page {
			m[r] = byte(b)
			b++
		}
		out[name] = m
	}
	return out
}()

// byteOf is the byte that a character of mojibake in code page page ("" for Windows-1252) stands
// for.
func byteOf(page string, r rune) (byte, bool) {
	if r < 0x80 {
		return byte(r), true
	}
	if page != "" {
		b, ok := dosBytes[page][r]
		return b, ok
	}
	if b, ok := cp1252()[r]; ok {
		return b, true
	}
	if r >= 0xa0 && r <= 0xff || r >= 0x80 && r < 0xa0 {
		return byte(r), true
	}
	return 0, false
}

// mojibakePage reports the code page whose reading of UTF-8 a line shows ("" for Windows-1252):
// the lead of an encoded box-drawing character, ellipsis or no-break space; ok false for none.
func mojibakePage(s string) (page string, ok bool) {
	if strings.IndexByte(s, 0xc3) < 0 && strings.IndexByte(s, 0xce) < 0 {
		return "", false // every lead below starts with "â", "Â", "Ô" (C3 xx) or "Γ" (CE 93)
	}
	switch {
	case strings.Contains(s, "â”") || strings.Contains(s, "â€") || strings.Contains(s, "â•") || strings.Contains(s, "Â "):
		return "", true
	case strings.Contains(s, "Γö") || strings.Contains(s, "Γò") || strings.Contains(s, "ΓÇ"):
		return "437", true
	case strings.Contains(s, "Ôö") || strings.Contains(s, "Ôò") || strings.Contains(s, "ÔÇ"):
		return "850", true
	}
	return "", false
}

// docPage finds the code page whose mojibake a paste shows: the page of its first line of
// mojibake. The other lines of the paste went the same way, so they are read back in the same
// page even where no box drawing tells it (a line of CJK text in a table).
func docPage(lines []string) (page string, ok bool) {
	for _, l := range lines {
		if page, ok := mojibakePage(l); ok {
			return page, true
		}
	}
	return "", false
}

// unMojibake reads a line of mojibake in code page page back: each run of characters that stand
// for the bytes of one UTF-8 character becomes that character.
func unMojibake(t *text, page string) text {
	s := t.s
	var b builder
	kept := 0
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		lead, ok := byteOf(page, r)
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
			c, ok := byteOf(page, r2)
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
