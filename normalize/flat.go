package normalize

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// Summaries whose line breaks were lost (a whole table on one line, as some forums and mail
// clients keep it) are cut again where a summary's own lines start: at a run of rule characters
// (a rule line of its own) and before the title, the header and each totals line. Rows that follow
// each other on one line stay together; the row reader separates them. One pass, linear.

// flatKeywords start a line of a summary.
var flatKeywords = []string{"Total params:", "Trainable params:", "Non-trainable params:", "Optimizer params:",
	"Layer (type)", "Layer (name)", `Model: "`}

// minRuleRun is the shortest run of one rule character read as a rule inside other text.
const minRuleRun = 10

func isRuleRune(r rune) bool {
	return r == '_' || r == '=' || r == '━' || r == '─' || r == '-' || r == '¯'
}

// unflatten cuts a line that holds several lines of a summary; it returns nil when the line is one
// line.
func unflatten(l Line) []Line {
	s := l.Text
	if len(s) < 20 || !strings.ContainsAny(s, "_=-:(\"") && !HasBoxRune(s, '━') && !HasBoxRune(s, '─') {
		// (an ASCII set and the two rules apart: ContainsAny decodes every rune for a set outside ASCII)
		return nil
	}
	if r, _ := utf8.DecodeRuneInString(strings.TrimLeft(s, " ")); r >= 0x2500 && r <= 0x257f && !l.Cells {
		return nil // a line of a box table: its borders are no rules inside text
	}
	if strings.Trim(s, " +-=|:") == "" {
		return nil // an ASCII box border ("+-----+-----+"): one line
	}
	type span struct{ a, b int }
	var parts []span
	start := 0
	cut := func(i int) {
		if strings.Trim(s[start:i], " │┃|") == "" {
			return // nothing but a cell border yet: it stays with what follows
		}
		parts = append(parts, span{start, i})
		start = i
	}
	// first pass: is the line flattened? A rule run inside other text, or two totals labels, or a
	// totals label after other text
	rules, totals, totalsInside, glued := 0, 0, false, false
	forEachCut(s, func(i, j int, rule bool, key string) {
		if rule {
			rules++
			return
		}
		if strings.HasPrefix(key, "Layer (") {
			if e := headerEnd(s, i); e > 0 && strings.ContainsAny(s[e:], "0123456789([") {
				// the first row runs into the header: "Connected toinput_1", "Param # dense (Dense) …"
				// (a cut title after the header is no row: rows hold shapes and counts)
				glued = true
			}
		}
		if strings.HasSuffix(key, "params:") {
			totals++
			if TrimSpace(s[:i]) != "" {
				totalsInside = true
			}
		}
	})
	whole := TrimSpace(s)
	if rules > 0 && isRuleLine(whole) {
		return nil
	}
	if rules == 0 && totals < 2 && !totalsInside && !glued {
		return nil
	}
	if l.Cells && totals < 2 {
		return nil // a retyped row: its cells are its own; only totals run together are cut
	}
	// second pass: cut before the keywords (the title and header only next to rules), around the
	// rule runs, and where a quote marker that every line carried shows a lost line break
	type cutAt struct{ at, resume int }
	var cuts []cutAt
	forEachCut(s, func(i, j int, rule bool, key string) {
		switch {
		case rule:
			cuts = append(cuts, cutAt{i, i}, cutAt{j, j})
		case strings.HasPrefix(key, "Layer (") && (rules > 0 || glued):
			cuts = append(cuts, cutAt{i, i})
			if e := headerEnd(s, i); e > 0 {
				cuts = append(cuts, cutAt{e, e}) // the first row glued to the header
			}
		case key == "…":
			if rules > 0 {
				cuts = append(cuts, cutAt{i, i}, cutAt{j, j}) // an elision mark between rows
			}
		case strings.HasSuffix(key, "params:") || rules > 0:
			cuts = append(cuts, cutAt{i, i})
		}
	})
	marker := l.marker
	if marker == "" || strings.Count(s, " "+marker) < 2 {
		marker = innerMarker(s)
	}
	if marker != "" {
		l.marker = marker
		for i := 0; i < len(s); i++ {
			if s[i] != ' ' || i+1 >= len(s) || s[i+1] != l.marker[0] {
				continue
			}
			if n := markerRun(s[i+1:], l.marker); n > 0 {
				e := i + 1 + n
				if e < len(s) && s[e] == ' ' {
					e++
				}
				cuts = append(cuts, cutAt{i, e})
				i = e - 1
			}
		}
		sort.Slice(cuts, func(a, b int) bool { return cuts[a].at < cuts[b].at })
	}
	for _, c := range cuts {
		if c.at < start {
			continue
		}
		cut(c.at)
		start = c.resume
	}
	cut(len(s))
	if len(parts) < 2 {
		return nil
	}
	out := make([]Line, 0, len(parts))
	for _, p := range parts {
		if l.marker != "" {
			// a part that starts with the markers of an empty quoted line
			for p.a < p.b && s[p.a] == ' ' {
				p.a++
			}
			for p.a < p.b && strings.IndexByte(l.marker, s[p.a]) >= 0 {
				p.a++
				for p.a < p.b && s[p.a] == ' ' {
					p.a++
				}
			}
			// and ends with those of the next line
			for p.b > p.a && s[p.b-1] == ' ' {
				p.b--
			}
			for p.b > p.a && strings.IndexByte(l.marker, s[p.b-1]) >= 0 && (p.b-1 == p.a || s[p.b-2] == ' ' || strings.IndexByte(l.marker, s[p.b-2]) >= 0) {
				p.b--
				for p.b > p.a && s[p.b-1] == ' ' {
					p.b--
				}
			}
			if p.a >= p.b {
				continue
			}
		}
		sub := l.Sub(p.a, p.b)
		sub.Flat = true
		out = append(out, sub)
	}
	return out
}

