package normalize

import (
	"strconv"
	"strings"
	"sync"
)

// entityNames are the named HTML entities that pages put into pasted summaries and prose (the
// map is made the first time a paste has one, not at every start of the program).
var entityNames = sync.OnceValue(func() map[string]string {
	return map[string]string{
		"nbsp": " ", "emsp": " ", "ensp": " ", "thinsp": " ", "zwsp": "", "zwnj": "", "zwj": "", "shy": "",
		"lt": "<", "gt": ">", "amp": "&", "quot": `"`, "apos": "'", "lsquo": "'", "rsquo": "'", "ldquo": `"`,
		"rdquo": `"`, "hellip": "…", "mdash": "—", "ndash": "–", "rarr": "→", "larr": "←", "times": "×",
		"lpar": "(", "rpar": ")", "lsqb": "[", "rsqb": "]", "lbrack": "[", "rbrack": "]", "comma": ",",
		"colon": ":", "num": "#", "lowbar": "_", "UnderBar": "_", "equals": "=", "vert": "|", "verbar": "|",
		"ast": "*", "period": ".", "sol": "/", "bsol": `\`, "grave": "`", "macr": "¯",
		"boxh": "─", "boxv": "│", "boxH": "═", "boxV": "║",
	}
})

// decodeEntities replaces HTML character references (&nbsp; &#160; &#xA0;) by what they stand
// for; the characters they give are repaired as typed ones are (a no-break space becomes a space).
// One level only: "&amp;nbsp;" becomes "&nbsp;".
func decodeEntities(t text) text {
	if strings.IndexByte(t.s, '&') < 0 {
		return t
	}
	var b builder
	s := t.s
	kept := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '&' {
			continue
		}
		rep, n := entityAt(s[i:])
		if n == 0 {
			continue
		}
		b.keep(&t, kept, i)
		if r, ok := runeRepairString(rep); ok {
			rep = r
		}
		if rep != "" {
			b.litAt(rep, &t, i)
		}
		i += n - 1
		kept = i + 1
	}
	b.keep(&t, kept, len(s))
	return b.text()
}

// entityAt reads the character reference at the start of s; n is 0 when there is none.
func entityAt(s string) (string, int) {
	end := strings.IndexByte(s, ';')
	if end < 2 || end > 12 {
		return "", 0
	}
	name := s[1:end]
	if name[0] == '#' {
		var v uint64
		var err error
		if len(name) > 1 && (name[1] == 'x' || name[1] == 'X') {
			v, err = strconv.ParseUint(name[2:], 16, 32)
		} else {
			v, err = strconv.ParseUint(name[1:], 10, 32)
		}
		if err != nil || v == 0 || v > 0x10ffff || v >= 0xd800 && v < 0xe000 {
			return "", 0
		}
		return string(rune(v)), end + 1
	}
	if rep, ok := entityNames()[name]; ok {
		return rep, end + 1
	}
	return "", 0
}

// runeRepairString repairs a decoded one-rune string as plainChars repairs typed runes.
func runeRepairString(s string) (string, bool) {
	for _, r := range s {
		if len(s) != len(string(r)) {
			return s, false
		}
		if r < ' ' {
			return " ", true
		}
		return runeRepair(r, len(s))
	}
	return s, false
}
