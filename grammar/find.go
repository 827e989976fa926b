package grammar

import (
	"strings"

	"github.com/kexplain/kexplain/normalize"
)

// Tables are found from their rows. Every line was classified alone (classify.go); a table is a
// run of lines around at least one row: rows with their continuation lines, rules, box borders,
// spacer blanks and elision marks, with the title, rules and header above it when they are there,
// and the totals after it wherever they are (across blank lines, decoration and a short gap of
// prose). A header with rows under it that cannot be read makes a table whose rows are reported
// unread; a header with nothing under it is no table. Every line is looked at a bounded number of
// times: the finder is linear in the input.

// region is what the finder found of one table: lines[start:end] hold its title, rules, header
// and body; totals are the indices of the totals lines it claims (at or after end).
type region struct {
	start, end int
	totals     []int
	close      int // the rule that closes the totals, -1 when none
	rows       int // lines that read as rows alone
	unread     int // lines under a header that look like rows but do not read as rows
}

// maxBlanks is the longest run of blank lines inside a table (tf.keras 2.7+ prints one after every
// row; a mail client may add another).
const maxBlanks = 2

// lookUp is how far above its first row a table's title, rules and header are looked for.
const lookUp = 8

// totalsGap bounds the lines of prose between a table and its first totals line, and between
// totals lines.
const totalsGap = 3

// totalsReach bounds how far after a table its totals are looked for.
const totalsReach = 40

// finder holds the classified lines.
type finder struct {
	lines   []line
	kinds   []lineKind
	claimed []bool // totals lines claimed by a table
	notes   []*Error
	empty   []*Error // headers with no rows under them
}

func newFinder(lines []line) *finder {
	kinds := make([]lineKind, len(lines))
	for i := range lines {
		kinds[i] = classifyLine(&lines[i])
	}
	lines, kinds = unwrapRows(lines, kinds)
	wordTitles(lines, kinds)
	for i, key := range wordTotals(lines, kinds) {
		lines[i].total = key
		kinds[i] = lkTotals
	}
	return &finder{lines: lines, kinds: kinds, claimed: make([]bool, len(lines))}
}

// maxWrapTail bounds the part of a row that a mail client moved to the next line.
const maxWrapTail = 80

// wrappedRowStart reports whether t (a line's cell text) can start a row that a mail client broke.
func wrappedRowStart(t string) bool { return looksRowish(t) || len(t) <= 60 && layerCellOK(t) }

// unwrapRows joins rows that a mail client broke in two (or three): a line that holds what a row
// holds but does not read as one, followed by a short line, such that both together read as a
// row. The parts are joined at the break; no cell is made of parts of two lines unless it was one
// cell broken at a space (a shape), so no count is assembled from numbers on several lines.
func unwrapRows(lines []line, kinds []lineKind) ([]line, []lineKind) {
	// out and ok are made at the first join: until then they would be copies of lines and kinds
	var out []line
	var ok []lineKind
	copied := false
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		// a line that the next cannot go on (a border, a blank, another row) is not read as a
		// row's start: that costs more than the test of the next line's kind
		next := i+1 < len(lines) && (kinds[i+1] == lkProse || kinds[i+1] == lkCell && kinds[i] == lkCell) && lines[i+1].src != nil
		if next && (kinds[i] == lkProse || kinds[i] == lkCell) && l.src != nil && wrappedRowStart(cellText(normalize.TrimSpace(l.text))) {
			joined := *l.src
			n := 0
			for j := i + 1; j < len(lines) && j <= i+2 && (kinds[j] == lkProse || kinds[j] == lkCell && kinds[i] == lkCell) && lines[j].src != nil; j++ {
				tail := normalize.TrimSpace(lines[j].text)
				if tail == "" || len(tail) > maxWrapTail {
					break
				}
				sep := "  "
				if shapeBrackets(joined.Text) > 0 {
					sep = " " // a shape broken at its space
				}
				joined = normalize.Join(&joined, lines[j].src, sep)
				if t := joined.Text; rowAlone(trimPipes(t), false) || hasBar(t) && rowAlone(t, true) {
					n = j - i
					break
				}
			}
			if n > 0 {
				if !copied {
					out = append(make([]line, 0, len(lines)), lines[:i]...)
					ok = append(make([]lineKind, 0, len(kinds)), kinds[:i]...)
					copied = true
				}
				src := joined
				nl := linesOf([]normalize.Line{src})[0]
				out = append(out, nl)
				ok = append(ok, lkRow)
				i += n
				continue
			}
		}
		if copied {
			out = append(out, l)
			ok = append(ok, kinds[i])
		}
	}
	if !copied {
		return lines, kinds
	}
	return out, ok
}