// undouble removes the blank lines that some pages and mail clients put after every line of a
// paste: when nearly every line is followed by a blank one, a run of k blank lines stands for
// (k-1)/2 of the original.
func undouble(lines []Line, pc *prefixCache) []Line {
	blank := make([]bool, len(lines))
	ends := pc.ends(lines)
	for i := range lines {
		// a quoted empty line (">", "# "), a log's prefix alone, is blank too
		s := lines[i].text.s
		blank[i] = TrimSpace(s[ends[i]:]) == ""
	}
	nonblank, followed := 0, 0
	for i := range lines {
		if blank[i] {
			continue
		}
		nonblank++
		if i+1 == len(lines) || blank[i+1] || isFence(lines[i].text.s) || isFence(lines[i+1].text.s) {
			followed++ // a code fence added around a doubled paste is no line of it
			continue
		}
		s := lines[i].text.s
		if t := TrimSpace(s[ends[i]:]); isRuleLine(t) || isBorderLine(t) {
			// a table's rules and borders are followed by a blank line only in doubled text (a
			// wrapped tf.keras table has blank lines after its rows, never after its rules)
			return lines
		}
	}
	// nearly every line is followed by a blank one; lines a mail client wrapped afterwards come
	// in pairs, so two in three is enough when the rules agree
	if nonblank < 10 || followed*3 < nonblank*2 {
		return lines
	}
	out := make([]Line, 0, len(lines)/2+1)
	for i := 0; i < len(lines); {
		if !blank[i] {
			out = append(out, lines[i])
			i++
			continue
		}
		j := i
		for j < len(lines) && blank[j] {
			j++
		}
		for k := 0; k < (j-i-1)/2; k++ {
			out = append(out, lines[i+1+2*k])
		}
		i = j
	}
	return out
}

// isBorderLine reports a line of box-drawing borders ("┏━━┳━━┓", "├──┼──┤").
func isBorderLine(t string) bool {
	if t == "" {
		return false
	}
	// U+2500–U+257F are E2 94 80–E2 95 BF in UTF-8: read by bytes, not decoded
	if len(t)%3 != 0 {
		return false
	}
	for i := 0; i < len(t); i += 3 {
		if t[i] != 0xe2 || t[i+1] != 0x94 && t[i+1] != 0x95 || t[i+2] < 0x80 || t[i+2] > 0xbf {
			return false
		}
	}
	return true
}

// isRuleLine reports a line of one repeated rule character (five or more).
func isRuleLine(t string) bool {
	n := 0
	var first rune
	for _, r := range t {
		if n == 0 {
			first = r
			if !isRuleRune(r) {
				return false
			}
		} else if r != first {
			return false
		}
		n++
	}
	return n >= 5
}

