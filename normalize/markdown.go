package normalize

import (
	"strings"
)

// Markup of the table view: quoting, prompts and list markers in front of a line; code fences;
// Markdown pipe tables; emphasis, code spans and backslash escapes. A summary printed by Keras
// holds none of these characters in these places, so removing them loses nothing of it.

// logLevels are the level words of logging prefixes.
var logLevels = []string{"DEBUG", "INFO", "WARNING", "WARN", "ERROR", "CRITICAL", "NOTICE", "TRACE"}

// logPrefix is the length of a logging prefix at the start of s, its separator included, so that
// the message that follows keeps its own leading space (the wrapped tf.keras layout starts its
// rows with one); 0 when there is none. Summaries printed through logging carry one on every
// line: Python's "INFO:root:", "2024-01-01 12:00:00,123 - root - INFO - ", "[12:00:00] INFO: ",
// absl's "I0101 12:00:00.123456 140 train.py:42] ".
func logPrefix(s string) int {
	for _, lv := range logLevels {
		if len(s) > len(lv) && s[len(lv)] == ':' && strings.HasPrefix(s, lv) {
			// Python's default format: LEVEL:logger:message
			i := len(lv) + 1
			j := i
			for j < len(s) && j-i < 64 && (isWordByte(s[j]) || s[j] == '.') {
				j++
			}
			if j < len(s) && s[j] == ':' {
				return j + 1
			}
			return 0
		}
	}
	// absl: I0101 12:00:00.123456  140 file.py:42]
	if len(s) > 22 && strings.IndexByte("IWEF", s[0]) >= 0 && isDigits(s[1:5]) && s[5] == ' ' && isClock(s[6:]) {
		if k := strings.Index(s[:min(len(s), 120)], "] "); k > 0 {
			return k + 2
		}
		if strings.HasSuffix(s, "]") && len(s) < 120 {
			return len(s) // the prefix alone: its message was moved to the next line
		}
	}
	// a timestamp ("2024-01-01 12:00:00,123", "[2024-01-01T12:00:00]", "[12:00:00]"), then
	// separators and words up to a level word, or just the separator after the timestamp
	i := 0
	if i < len(s) && s[i] == '[' {
		i++
	}
	n := 0
	if len(s) >= i+10 && isDigits(s[i:i+4]) && s[i+4] == '-' && isDigits(s[i+5:i+7]) && s[i+7] == '-' && isDigits(s[i+8:i+10]) {
		n = i + 10
		if n < len(s) && (s[n] == ' ' || s[n] == 'T') && isClock(s[n+1:]) {
			n++
		}
	} else if isClock(s[i:]) {
		n = i
	} else {
		return 0
	}
	if isClock(s[n:]) {
		n += 8
		for n < len(s) && (s[n] == '.' || s[n] == ',' || s[n] >= '0' && s[n] <= '9') {
			n++
		}
	}
	if n < len(s) && s[n] == 'Z' {
		n++
	}
	if i == 1 {
		if n >= len(s) || s[n] != ']' {
			return 0
		}
		n++
	}
	// the separator, then maybe "logger - LEVEL - " or "LEVEL:"
	rest := s[n:]
	sep := 0
	for sep < len(rest) && sep < 4 && strings.IndexByte(" -|:", rest[sep]) >= 0 {
		sep++
	}
	if sep == 0 {
		return 0
	}
	n += sep
	limit := min(len(s), n+80)
	for _, lv := range logLevels {
		if k := strings.Index(s[n:limit], lv); k >= 0 {
			e := n + k + len(lv)
			// its separator: " - ", ": ", " | ", "] " or a space
			if e < len(s) && s[e] == ' ' && e+1 < len(s) && strings.IndexByte("-|", s[e+1]) >= 0 {
				e++
			}
			if e < len(s) && strings.IndexByte("-|:]", s[e]) >= 0 {
				e++
			}
			if e < len(s) && s[e] == ' ' {
				e++
			}
			return e
		}
	}
	return n
}

