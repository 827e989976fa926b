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
	for k, s := range raw {
		s = strings.TrimSuffix(s, "\r")
		t := rawTextIn(slab.take(len(s)), s, k+1)
		parts := []text{t}
		if strings.IndexByte(t.s, '\r') >= 0 {
			parts = splitCR(t)
		}
		for _, part := range parts {
			if moji && !isASCII(part.s) {
				part = unMojibake(&part, page)
			}
			ct, tabs := plainChars(&part)
			plain = append(plain, Line{No: k + 1, text: ct, Tabs: tabs})
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
		if l.noTable || isNativeLog(l.text.s[ends[k]:]) {
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
	doc.Lines = rejoinBox(lines)
	return doc
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

// splitCR cuts an input line at each lone "\r" (old Mac files, progress bars that redraw a
// line): the parts keep the input line's number and their own columns.
func splitCR(t text) []text {
	if strings.IndexByte(t.s, '\r') < 0 {
		return []text{t}
	}
	var out []text
	start := 0
	for i := 0; i <= len(t.s); i++ {
		if i < len(t.s) && t.s[i] != '\r' {
			continue
		}
		var b builder
		b.keep(&t, start, i)
		out = append(out, b.text())
		start = i + 1
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