// cutBytes are the bytes forEachCut looks at: the ASCII ones that start a rule rune, an elision
// or a keyword, and every byte of a rune outside ASCII.
var cutBytes = func() (set [256]bool) {
	for _, c := range "_=-.TNOLM" {
		set[c] = true
	}
	for c := utf8.RuneSelf; c < 256; c++ {
		set[c] = true
	}
	return set
}()

// forEachCut calls fn for every place where a flattened summary's lines start in s: a run of rule
// characters s[i:j] (rule true), or a keyword at i.
func forEachCut(s string, fn func(i, j int, rule bool, key string)) {
	for i := 0; i < len(s); {
		for i < len(s) && !cutBytes[s[i]] {
			i++ // an ASCII byte that neither starts a rule, an elision nor a keyword
		}
		if i == len(s) {
			break
		}
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		if isRuleRune(r) {
			j := i + n
			run := 1
			if n == 1 {
				for j < len(s) && s[j] == s[i] {
					j++
					run++
				}
			}
			for j < len(s) && strings.HasPrefix(s[j:], s[i:i+n]) {
				j += n
				run++
			}
			if run >= minRuleRun && r != '-' || run >= 2*minRuleRun {
				fn(i, j, true, "")
			}
			i = j
			continue
		}
		if (r == '.' || r == '…') && (i == 0 || s[i-1] == ' ') {
			// an elision mark standing alone: "...", ". . .", "…"
			j, dots := i, 0
			for j < len(s) && (s[j] == '.' || s[j] == ' ' || strings.HasPrefix(s[j:], "…")) {
				if s[j] == '.' {
					dots++
				} else if s[j] != ' ' {
					dots += 3
					j += len("…") - 1
				}
				j++
			}
			if dots >= 3 && j > i && s[j-1] == ' ' || dots >= 3 && j == len(s) {
				fn(i, j, false, "…")
			}
			i = max(j, i+n)
			continue
		}
		if r == 'T' || r == 'N' || r == 'O' || r == 'L' || r == 'M' {
			for _, k := range flatKeywords {
				if strings.HasPrefix(s[i:], k) {
					fn(i, i+len(k), false, k)
					i += len(k) - 1
					break
				}
			}
		}
		i += n
	}
}

// headerTitles are the column titles of a summary header, as Keras and TensorFlow.js print them.
var headerTitles = []string{"Layer (type)", "Layer (name)", "Output Shape", "Output shape", "Input Shape", "Param #",
	"Connected to", "Receives inputs", "Trainable"}

// headerEnd is the end of a header that starts at s[i] ("Layer (type)  Output Shape  Param #"):
// after its last title, where a row glued to it would start; 0 when fewer than three titles follow
// each other there.
func headerEnd(s string, i int) int {
	end, n := 0, 0
	for k := i; k < len(s); {
		j := k
		for j < len(s) && s[j] == ' ' {
			j++
		}
		found := false
		for _, h := range headerTitles {
			if strings.HasPrefix(s[j:], h) {
				k = j + len(h)
				end, found = k, true
				n++
				break
			}
		}
		if !found {
			break
		}
	}
	if n < 3 {
		return 0
	}
	return end
}

// isFence reports a code fence line ("```", "```python").
func isFence(s string) bool {
	s = TrimSpace(s[stripPrefix(s):])
	n, bare := fenceAt(s)
	return n > 0 && bare
}

// markerRun is the length of quote marker m at the start of s, the marker's characters perhaps
// parted by single spaces ("> >" for ">>"), followed by a space or the end; 0 when there is none.
func markerRun(s, m string) int {
	i := 0
	for k := 0; k < len(m); k++ {
		if k > 0 && i < len(s) && s[i] == ' ' && i+1 < len(s) && s[i+1] == m[k] {
			i++
		}
		if i >= len(s) || s[i] != m[k] {
			return 0
		}
		i++
	}
	if i < len(s) && s[i] != ' ' {
		return 0
	}
	return i
}