// seed reports whether a table can start from line i: a row, a box table's border or header, or a
// header line.
func (f *finder) seed(i int) bool {
	switch f.kinds[i] {
	case lkRow, lkBoxTop, lkBoxHead, lkHeader:
		return true
	}
	return false
}

// find returns the regions of every table, in input order.
func (f *finder) find() []region {
	var out []region
	var lonely []int // header lines that began no table
	lastEnd := 0
	for i := 0; i < len(f.lines); i++ {
		if !f.seed(i) {
			continue
		}
		r, next := f.grow(i, lastEnd)
		if r.rows == 0 && r.unread == 0 {
			if (f.kinds[i] == lkHeader || f.kinds[i] == lkBoxHead) && isHeaderText(f.lines[i].text) {
				lonely = append(lonely, i)
			}
			if next <= i {
				next = i + 1
			}
			i = next - 1
			continue
		}
		f.claimTotals(&r)
		out = append(out, r)
		lastEnd = r.last() + 1
		i = lastEnd - 1
	}
	// headers that no table took in (a row further down may have found it its table)
	for _, i := range lonely {
		in := false
		for _, r := range out {
			if i >= r.start && i < r.end {
				in = true
			}
		}
		if !in {
			l := &f.lines[i]
			ln, col := l.pos(leadingSpaces(l.text))
			f.empty = append(f.empty, &Error{Line: ln, Col: col, Msg: "a summary header with no rows under it: no table read here"})
		}
	}
	// totals that no table claims
	for i, k := range f.kinds {
		if k == lkTotals && !f.claimed[i] {
			l := &f.lines[i]
			ln, col := l.pos(leadingSpaces(l.text))
			f.notes = append(f.notes, &Error{Line: ln, Col: col, Msg: "totals line under no table found: " + normalize.TrimSpace(cellText(l.text))})
		}
	}
	return out
}

// maxInterruption bounds the lines of prose that may interrupt a table's rows: a PDF copy's page
// footer and header, a line a poster put between the rows.
const maxInterruption = 3

// interruption reports how many lines from line j on interrupt the rows of a table: a few lines
// of prose (and blank lines), after which the table goes on with a row, a row's further lines or
// the rule between rows (no title, header or totals: those start or end a table). 0 when the
// lines there are no such interruption. A row's further lines that the interruption cut off from
// their row (its connections) count as lines of the interruption. The interruption is read as an
// elision mark: rows may have been left out there, which the totals then tell.
func (f *finder) interruption(j int, drawn bool) int {
	prose := 0
	for k := j; k < len(f.lines) && k < j+2*maxInterruption+1; k++ {
		switch f.kinds[k] {
		case lkBlank:
			if t := normalize.TrimSpace(f.lines[k].text); t != "" && strings.Trim(t, "| ") != "" {
				return 0 // a fence
			}
		case lkProse:
			prose++
			if prose > maxInterruption {
				return 0
			}
		case lkRow, lkRule:
			return k - j
		case lkBoxSep, lkCell:
			if drawn {
				return k - j
			}
			return 0
		default:
			return 0
		}
	}
	return 0
}

// grow finds the region of the table that line i (a seed) belongs to, not reaching above line
// floor. next is where the search goes on when the region is no table.
func (f *finder) grow(i, floor int) (region, int) {
	r := region{start: f.up(i, floor), close: -1}
	r.end = f.down(i, &r)
	return r, r.end
}

// up finds where a table whose first row, border or header is line i starts: its header, rules,
// box top and title above it.
func (f *finder) up(i, floor int) int {
	start := i
	header := f.kinds[i] == lkHeader || f.kinds[i] == lkBoxHead
	blanks := 0
	for k := i - 1; k >= floor && k >= i-lookUp; k-- {
		switch f.kinds[k] {
		case lkBlank:
			blanks++
			if blanks > 1 {
				return start
			}
			continue
		case lkRule, lkEq, lkBoxTop, lkBoxHeadSep:
			start = k
		case lkHeader, lkBoxHead:
			if header && f.kinds[k] == lkHeader {
				return start
			}
			header = true
			start = k
		case lkInitial:
			start = k
		case lkTitle:
			return k
		case lkProse:
			t := normalize.TrimSpace(f.lines[k].text)
			switch {
			case !header && k+1 < len(f.lines) && isHeaderTail(t) && k > floor && f.kinds[k-1] == lkHeader:
				// the last titles of a header that a mail client wrapped onto the next line
				start = k
			case !header && isHeaderFragment(t) && f.headerAbove(k, floor):
				// a header that a narrow print wrapped over several lines ("Par" / "am" / "#")
				start = k
			case !header && looksHeader(t):
				// a header in words kexplain does not know (a translation): it stands where the
				// header stands, above the rows or the rule under the header, and names columns
				header = true
				start = k
			default:
				return start
			}
		default:
			return start
		}
		blanks = 0
	}
	return start
}

