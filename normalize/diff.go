package normalize

import (
	"strconv"
	"strings"
)

// Unified diffs: a summary (or the code that built it) pasted as a diff or a patch that adds it to
// a file, a README or a log ("@@ -0,0 +1,20 @@", then "+Model: ...", "+___"). The lines of a hunk
// lose their one-character marker: added and unchanged lines are the new file, and removed lines
// (an older print of the summary) stay out of the table view. A hunk's extent is the counts of its
// header, so a "+" or "-" of the text after it is never taken for a marker.

// hunkHeader reads a hunk header "@@ -a,b +c,d @@ …": the old and the new line counts (1 where the
// header gives none); ok false when s is none.
func hunkHeader(s string) (old, new int, ok bool) {
	if !strings.HasPrefix(s, "@@ -") {
		return 0, 0, false
	}
	end := strings.Index(s[3:], " @@")
	if end < 0 {
		return 0, 0, false
	}
	f := strings.Fields(s[3 : 3+end])
	if len(f) != 2 || !strings.HasPrefix(f[0], "-") || !strings.HasPrefix(f[1], "+") {
		return 0, 0, false
	}
	count := func(r string) (int, bool) {
		_, n, found := strings.Cut(r[1:], ",")
		if !found {
			return 1, isDigits(r[1:])
		}
		v, err := strconv.Atoi(n)
		return v, err == nil && v >= 0 && v < 1<<24
	}
	old, ok1 := count(f[0])
	new, ok2 := count(f[1])
	return old, new, ok1 && ok2
}

// stripHunks removes the markers of the lines of every hunk. A hunk indented as a whole (a
// Markdown code block) keeps its indentation.
func stripHunks(in []Line) []Line {
	for i := 0; i < len(in); i++ {
		h := in[i].text.s
		ind := len(h) - len(strings.TrimLeft(h, " "))
		if ind > 16 {
			continue
		}
		old, new, ok := hunkHeader(h[ind:])
		if !ok {
			continue
		}
		j := i + 1
		for ; j < len(in) && (old > 0 || new > 0); j++ {
			s := in[j].text.s
			if TrimSpace(s) == "" && len(s) <= ind+1 { // an unchanged empty line whose space a tool trimmed
				old, new = old-1, new-1
				continue
			}
			if len(s) <= ind || strings.TrimLeft(s[:ind], " ") != "" {
				break // less indented than its header: no part of the hunk
			}
			switch s[ind] {
			case ' ':
				old, new = old-1, new-1
			case '+':
				new--
			case '-':
				old--
				in[j].noTable = true
			case '\\': // "\ No newline at end of file"
				in[j].noTable = true
				continue
			default:
				old, new = 0, 0 // the hunk ends short: what follows is no part of it
				j--
				continue
			}
			if !in[j].noTable {
				in[j] = cutMarker(in[j], ind)
			}
		}
		i = j - 1
	}
	return in
}

// cutMarker removes the byte after the first ind bytes of l.
func cutMarker(l Line, ind int) Line {
	if ind == 0 {
		return l.Sub(1, len(l.text.s))
	}
	a, b := l.Sub(0, ind), l.Sub(ind+1, len(l.text.s))
	return Join(&a, &b, "")
}