// innerMarker finds the quote or comment marker that a flattened line repeats where its line
// breaks were (" > ", " # ", " // ", " #> "), "" when none recurs.
func innerMarker(s string) string {
	counts := map[string]int{}
	most := 0
	markers := []string{">", ">>", ">>>", "#", "//", "#>", "#=>", "#'", "--", ":"}
	for _, m := range markers {
		k := strings.Count(s, " "+m+" ") + strings.Count(s, " "+m+"_") + strings.Count(s, " "+m+"=")
		counts[m] = k
		most = max(most, k)
	}
	// the longest marker that recurs about as often as the most frequent one: "#=>" rather than
	// its "#" (which "Param #" also holds)
	best := ""
	for _, m := range markers {
		if k := counts[m]; k >= 3 && k*10 >= most*9 && len(m) >= len(best) {
			best = m
		}
	}
	return best
}

// isBoxStart and isBoxEnd report the box-drawing characters a box table's line starts and ends with.
func isBoxStart(r rune) bool {
	switch r {
	case '│', '┃', '├', '┡', '┏', '└', '┠', '┣', '╞', '╟':
		return true
	}
	return false
}

func isBoxEnd(r rune) bool {
	switch r {
	case '│', '┃', '┤', '┩', '┓', '┘', '┨', '┫', '╡', '╢':
		return true
	}
	return false
}

// rejoinBox joins the lines of a box table that a mail client broke: a line that starts with a
// box border but lost its right end, and the next line, which holds that end (its text and the
// closing border) without a border in front.
func rejoinBox(in []Line) []Line {
	if !slices.ContainsFunc(in, func(l Line) bool {
		first, _ := utf8.DecodeRuneInString(strings.TrimSpace(l.Text))
		return isBoxStart(first)
	}) {
		return in // no box line: the lines as they are, not a copy
	}
	// out stays nil until a line is joined (it would be in[:i]): a whole box is not copied
	var out []Line
	cols := 0  // cells a line of the current box holds, from its last border line
	width := 0 // the width of that border line: a broken line is shorter
	for i := 0; i < len(in); i++ {
		l := in[i]
		t := TrimSpace(l.Text)
		if n := junctions(t); n > 0 {
			cols, width = n+1, utf8.RuneCountInString(strings.TrimRight(l.Text, " "))
			if strings.HasPrefix(t, "└") {
				cols, width = 0, 0 // the box ends
			}
		}
		if first, _ := utf8.DecodeRuneInString(t); t == "" || !isBoxStart(first) || isRuleBorder(t) || l.Cells {
			if out != nil {
				out = append(out, l)
			}
			continue
		}
		at := i
		// up to three tails: a line may be broken more than once; a line as wide as the box's
		// borders is whole (a console that cropped the table leaves every line open)
		for k := 0; k < 3 && i+1 < len(in) && (width == 0 || utf8.RuneCountInString(strings.TrimRight(l.Text, " ")) < width-1); k++ {
			lt := TrimSpace(l.Text)
			last, _ := utf8.DecodeLastRuneInString(lt)
			n := TrimSpace(in[i+1].Text)
			if n == "" || len(n) > 200 || isRuleBorder(n) || in[i+1].Cells {
				break // a retyped table's rows (pipes, HTML) are no broken box lines
			}
			nf, _ := utf8.DecodeRuneInString(n)
			nl, _ := utf8.DecodeLastRuneInString(n)
			// the tail: the rest of an open line (broken before a border); text and the closing
			// border without one in front; or the cells a short line lacks
			open := !isBoxEnd(last) && isBoxEnd(nl)
			short := cols > 0 && isBoxEnd(last) && isBoxEnd(nl) && bars(lt)-1 < cols && bars(lt)-1+bars(n) == cols
			if !(open || short || !isBoxStart(nf) && isBoxEnd(nl)) {
				break
			}
			l = Join(&l, &in[i+1], " ")
			l.Tabs = true // the columns after the break moved
			i++
		}
		if out == nil && i > at {
			out = append(make([]Line, 0, len(in)), in[:at]...)
		}
		if out != nil {
			out = append(out, l)
		}
	}
	if out == nil {
		return in
	}
	return out
}

// bars counts the vertical borders of a box line.
func bars(t string) int {
	return strings.Count(t, "│") + strings.Count(t, "┃")
}