// looksHeader reports a line of column titles in unknown words: two to six short chunks (cells,
// or text parted by two or more spaces), no digits but in "#".
func looksHeader(t string) bool {
	if len(t) > 160 || strings.IndexAny(t, "0123456789:;!?") >= 0 || strings.Contains(t, ". ") && !strings.Contains(t, ".  ") {
		return false
	}
	var parts []string
	if hasBar(t) {
		for _, c := range splitCellsAll(t) {
			if c = normalize.TrimSpace(c); c != "" {
				parts = append(parts, c)
			}
		}
	} else {
		for _, ch := range chunks(t) {
			parts = append(parts, ch.text)
		}
	}
	if len(parts) < 2 || len(parts) > 6 {
		return false
	}
	for _, p := range parts {
		if len(p) > 40 || strings.Count(p, " ") > 3 {
			return false
		}
	}
	return true
}

// down reads the body of a table from line i (its seed) on and returns the index after it.
func (f *finder) down(i int, r *region) int {
	box := false
	seenRow, seenBottom := false, false
	headers := 0
	keras := false // a header in Keras's words was seen (a box of another tool is no summary)
	drawn := false // a Keras 3 box: its borders, heavy header or row separators were seen
	last := i
	blanks := 0
	prev := lkBlank // the kind of the last line taken (continuations take a row's kind)
	for j := i; j < len(f.lines); j++ {
		k := f.kinds[j]
		t := f.lines[j].text
		switch k {
		case lkBlank:
			if j == i {
				break
			}
			if normalize.TrimSpace(t) != "" {
				continue // a lone border or fence: no gap
			}
			blanks++
			if blanks > maxBlanks {
				return last + 1
			}
			continue
		case lkRow:
			if seenBottom {
				return last + 1
			}
			seenRow = true
			r.rows++
			if hasBar(t) {
				box = true
			}
		case lkRule, lkEq, lkMacron, lkBoxHeadSep:
		case lkBoxSep:
			drawn = true
		case lkBoxTop:
			drawn = true
			if seenRow || j > i && headers > 0 {
				return last + 1
			}
			box = true
		case lkBoxBottom:
			seenBottom = true
			last = j
			if seenRow || r.unread > 0 {
				return last + 1
			}
		case lkBoxHead, lkHeader:
			if seenRow || r.unread > 0 {
				return last + 1
			}
			if k == lkBoxHead {
				drawn = true
			}
			if k == lkBoxHead || hasBar(t) {
				box = true
			} else if headers > 0 && prev != lkHeader {
				return last + 1
			}
			headers++
			if isHeaderText(t) || k == lkBoxHead && layerTypeHeader(t) {
				keras = true
			}
		case lkElision:
			if !seenRow && headers == 0 {
				return last + 1
			}
		case lkTitle, lkInitial, lkTotals:
			if j == i {
				break
			}
			return last + 1
		case lkCell:
			switch {
			case drawn && (seenRow || keras):
				// a wrapped Keras 3 row's further lines, or a row whose cells do not read alone
				if !seenRow {
					r.unread++
				}
			case box && blanks == 0 && (seenRow || keras) && (cellContinues(t) || looksRowish(cellText(t))):
				// a retyped table: a wrapped cell's further line, or a damaged row
				if !seenRow || !cellContinues(t) {
					r.unread++
				}
			default:
				return last + 1
			}
		case lkProse:
			tt := normalize.TrimSpace(t)
			switch {
			case headers > 0 && !seenRow && prev == lkHeader && isHeaderTail(tt):
			case seenRow && (prev == lkRow || blanks > 0) && looksContinuation(t, blanks):
				k = lkRow // it continues the row
			case keras && !seenRow && looksRowish(tt):
				r.unread++
				k = lkRow
			case seenRow && looksRowish(tt):
				// a row that does not read alone (a cut shape run into its count): the header's
				// columns may read it
				r.unread++
				k = lkRow
			case seenRow && !seenBottom && f.interruption(j, drawn) > 0:
				n := f.interruption(j, drawn)
				for x := j; x < j+n; x++ {
					if f.kinds[x] == lkProse {
						f.kinds[x] = lkElision
					}
				}
				blanks = 0
				last = j + n - 1
				prev = lkElision
				j += n - 1
				continue
			default:
				return last + 1
			}
		}
		blanks = 0
		last = j
		prev = k
	}
	return last + 1
}

