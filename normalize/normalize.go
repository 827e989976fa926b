package normalize

import "strings"

// Text is a paste after normalisation, in two views.
type Text struct {
	Plain []Line // character repairs, HTML markup and doubled blank lines undone: the view for code
	Lines []Line // Plain with Markdown, quoting, prompts and pipe tables undone and flattened summaries cut: the view for tables
	Input int    // number of lines in the input
}

// Normalize reads src into its two views. It never fails; its cost is linear in len(src).
func Normalize(src string) *Text {
	src = fromUTF16(src)
	raw := splitRaw(src)
	doc := &Text{Input: len(raw)}
	plain := make([]Line, 0, len(raw))
	page, moji := docPage(raw)
	slab := make(anchorSlab, 0, len(raw)+len(src)/anchorEvery+1) // every line's anchors at once
	var qp *qpJoin
	if quotedPrintable(raw) {
		qp = new(qpJoin)
	}
	for k, s := range raw {
		s = strings.TrimSuffix(s, "\r")
		t := rawTextIn(slab.take(len(s)), s, k+1)
		no := k + 1
		if qp != nil {
			var whole bool
			if t, no, whole = qp.next(t, no, k+1 == len(raw)); !whole {
				continue
			}
		}
		parts := []text{t}
		if hasBreak(t.s) {
			parts = splitCR(t)
		}
		for _, part := range parts {
			if moji && !isASCII(part.s) {
				part = unMojibake(&part, page)
			}
			ct, tabs := plainChars(&part)
			plain = append(plain, Line{No: no, text: ct, Tabs: tabs})
		}
	}
	plain = stripGutters(plain) // before HTML: a numbered HTML source has text outside its cells
	plain = stripHunks(plain)
	plain = joinMarkedWraps(plain) // before markup: a viewer breaks the text it shows, tags and all
	plain = bbTables(plain)
	plain = wikiTables(plain)
	plain = undoHTML(plain)
	for k := range plain {
		plain[k].set(decodeEntities(plain[k].text))
	}
	plain = unescapeLines(plain)
	plain = stripGutters(plain)
	var pc prefixCache
	plain = undouble(plain, &pc)
	plain = lostBoxes(plain)
	plain = unwrapHard(plain)
	plain = rejoinPipes(plain)
	doc.Plain = plain
	lines := make([]Line, 0, len(plain))
	ends := pc.ends(plain) // the passes since undouble mostly leave the lines as they were
	tails := repeatedSuffixes(plain, ends)
	csv := csvRecords(plain, ends)
	for k, l := range plain {
		if l.noTable || isNativeLog(l.text.s[ends[k]:]) || isProgressLine(l.text.s[ends[k]:]) {
			continue
		}
		if tails[k] < len(l.text.s) {
			l = l.Sub(0, tails[k])
		}
		if x, ok := latexLine(l, ends[k]); ok {
			l = x
		} else if csv != nil && csv[k] != 0 {
			l = csvLine(l, ends[k], csv[k])
		}
		m := l
		if !l.Cells {
			m = markdownLine(l, ends[k])
		} else {
			var b builder
			markupRange(&b, &l.text, 0, len(l.text.s), true)
			m.set(b.text())
		}
		if parts := unflatten(m); parts != nil {
			lines = append(lines, parts...)
			continue
		}
		lines = append(lines, m)
	}
	doc.Lines = rejoinBox(partPipeTables(lines))
	return doc
}

// partPipeTables puts an empty line between two Markdown pipe tables typed without one: a row of
// the first table, then the header of the second (a pipe row over a separator row) with another
// number of cells. Without it the second table's header reads as the first table's last row going
// on. (An ASCII box parts its rows by such separator rows too, but a row's lines there have one
// number of cells.)
func partPipeTables(lines []Line) []Line {
	var out []Line
	for k := range lines {
		header := k >= 1 && k+1 < len(lines) && lines[k+1].Sep && lines[k].Cells && lines[k-1].Cells && !lines[k-1].Sep &&
			strings.Count(lines[k].Text, "│") != strings.Count(lines[k-1].Text, "│") // another table's columns
		if header && out == nil {
			out = append(make([]Line, 0, len(lines)+1), lines[:k]...)
		}
		if header {
			out = append(out, Line{No: lines[k].No, Prefix: lines[k].Prefix})
		}
		if out != nil {
			out = append(out, lines[k])
		}
	}
	if out == nil {
		return lines
	}
	return out
}

// splitRaw cuts the input into its lines at "\n" (a "\r" before it is dropped later).
func splitRaw(src string) []string {
	out := make([]string, 0, strings.Count(src, "\n")+1)
	for len(src) > 0 {
		i := strings.IndexByte(src, '\n')
		if i < 0 {
			out = append(out, src)
			break
		}
		out = append(out, src[:i])
		src = src[i+1:]
	}
	return out
}

// hasBreak reports a line break other than "\n" in s: a lone "\r", a vertical tab, or Unicode's
// line or paragraph separator.
func hasBreak(s string) bool {
	if strings.IndexByte(s, '\r') >= 0 || strings.IndexByte(s, '\v') >= 0 {
		return true
	}
	// U+2028 and U+2029 are E2 80 A8 and E2 80 A9: their last byte is looked for, which few
	// runes hold, not their first, which every box-drawing rune starts with
	for _, c := range [2]byte{0xa8, 0xa9} {
		for i := 0; i < len(s); i++ {
			j := strings.IndexByte(s[i:], c)
			if j < 0 {
				break
			}
			i += j
			if i >= 2 && s[i-2] == 0xe2 && s[i-1] == 0x80 {
				return true
			}
		}
	}
	return false
}

// breakLen is the length of a line break other than "\n" at the start of s, 0 for none.
func breakLen(s string) int {
	switch {
	case s[0] == '\r' || s[0] == '\v':
		return 1
	case strings.HasPrefix(s, "\u2028") || strings.HasPrefix(s, "\u2029"):
		return len("\u2028")
	}
	return 0
}

// splitCR cuts an input line at each of the other line breaks: a lone "\r" (old Mac files,
// progress bars that redraw a line), a vertical tab (a word processor's manual line break, as
// Word and PowerPoint copy it) and Unicode's line and paragraph separators (U+2028, U+2029, as
// web and chat clients copy a message's breaks; a paragraph separator leaves an empty line). The parts keep the input line's number and
// their own columns.
func splitCR(t text) []text {
	if !hasBreak(t.s) {
		return []text{t}
	}
	var out []text
	start := 0
	for i := 0; i <= len(t.s); i++ {
		n := 0
		if i < len(t.s) {
			if n = breakLen(t.s[i:]); n == 0 {
				continue
			}
		}
		var b builder
		b.keep(&t, start, i)
		out = append(out, b.text())
		if i < len(t.s) && strings.HasPrefix(t.s[i:], "\u2029") {
			var e builder // a paragraph's end: an empty line after it
			e.keep(&t, i, i)
			out = append(out, e.text())
		}
		start = i + n
		i += max(n, 1) - 1
	}
	return out
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