// isClock reports "hh:mm:ss" at the start of s.
func isClock(s string) bool {
	return len(s) >= 8 && isDigits(s[0:2]) && s[2] == ':' && isDigits(s[3:5]) && s[5] == ':' && isDigits(s[6:8])
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// stripPrefix finds the quote markers, prompts, comment and list markers at the start of s and
// returns the byte offset where the line's own text starts and how many columns were removed.
// Each marker takes one following space with it ("> ", "# ", "- "), so the columns of what
// follows keep their alignment between lines that carry the same markers.
func stripPrefix(s string) (off int) {
	i := 0
	for round := 0; round < 16; round++ {
		j := i
		for j < len(s) && j-i < 40 && s[j] == ' ' {
			j++
		}
		n := markerAt(s[j:])
		if n == 0 {
			break
		}
		log := logPrefix(s[j:]) == n
		j += n
		if j < len(s) && s[j] == ' ' && !log {
			j++
		}
		i = j
	}
	return i
}

// pointerArrows are the marks a person puts in front of a line to point at it ("--> dense_1
// (Dense) … <- why?"), longest first.
var pointerArrows = []string{"==>", "-->", "=>", "->", "→", "⇒", "➡️", "➡", "👉"}

// markerAt is the length of a prefix marker at the start of s, 0 when there is none.
func markerAt(s string) int {
	if s == "" {
		return 0
	}
	if c := s[0]; c >= 'a' && c <= 'z' || c == '_' || c == ' ' || c == '(' || c == '\'' ||
		c == 0xe2 && len(s) > 1 && (s[1] == 0x94 || s[1] == 0x95) {
		// no marker, prompt or log prefix starts with a lowercase letter, '_', a space, '(', a
		// quote or a box-drawing character (U+2500–U+257F): most lines of a table, its rows,
		// rules and borders, a wrapped name's or reference's rest, a line of blanks
		return 0
	}
	if n := logPrefix(s); n > 0 {
		return n
	}
	for _, a := range pointerArrows {
		if strings.HasPrefix(s, a) && (len(s) == len(a) || s[len(a)] == ' ') {
			return len(a)
		}
	}
	switch s[0] {
	case '>':
		return 1 // blockquote, ">>>" prompts: one level at a time
	case '#':
		n := 1
		for n < len(s) && n < 6 && s[n] == '#' {
			n++
		}
		if n < len(s) && (s[n] == '>' || s[n] == '=' && n+1 < len(s) && s[n+1] == '>') {
			// R's "#>" and "#=>" output markers
			if s[n] == '=' {
				n++
			}
			n++
		} else if n == 1 && n < len(s) && s[n] == '\'' && (n+1 == len(s) || s[n+1] == ' ') {
			n++ // R's roxygen documentation comment "#'"
		}
		return n
	case '/':
		if strings.HasPrefix(s, "//") {
			return 2
		}
	case '$', '%', ';', ':':
		// shell prompts, and ": " before Org-mode results
		if len(s) == 1 || s[1] == ' ' {
			return 1
		}
	case '-', '*', '+':
		// list markers; "-----" is a rule and "**x**" emphasis, not a marker
		if len(s) >= 2 && s[1] == ' ' {
			return 1
		}
		if strings.HasPrefix(s, "--") && (len(s) == 2 || s[2] == ' ') {
			return 2 // a comment in SQL, Lua or Haskell
		}
	case 'I', 'O':
		// IPython prompts "In [3]:", "Out[3]:"
		for _, p := range []string{"In [", "In[", "Out[", "Out ["} {
			if strings.HasPrefix(s, p) {
				k := len(p)
				for k < len(s) && k-len(p) < 6 && s[k] >= '0' && s[k] <= '9' {
					k++
				}
				if k > len(p) && k+1 < len(s)+1 && strings.HasPrefix(s[k:], "]:") {
					return k + 2
				}
			}
		}
	case '.':
		// IPython's continuation prompt "   ...:"
		if strings.HasPrefix(s, "...:") {
			return 4
		}
	default:
		// list bullets: Markdown renderers' and a word processor's (Word, Google Docs)
		for _, m := range []string{"•", "·", "‣", "◦", "▪", "●", "○", "■", "◆", "➢", "►", "–"} {
			if strings.HasPrefix(s, m) && len(s) > len(m) && s[len(m)] == ' ' {
				return len(m)
			}
		}
		// ordered list markers "1. ", "2) "
		k := 0
		for k < len(s) && k < 3 && s[k] >= '0' && s[k] <= '9' {
			k++
		}
		if k > 0 && k+1 < len(s) && s[k] == '.' && s[k+1] == ' ' {
			return k + 1
		}
	}
	return 0
}

// blockTags are the tags that open or close a block of code or a quote in a forum's or a wiki's
// markup (BBCode, Confluence and Jira), which a paste may carry glued to its first or last line:
// "[code]Model: …", "Non-trainable params: 0[/code]", "{code:python}", "[quote=\"name\"]". A tag
// ends at its first "]" or "}"; an argument after "=" or ":" is the tag's own.
var blockTags = []string{"[code", "[/code]", "[quote", "[/quote]", "{code", "{noformat}", "{quote}"}

// isBracket reports a byte a block tag starts or ends with.
func isBracket(c byte) bool {
	return c == '[' || c == ']' || c == '{' || c == '}'
}

// blockTagLen is the length of a block tag at the start of s (at its end when atEnd), 0 for none.
func blockTagLen(s string, atEnd bool) int {
	if len(s) < 6 || !isBracket(s[0]) && !isBracket(s[len(s)-1]) {
		return 0
	}
	for _, tag := range blockTags {
		closing := tag[len(tag)-1] == ']' || tag[len(tag)-1] == '}'
		if atEnd {
			if closing && len(s) >= len(tag) && strings.EqualFold(s[len(s)-len(tag):], tag) {
				return len(tag)
			}
			// "{code}" closes what "{code:python}" opened
			if tag == "{code" && len(s) >= 6 && strings.EqualFold(s[len(s)-6:], "{code}") {
				return 6
			}
			continue
		}
		if len(s) < len(tag) || !strings.EqualFold(s[:len(tag)], tag) {
			continue
		}
		if closing {
			return len(tag)
		}
		// an opening tag: "]" or "}" right after it, or after an argument ("=python", ":title=x")
		c := s[len(tag)]
		closer := byte(']')
		if tag[0] == '{' {
			closer = '}'
		}
		if c == closer {
			return len(tag) + 1
		}
		if c != '=' && c != ':' {
			continue
		}
		if k := strings.IndexByte(s[len(tag):], closer); k > 0 && k <= 60 {
			return len(tag) + k + 1
		}
	}
	return 0
}

// fenceAt reads a code fence at the start of s: n is the length of the fence run ("```", "~~~~"),
// and bare reports a fence line of its own (nothing after it but a language tag).
func fenceAt(s string) (n int, bare bool) {
	if len(s) < 3 || (s[0] != '`' && s[0] != '~') {
		return 0, false
	}
	c := s[0]
	for n < len(s) && s[n] == c {
		n++
	}
	if n < 3 {
		return 0, false
	}
	rest := TrimSpace(s[n:])
	if rest == "" {
		return n, true
	}
	// a language tag: one short word in lower case ("python", "text", "py3", "c++")
	if len(rest) <= 20 && !strings.ContainsAny(rest, " :\"'(") && rest[0] >= 'a' && rest[0] <= 'z' {
		return n, true
	}
	return n, false
}

// markdownLine undoes the markup of one plain line for the table view.
func markdownLine(l Line, p0 int) Line {
	t := &l.text
	s := t.s
	if strings.Trim(s, " ") == "" {
		return l
	}
	if m := strings.ReplaceAll(s[:stripPrefix(s)], " ", ""); m != "" && strings.Trim(m, ">#/=;%") == "" {
		l.marker = m
	}
	if p0 > 0 {
		_, c0, _ := t.at(0)
		_, c1, _ := t.at(p0)
		l.Prefix = c1 - c0
	}
	end := len(s)
	start := p0
	// leading spaces stay (a table's indentation), so the fence test looks past them
	ind := start
	for ind < end && s[ind] == ' ' {
		ind++
	}
	if n, bare := fenceAt(s[ind:]); n > 0 {
		if bare {
			l.Fence = true
			l.set(text{})
			return l
		}
		start = ind + n
	} else if n := blockTagLen(s[ind:], false); n > 0 {
		start = ind + n
	}
	// a fence or a block's closing tag glued to the end of the text
	e := strings.TrimRight(s[start:end], " ")
	if n := blockTagLen(e, true); n > 0 {
		e = strings.TrimRight(e[:len(e)-n], " ")
		end = start + len(e)
	}
	if k := len(e); k >= 3 && (strings.HasSuffix(e, "```") || strings.HasSuffix(e, "~~~")) {
		c := e[k-1]
		j := k
		for j > 0 && e[j-1] == c {
			j--
		}
		end = start + j
	}
	// a hard line break: one backslash at the end of the line (CommonMark, and pandoc's Markdown
	// from a word processor's line breaks); a print never ends a line with one
	if k := len(e); k >= 2 && e[k-1] == '\\' && e[k-2] != '\\' && start+k <= end {
		end = start + k - 1
	}
	var b builder
	if cells, ok := pipeCells(s, start, end); ok {
		if isSeparatorRow(s, cells) {
			l.Sep = true
			b.litAt("┡━━━┩", t, start)
			l.set(b.text())
			return l
		}
		l.Cells = true
		for k, c := range cells {
			if k == 0 && !c.left {
				b.keep(t, start, c.a) // indentation before a table without outer pipes
				b.litAt("│ ", t, c.a)
			} else {
				b.litAt("│", t, c.a-1)
			}
			if spacedCount(s[c.a:c.b]) {
				spacedCountCell(&b, t, c.a, c.b)
			} else if markupRange(&b, t, c.a, c.b, true) {
				l.Markup = true
			}
			if k == len(cells)-1 {
				if c.right {
					b.litAt("│", t, c.b)
				} else {
					b.litAt(" │", t, c.b)
				}
			}
		}
		l.set(b.text())
		return l
	}
	if start == 0 && end == len(s) && (!mayHoldMarkup(s) || !markupRange(nil, t, start, end, false)) {
		// nothing to undo ("dense_1" is no emphasis, "____" is a rule): the line stays as it
		// is, positions and all, and no copy of it is built
		l.Text = s
		return l
	}
	if markupRange(&b, t, start, end, false) {
		l.Markup = true
	} else if start == 0 && end == len(s) {
		l.Text = s // nothing was undone ("dense_1" is no emphasis): the line stays as it is
		return l
	}
	l.set(b.text())
	return l
}

// mayHoldMarkup reports whether markupRange could undo anything in s: a backtick, a backslash, a
// star or a tilde, two underscores in a row, or an underscore at both ends. Single underscores
// inside names ("dense_1", "batch_normalization") are no markup, and most rows hold them.
func mayHoldMarkup(s string) bool {
	// a pass of IndexByte for each mark is quicker than one pass that looks at every byte
	for _, c := range [...]byte{'`', '*', '\\', '~'} {
		if strings.IndexByte(s, c) >= 0 {
			return true
		}
	}
	for i := 0; i < len(s); i++ { // the doubled underscore
		j := strings.IndexByte(s[i:], '_')
		if j < 0 {
			break
		}
		i += j
		if i+1 < len(s) && s[i+1] == '_' {
			return true
		}
	}
	t := strings.Trim(s, " ")
	return len(t) >= 3 && t[0] == '_' && t[len(t)-1] == '_'
}

// cell is one cell of a pipe row: s[a:b], and whether a pipe stands on its left and right.
type cell struct {
	a, b        int
	left, right bool
}

// pipeCells splits s[start:end] at its unescaped pipes when it reads as a Markdown table row: with
// outer pipes and at least one inner one ("| a | b |"), or without outer pipes and at least two
// ("a | b | c"). A tf.keras nested row ("| conv2d (Conv2D)  (None, 8)  448 |") has pipes only at
// its edges and is not one.
func pipeCells(s string, start, end int) ([]cell, bool) {
	if strings.IndexByte(s[start:end], '|') < 0 {
		return nil, false
	}
	var pipes []int
	for i := start; i < end; i++ {
		if s[i] == '|' && (i == start || s[i-1] != '\\') {
			pipes = append(pipes, i)
			if len(pipes) > 4096 {
				break
			}
		}
	}
	if len(pipes) == 0 {
		return nil, false
	}
	if cells, ok := doubledPipeCells(s, start, end, pipes); ok {
		return cells, true
	}
	first := strings.IndexFunc(s[start:end], func(r rune) bool { return r != ' ' })
	last := len(strings.TrimRight(s[start:end], " ")) - 1
	outerL := first >= 0 && start+first == pipes[0]
	outerR := last >= 0 && start+last == pipes[len(pipes)-1]
	// leading and trailing runs of pipes (the borders of nested tf.keras rows)
	lead := 0
	for lead < len(pipes) && outerL && pipes[lead] == pipes[0]+lead {
		lead++
	}
	trail := 0
	for trail < len(pipes) && outerR && pipes[len(pipes)-1-trail] == pipes[len(pipes)-1]-trail {
		trail++
	}
	inner := len(pipes) - lead - trail
	sep := onlySepChars(s[start:end])
	switch {
	case sep && len(pipes) >= 1:
	case outerL && inner >= 1 && lead == 1:
	case !outerL && len(pipes) >= 2:
	default:
		return nil, false
	}
	var cells []cell
	prev := start
	left := false
	if outerL {
		prev = pipes[0] + 1
		left = true
		pipes = pipes[1:]
	}
	for k, p := range pipes {
		if outerR && k == len(pipes)-1 {
			cells = append(cells, cell{a: prev, b: p, left: left, right: true})
			return cells, true
		}
		cells = append(cells, cell{a: prev, b: p, left: left, right: true})
		prev, left = p+1, true
	}
	cells = append(cells, cell{a: prev, b: end, left: left, right: false})
	return cells, true
}

// doubledPipeCells splits a header row of Jira's and Confluence's wiki markup, whose cells are
// parted by doubled pipes ("||Layer (type)||Output Shape||Param #||"; their body rows take single
// pipes): every pipe stands in a pair, the line starts and ends with one, and one more pair at
// least parts two cells. A nested tf.keras row ("|| x (X)  (None, 8)  4 ||") has pairs at its
// edges only and is not one.
func doubledPipeCells(s string, start, end int, pipes []int) ([]cell, bool) {
	if len(pipes) < 6 || len(pipes)%2 != 0 {
		return nil, false
	}
	for k := 0; k < len(pipes); k += 2 {
		if pipes[k+1] != pipes[k]+1 {
			return nil, false
		}
	}
	first := strings.IndexFunc(s[start:end], func(r rune) bool { return r != ' ' })
	last := len(strings.TrimRight(s[start:end], " ")) - 1
	if first < 0 || start+first != pipes[0] || start+last != pipes[len(pipes)-1] {
		return nil, false
	}
	var cells []cell
	for k := 1; k+1 < len(pipes); k += 2 {
		cells = append(cells, cell{a: pipes[k] + 1, b: pipes[k+1], left: true, right: true})
	}
	return cells, true
}

func onlySepChars(s string) bool {
	dash := false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '-':
			dash = true
		case '|', ':', ' ', '+', '=':
		default:
			return false
		}
	}
	return dash
}