// looksRowish reports a line that holds what a row holds (a shape, or a name and a count) but
// did not read as one: a damaged row, a row of a scrambled copy.
func looksRowish(t string) bool {
	if len(t) > 400 {
		return false
	}
	if strings.Contains(t, "(None") || strings.Contains(t, "[null") || strings.Contains(t, "None,") {
		return true
	}
	// a shape of a fixed batch size ("[[16,7,16]]", "(32, 28, 28, 1)") after a name
	for i := 1; i+1 < len(t); i++ {
		if (t[i] == '(' || t[i] == '[') && (t[i+1] >= '0' && t[i+1] <= '9' || t[i+1] == '[' || t[i+1] == '(') && t[i-1] == ' ' {
			if j := strings.IndexAny(t[i:min(i+12, len(t))], ",)]"); j > 0 {
				return true
			}
		}
	}
	words := strings.Fields(t)
	if len(words) == 0 || len(words) > 8 {
		return false
	}
	// one cell of a row alone on its line, as a PDF or an OCR copy leaves them: a layer cell, a
	// shape, a count
	if len(words) <= 3 && (isCount(strings.Trim(t, "|│ ")) || strings.HasPrefix(t, "(") && strings.HasSuffix(t, ")") && strings.ContainsAny(t, "0123456789") ||
		layerCellOK(t) && strings.Contains(t, " (") && strings.HasSuffix(t, ")")) {
		return true
	}
	num := false
	for _, w := range words {
		if isCount(strings.Trim(w, "|│")) {
			num = true
		}
	}
	return num && strings.ContainsAny(t, "()")
}

// claimTotals finds the totals lines of the table in r: after its body, across blank lines,
// rules, decoration and a short gap of prose, until another table starts. Each totals label is
// taken once.
func (f *finder) claimTotals(r *region) {
	seen := map[string]bool{}
	gap := 0
	last := r.end - 1
	for j := r.end; j < len(f.lines) && j < r.end+totalsReach; j++ {
		switch f.kinds[j] {
		case lkTotals:
			key, _ := lineTotalsLabel(&f.lines[j], strings.TrimLeft(cellText(normalize.TrimSpace(f.lines[j].text)), " -*•>#|"))
			if seen[key] || f.claimed[j] {
				return
			}
			seen[key] = true
			f.claimed[j] = true
			r.totals = append(r.totals, j)
			gap = 0
			last = j
		case lkBlank, lkRule, lkEq, lkBoxBottom, lkBoxHeadSep, lkMacron:
			if len(r.totals) > 0 && j == last+1 && f.kinds[j].rule() {
				r.close = j // the rule that closes the totals
			}
		case lkRow, lkHeader, lkBoxTop, lkBoxHead, lkTitle:
			return
		default:
			gap++
			if len(f.lines[j].text) > 200 {
				gap++
			}
			if gap > totalsGap {
				return
			}
		}
	}
}

// last is the index of the table's last line: its body, its totals, the rule closing them.
func (r *region) last() int {
	n := r.end - 1
	for _, t := range r.totals {
		if t > n {
			n = t
		}
	}
	if r.close > n {
		n = r.close
	}
	return n
}

// isHeaderFragment reports a short line of words without digits: a piece of a wrapped header.
func isHeaderFragment(t string) bool {
	if t == "" || len(t) > 40 || strings.IndexAny(t, "0123456789.:;!?,") >= 0 {
		return false
	}
	return len(strings.Fields(t)) <= 4
}

// headerAbove reports whether a header line stands just above line k, over other fragments.
func (f *finder) headerAbove(k, floor int) bool {
	for j := k - 1; j >= floor && j >= k-4; j-- {
		switch f.kinds[j] {
		case lkHeader:
			return true
		case lkBlank:
			continue
		case lkProse:
			if isHeaderFragment(normalize.TrimSpace(f.lines[j].text)) {
				continue
			}
		}
		return false
	}
	return false
}