// junctions counts the column junctions of a box border line ("┏━━┳━━┓" has one), 0 for other lines.
func junctions(t string) int {
	if t == "" || len(t)%3 != 0 {
		return 0
	}
	// one pass that reads t as box-drawing runes (isBorderLine) and counts "┳", "╇", "┼", "┴",
	// "┬" and "╋" (E2 94 B3, E2 95 87, E2 94 BC, E2 94 B4, E2 94 AC, E2 95 8B) among them
	n := 0
	for i := 0; i < len(t); i += 3 {
		if t[i] != 0xe2 {
			return 0
		}
		switch c := t[i+2]; t[i+1] {
		case 0x94:
			if c == 0xb3 || c == 0xbc || c == 0xb4 || c == 0xac {
				n++
			}
		case 0x95:
			if c == 0x87 || c == 0x8b {
				n++
			}
		default:
			return 0
		}
		if c := t[i+2]; c < 0x80 || c > 0xbf {
			return 0
		}
	}
	return n
}

func isRuleBorder(t string) bool {
	return isBorderLine(t) && hasRuleRune(t)
}

// hasRuleRune reports a "━", "─" or "═" (E2 94 81, E2 94 80, E2 95 90) in a border line, which
// isBorderLine has read as three-byte runes: looked for rune by rune, since a search for their
// bytes stops at every rune of the line (each starts with E2).
func hasRuleRune(t string) bool {
	for i := 0; i+2 < len(t); i += 3 {
		if t[i+1] == 0x94 && (t[i+2] == 0x80 || t[i+2] == 0x81) || t[i+1] == 0x95 && t[i+2] == 0x90 {
			return true
		}
	}
	return false
}

// rejoinPipes joins the rows of an ASCII box or a Markdown pipe table that a mail client broke:
// the table's border or separator line says how many cells a row has ("+---+---+", "|---|---|"),
// and a row with fewer pipes than that, followed by the pipes it lacks, is one row again. It runs
// on the plain lines, before their pipes become cells.
func rejoinPipes(in []Line) []Line {
	if !slices.ContainsFunc(in, func(l Line) bool { return strings.IndexByte(l.text.s, '|') >= 0 }) {
		return in // no pipe: the lines as they are, not a copy
	}
	out := make([]Line, 0, len(in))
	want := 0 // pipes a whole row holds, 0 outside a table
	for i := 0; i < len(in); i++ {
		l := in[i]
		s := l.text.s
		t := TrimSpace(s[stripPrefix(s):])
		switch {
		case t == "" || t == "|":
			// a pipe alone where no row was left short of its pipes starts no row: an empty
			// line quoted with a bar ("| " before every line), which ends the table as a blank does
			want = 0
		case strings.Trim(t, "+-=:") == "" && strings.Count(t, "+") >= 2:
			want = strings.Count(t, "+")
		case strings.Trim(t, "|-=:+ ") == "" && strings.Count(t, "|") >= 2 && strings.Contains(t, "-"):
			want = strings.Count(t, "|") + strings.Count(t, "+") - boolInt(strings.HasPrefix(t, "|") && strings.Contains(t, "+"))
		case strings.HasPrefix(t, "||") && strings.HasSuffix(t, "||") && strings.Count(t, "||") >= 3 && strings.Count(t, "|") == 2*strings.Count(t, "||"):
			// the header of Jira's or Confluence's wiki markup: its cells parted by doubled pipes,
			// its body rows by single ones, as many as the header has pairs
			want = strings.Count(t, "||")
		case want > 0 && strings.HasPrefix(t, "|") && strings.Trim(t, "|.… ") != "":
			// (a row of dots alone is an elision mark, not a broken row)
			have := strings.Count(t, "|")
			for k := 0; k < 3 && have < want && i+1 < len(in); k++ {
				n := TrimSpace(in[i+1].text.s)
				c := strings.Count(n, "|")
				// a piece that does not end a row ends with a pipe, or leaves the row short of
				// pipes (a row broken twice, inside one cell and inside another)
				if n == "" || !strings.HasSuffix(n, "|") && have+c >= want || have+c > want || strings.Trim(n, "|-=:+ ") == "" {
					break // a border or separator line is no part of a row
				}
				l = Join(&l, &in[i+1], " ")
				have += c
				i++
			}
		}
		out = append(out, l)
	}
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