// isSeparatorRow reports a Markdown table's separator row: every cell dashes with optional colons.
func isSeparatorRow(s string, cells []cell) bool {
	any := false
	for _, c := range cells {
		x := TrimSpace(s[c.a:c.b])
		if x == "" {
			continue
		}
		x = strings.Trim(x, ":+")
		if strings.Trim(x, "-=+") != "" || len(x) == 0 {
			return false
		}
		any = true
	}
	return any
}

// markupRange appends t.s[a:b] to b without Markdown emphasis, code spans and backslash escapes;
// it reports whether it removed anything. cellMode: the range is one cell of a pipe row, whose
// surrounding spaces stay. With b nil it only reports whether it would remove anything.
func markupRange(b *builder, t *text, a, end int, cellMode bool) bool {
	s := t.s
	if a >= end {
		return false
	}
	if !strings.ContainsAny(s[a:end], "`*_\\~") {
		if b != nil {
			b.keep(t, a, end)
		}
		return false
	}
	// emphasis around the whole cell or line: "_Total params: 5_", "*dense*"
	ia, ie := a, end
	for ia < ie && s[ia] == ' ' {
		ia++
	}
	for ie > ia && s[ie-1] == ' ' {
		ie--
	}
	skipA, skipE := -1, -1
	if ie-ia >= 3 && (s[ia] == '_' || s[ia] == '*') && s[ie-1] == s[ia] && s[ia+1] != s[ia] && s[ia+1] != ' ' &&
		s[ie-2] != s[ia] && s[ie-2] != ' ' {
		skipA, skipE = ia, ie-1
	}
	removed := false
	kept := a
	rm := func(i, n int) {
		if b != nil {
			b.keep(t, kept, i)
		}
		kept = i + n
		removed = true
	}
	for i := a; i < end && !(removed && b == nil); i++ {
		c := s[i]
		switch {
		case i == skipA || i == skipE:
			rm(i, 1)
		case c == '`':
			rm(i, 1)
		case c == '\\' && i+1 < end && isEscapable(s[i+1]):
			rm(i, 1)
			i++ // the escaped character stays
		case c == '*' && i+1 < end && s[i+1] == '*':
			n := 2
			for i+n < end && s[i+n] == '*' {
				n++
			}
			if strings.Trim(s[a:end], "* ") == "" {
				i += n - 1 // a line of stars (a Markdown rule): leave it
				continue
			}
			rm(i, n)
			i += n - 1
		case c == '_' && i+1 < end && s[i+1] == '_' && (i+2 >= end || s[i+2] != '_') && (i == a || s[i-1] != '_'):
			// "__bold__": two underscores at a word's edge; runs of three or more are rules
			before := i == a || s[i-1] == ' ' || s[i-1] == '(' || s[i-1] == '|'
			after := i+2 >= end || s[i+2] == ' ' || s[i+2] == ':' || s[i+2] == ')' || s[i+2] == ','
			inWordL := i > a && s[i-1] != ' '
			inWordR := i+2 < end && s[i+2] != ' '
			if before && inWordR || after && inWordL {
				rm(i, 2)
				i++
			}
		case c == '~' && i+1 < end && s[i+1] == '~':
			rm(i, 2)
			i++
		}
	}
	if b != nil {
		b.keep(t, kept, end)
	}
	return removed
}

// isEscapable reports the ASCII punctuation that Markdown escapes with a backslash.
func isEscapable(c byte) bool {
	return strings.IndexByte("\\`*_{}[]()#+-.!|<>~=:\"'", c) >= 0
}

// spacedCount reports a cell that holds one count grouped by spaces, as a locale that writes
// "18 688" for 18,688 types it: a group of one to three digits, then groups of three, each after
// one space. In a cell of its own nothing else reads so; a plain table's columns part at spaces,
// so this is done only inside a pipe table's cells.
func spacedCount(s string) bool {
	s = strings.Trim(s, " ")
	groups := strings.Split(s, " ")
	if len(groups) < 2 {
		return false
	}
	for k, g := range groups {
		if !isDigits(g) || len(g) > 3 || k > 0 && len(g) != 3 {
			return false
		}
	}
	return true
}

// spacedCountCell writes the cell s[a:b] that spacedCount reports with commas for its spaces.
func spacedCountCell(b *builder, t *text, a, e int) {
	s := t.s
	for a < e && s[a] == ' ' {
		a++
	}
	for e > a && s[e-1] == ' ' {
		e--
	}
	b.litAt(" ", t, a)
	kept := a
	for i := a; i < e; i++ {
		if s[i] == ' ' {
			b.keep(t, kept, i)
			b.litAt(",", t, i)
			kept = i + 1
		}
	}
	b.keep(t, kept, e)
	b.litAt(" ", t, e)
}
