package ocr

import (
	"bytes"
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// countWhitelist is what a count cell can hold.
const countWhitelist = "0123456789,"

// cellCrop is a cell of the count column (or the number of a totals line) to read again.
type cellCrop struct {
	Row    int // line of the layout
	C0, C1 int // its columns (inclusive)
	X0, X1 int // prepared pixels
	Y0, Y1 int
	At     int // where it starts in the stitched picture
}

// rowY is the vertical centre of a line of the layout in prepared pixels.
func (lo *layout) rowY(row int) float64 {
	best, by := -1, 0.0
	for _, l := range lo.lines {
		if best < 0 || abs(l.Row-row) < abs(best-row) {
			best, by = l.Row, l.Y
		}
	}
	return by + float64(row-best)*lo.grid.LinePitch
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// countColumn finds the count column from the header: the columns from the "Param #" title to
// the next title (or, in a box table, between the box lines around it). ok is false when the
// picture shows no header.
func (lo *layout) countColumn() (header, c0, c1 int, ok bool) {
	for _, l := range lo.lines {
		if !isHeaderLine(l.Words) {
			continue
		}
		pc := -1
		for i, w := range l.Words {
			if !strings.HasPrefix(strings.ToLower(w.Text), "par") {
				continue
			}
			pc = lo.wordCol(w) - lo.origin
			c1 = 1 << 30
			for _, v := range l.Words[i+1:] {
				if t := strings.TrimSpace(v.Text); t != "#" && t != "" {
					c1 = lo.wordCol(v) - lo.origin - 2
					break
				}
			}
			break
		}
		if pc < 0 {
			continue
		}
		c0 = pc
		if len(lo.vcols) >= 2 && l.Row > lo.boxTop && l.Row < lo.boxBottom {
			for k, v := range lo.vcols {
				if v < pc {
					c0 = v + 1
					if k+1 < len(lo.vcols) {
						c1 = lo.vcols[k+1] - 1
					}
				}
			}
		}
		if c1 == 1<<30 {
			c1 = 0
			for _, r := range lo.rows {
				c1 = max(c1, len(r)-1)
			}
		}
		return l.Row, c0, c1, c1 >= c0
	}
	return 0, 0, 0, false
}

// totalsLabels start the lines that end a summary with a count.
var totalsLabels = []string{"total params", "trainable params", "non-trainable params", "optimizer params"}

// countCells lists the cells to read again with digits only: the count column of every row
// below the header that has ink there, and the numbers of the totals lines.
func (lo *layout) countCells(p *Prepared) []cellCrop {
	var cells []cellCrop
	g := lo.grid
	add := func(row, c0, c1 int) {
		y := lo.rowY(row)
		cc := cellCrop{Row: row, C0: c0, C1: c1,
			X0: max(0, int(lo.cellX(row, c0))), X1: min(p.img.W-1, int(lo.cellX(row, c1+1))),
			Y0: max(0, int(y-0.5*g.LinePitch)), Y1: min(p.img.H-1, int(y+0.5*g.LinePitch))}
		if cc.X1-cc.X0 < 2 || cc.Y1-cc.Y0 < 2 || inkIn(p.img, cc) < int(p.Glyph) {
			return
		}
		cells = append(cells, cc)
	}
	header, c0, c1, ok := lo.countColumn()
	end := len(lo.rows)
	for r, line := range lo.rows {
		s := strings.ToLower(strings.TrimLeft(string(line), " │┃"))
		for _, lab := range totalsLabels {
			if strings.HasPrefix(s, lab) {
				end = min(end, r)
				if i := strings.IndexRune(string(line), ':'); i >= 0 {
					from := utf8.RuneCountInString(string(line)[:i]) + 1
					to := len(line) - 1
					for k := from + 1; k < len(line); k++ {
						if line[k] == '(' {
							to = k - 1
							break
						}
					}
					add(r, from, min(to, from+16))
				}
			}
		}
	}
	if ok {
		for r := header + 1; r < end; r++ {
			if lo.isRuleRow(r) {
				continue
			}
			add(r, c0, c1)
		}
	}
	sort.Slice(cells, func(i, j int) bool { return cells[i].Row < cells[j].Row })
	return cells
}

// isRuleRow reports a row that holds a rule: one the preparation found, or a box rule the
// layout drew where a row of junk stood.
func (lo *layout) isRuleRow(r int) bool {
	for _, x := range lo.rules {
		if x.Row == r {
			return true
		}
	}
	return r < len(lo.rows) && strings.ContainsAny(string(lo.rows[r]), "━─")
}

func inkIn(g *gray, c cellCrop) int {
	n := 0
	for y := c.Y0 + 1; y < c.Y1; y++ {
		for x := c.X0 + 1; x < c.X1; x++ {
			if g.Pix[y*g.W+x] < 128 {
				n++
			}
		}
	}
	return n
}

// stitch puts the cells one below the other, a line apart, in one picture (one recognition for
// all of them).
func stitch(p *Prepared, cells []cellCrop, lp float64) []byte {
	pad := int(lp)
	w, h := 0, pad
	for i := range cells {
		c := &cells[i]
		w = max(w, c.X1-c.X0+1)
		c.At = h
		h += c.Y1 - c.Y0 + 1 + pad
	}
	w += 2 * pad
	out := newGray(w, h)
	for i := range out.Pix {
		out.Pix[i] = 255
	}
	for _, c := range cells {
		for y := c.Y0; y <= c.Y1; y++ {
			copy(out.Pix[(c.At+y-c.Y0)*w+pad:], p.grey.Pix[y*p.grey.W+c.X0:y*p.grey.W+c.X1+1])
		}
	}
	return encodePNG(out)
}

// applyCounts puts what the digits-only reading found in the cells in place of the first
// reading. Where the two readings agree the number is sure; where they differ the digits-only
// one is used and marked uncertain.
func (lo *layout) applyCounts(p *Prepared, cells []cellCrop, words []Word) {
	pad := int(lo.grid.LinePitch)
	for _, c := range cells {
		var ws []Word
		for _, w := range words {
			cy := w.CenterY()
			if cy >= float64(c.At) && cy <= float64(c.At+c.Y1-c.Y0+1) {
				// back to prepared pixels
				w.Left += c.X0 - pad
				w.Top += c.Y0 - c.At
				ws = append(ws, w)
			}
		}
		if p.loneZero(c) {
			// the picture shows a lone zero; where it stands, the recogniser says
			col := lo.wordCol(Word{Left: c.X0, Width: c.X1 - c.X0, Text: "0"}) - lo.origin
			if len(ws) == 1 {
				col = lo.wordCol(Word{Left: ws[0].Left + lo.shiftIn(c.Row, ws[0].Left), Width: ws[0].Width, Text: "0"}) - lo.origin
			} else if cs := inkSpan(p.img, c); cs[1] > cs[0] {
				col = lo.wordCol(Word{Left: cs[0] + lo.shiftIn(c.Row, cs[0]), Width: cs[1] - cs[0] + 1, Text: "0"}) - lo.origin
			}
			lo.replaceNumber(c, col, "0", 95, true)
			continue
		}
		if len(ws) == 0 {
			lo.roundZero(c)
			continue
		}
		sort.Slice(ws, func(i, j int) bool { return ws[i].Left < ws[j].Left })
		// the digits read, as one number (a comma the recogniser split at joins again)
		var text strings.Builder
		conf := 100.0
		for _, w := range ws {
			text.WriteString(w.Text)
			conf = min(conf, w.Conf)
		}
		num := countText(text.String())
		if num == "" || !isDigits(num) || !grouped(num) {
			continue // (digits of the cell and of what follows it: "18,57772,57" of "18,577 (72.57 KB)")
		}
		first := ws[0]
		if lostDigits(num, ws[len(ws)-1].Right()-first.Left, lo.grid.Pitch) && lo.firstKeeps(c, num) {
			// the digits-only reading lost characters ("5" in a box three cells wide, of
			// "175"): the first reading stands, in doubt, since the two disagree; its glyphs
			// that only stand for digits here ("$5,328" of 55,328) read as those digits
			lo.firstAsDigits(c, num)
			lo.doubtCell(c)
			continue
		}
		sh := lo.shiftIn(c.Row, first.Left)
		col := lo.wordCol(Word{Left: first.Left + sh, Width: ws[len(ws)-1].Right() - first.Left, Text: num}) - lo.origin
		// (digits lost, the first reading no better: in doubt, even where the two agree)
		lost := lostDigits(num, ws[len(ws)-1].Right()-first.Left, lo.grid.Pitch)
		lo.replaceNumber(c, col, num, conf, !lost)
	}
}

// lostDigits reports whether a number read in a box width pixels wide has fewer characters
// than the box has cells: n glyphs of a monospace print span less than n cells, so a box a
// good part of a cell wider than its characters holds glyphs the recogniser did not read.
func lostDigits(num string, width int, pitch float64) bool {
	return pitch > 0 && float64(width)/pitch > float64(utf8.RuneCountInString(num))+0.5
}

// firstKeeps reports whether the first reading of a count cell, where the digits-only one lost
// characters (num), holds more of the count: a number with more digits ("525" of "25"), or, in a
// box table, more characters ending in the digits read ("E75" of "5": a box row keeps a cell it
// cannot read, whose digits the arithmetic may then read; a plain row without a count is lost,
// so there the digits read stand, in doubt).
func (lo *layout) firstKeeps(c cellCrop, num string) bool {
	if c.Row >= len(lo.rows) {
		return false
	}
	line := lo.rows[c.Row]
	first := strings.TrimSpace(string(line[min(c.C0, len(line)):min(c.C1+1, len(line))]))
	if f := strings.Fields(first); len(f) > 0 {
		first = f[0]
	}
	n := utf8.RuneCountInString(num)
	if d := number(first); d != "" && utf8.RuneCountInString(d) > n {
		return true
	}
	return len(lo.vcols) >= 2 && utf8.RuneCountInString(first) > n && strings.HasSuffix(first, num)
}

// digitGlyphs are the marks and letters the recogniser reads for a digit of a count, as that
// digit: "$" and "S" for a 5, "B" for an 8, "o" for a 0, "l" for a 1, "Z" for a 2.
var digitGlyphs = map[rune]rune{'$': '5', 'S': '5', 's': '5', 'B': '8', '&': '8', 'o': '0', 'O': '0', 'Q': '0',
	'©': '0', '®': '0', '@': '0', 'l': '1', 'I': '1', '|': '1', 'i': '1', 'Z': '2', 'z': '2'}

// firstAsDigits reads, in place, the first reading of a count cell that kept more characters
// than the digits-only one (num), ending in them, as digits where each character it has beyond
// them stands for a digit and the whole is then a count grouped as a print groups it ("$5,328"
// over "5,328"). Anything else stays as read.
func (lo *layout) firstAsDigits(c cellCrop, num string) {
	if c.Row >= len(lo.rows) {
		return
	}
	line := lo.rows[c.Row]
	from := -1
	for k := c.C0; k <= c.C1 && k < len(line); k++ {
		if line[k] != ' ' {
			from = k
			break
		}
	}
	if from < 0 {
		return
	}
	end := from
	for end < len(line) && end <= c.C1 && line[end] != ' ' {
		end++
	}
	first := []rune(string(line[from:end]))
	lead := len(first) - utf8.RuneCountInString(num)
	if lead <= 0 || lead > 2 || string(first[lead:]) != num {
		return
	}
	out := append([]rune(nil), first...)
	for i := 0; i < lead; i++ {
		d, ok := digitGlyphs[first[i]]
		if unicode.IsDigit(first[i]) {
			d, ok = first[i], true
		}
		if !ok {
			return
		}
		out[i] = d
	}
	if s := string(out); !grouped(s) || out[0] == '0' {
		return
	}
	copy(line[from:end], out)
}

// doubtCell marks what the first reading put in a count cell as read with low confidence.
func (lo *layout) doubtCell(c cellCrop) {
	if c.Row >= len(lo.rows) {
		return
	}
	for k := c.C0; k <= c.C1 && k < len(lo.rows[c.Row]); k++ {
		if lo.rows[c.Row][k] != ' ' && lo.conf[c.Row][k] >= DoubtConf {
			lo.conf[c.Row][k] = DoubtConf - 1
		}
	}
}

// countText is a count as the digits-only reading gives it, its commas put right: none at its
// ends, and one where it read two between groups ("13,,152": the comma's dot and tail).
func countText(s string) string {
	s = strings.Trim(s, ",")
	for strings.Contains(s, ",,") {
		s = strings.ReplaceAll(s, ",,", ",")
	}
	return s
}

// inkSpan is the first and last column of the cell with ink.
func inkSpan(g *gray, c cellCrop) [2]int {
	return [2]int{bandInk(g, c.Y0, c.Y1, c.X0, c.X1), bandInkLast(g, c.Y0, c.Y1, c.X0, c.X1)}
}

// grouped reports whether a number's commas part it in thousands, as Keras prints them (a number
// without commas is grouped too).
func grouped(s string) bool {
	parts := strings.Split(s, ",")
	for i, p := range parts {
		if i == 0 && (len(p) < 1 || len(p) > 3) && len(parts) > 1 || i > 0 && len(p) != 3 {
			return false
		}
	}
	return true
}

func isDigits(s string) bool {
	for _, r := range s {
		if !unicode.IsDigit(r) && r != ',' {
			return false
		}
	}
	return s != ""
}

// replaceNumber writes num at col on the cell's row, in place of the number-like characters the
// first reading put in the cell. The text beside a count ("(unbuilt)") is kept. A number that
// is not whole (the reading lost glyphs of it) is in doubt even where the first reading agrees.
func (lo *layout) replaceNumber(c cellCrop, col int, num string, conf float64, whole bool) {
	row := c.Row
	for len(lo.rows) <= row {
		lo.put(row, 0, ' ', -1)
	}
	line := lo.rows[row]
	// the first reading of the cell: its number (a word beside it, "(unbuilt)", stays; what the
	// recogniser ran into the cell from its neighbours goes)
	var kept []rune
	first, from := "", -1
	for k := c.C0; k <= c.C1 && k < len(line); k++ {
		if line[k] != ' ' && from < 0 {
			from = k
		}
	}
	old := 1.0
	if from >= 0 {
		cell := string(line[from:min(len(line), c.C1+1)])
		fields := strings.Fields(cell)
		first = fields[0]
		for _, f := range fields[1:] {
			if letters(f) >= 3 {
				kept = append(kept, []rune(" "+f)...)
			}
		}
		if letters(first) >= 3 && !numberLike(first) && !(conf >= 90 && garbled(first)) {
			return // words, not a count: the first reading stands
		}
		old = lo.conf[row][from]
		for k := from; k <= c.C1 && k < len(line); k++ {
			lo.rows[row][k] = ' '
			lo.conf[row][k] = -1
		}
	}
	// both readings agree: sure (and its digits are templates of the picture's glyphs); else the
	// digits-only reading, at the lower confidence
	if number(first) == num && whole {
		conf = math.Max(conf, old)
		lo.placed = append(lo.placed, placedWord{Row: row, Col: col, Text: []rune(num), Conf: conf, Exact: true, Known: true, Count: true})
	} else {
		conf = math.Min(conf, math.Min(old, DoubtConf-1))
		lo.counts = append(lo.counts, placedWord{Row: row, Col: col, Text: []rune(num), Conf: conf, Count: true})
	}
	n := utf8.RuneCountInString(num)
	for i, r := range num {
		lo.put(row, col+i, r, conf)
	}
	for i, r := range kept {
		if col+n+i <= c.C1 {
			lo.put(row, col+n+i, r, old)
		}
	}
}

// letters counts the letters of a word.
// garbled reports whether a cell's first reading is no word: digits or marks among its letters
// ("Aes:1V2"), or a capital after a small letter ("PeeBAG"). A word a count cell may hold
// ("(unbuilt)", "multiple") is neither; where the digits-only reading is sure of a number, the
// cell held that number.
func garbled(s string) bool {
	if strings.HasPrefix(s, "(") {
		return false
	}
	rs := []rune(s)
	for i, r := range rs {
		if !unicode.IsLetter(r) || i > 0 && unicode.IsUpper(r) && unicode.IsLower(rs[i-1]) {
			return true
		}
	}
	return false
}

// roundZero reads as a 0, with doubt, a count cell that the digits-only reading left empty and
// the first reading holds one round glyph in ("@", "©", "o"): Keras prints no other lone mark
// there.
func (lo *layout) roundZero(c cellCrop) {
	if c.Row >= len(lo.rows) {
		return
	}
	line := lo.rows[c.Row]
	at := -1
	for k := c.C0; k <= c.C1 && k < len(line); k++ {
		if line[k] == ' ' {
			continue
		}
		if at >= 0 || !strings.ContainsRune("@©®oOQ", line[k]) {
			return
		}
		at = k
	}
	if at >= 0 {
		lo.put(c.Row, at, '0', DoubtConf/2)
	}
}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// numberLike reports whether a token is a number as OCR may read it: digits and commas, with the
// letters that stand for digits.
func numberLike(s string) bool {
	d := 0
	for _, r := range s {
		switch {
		case unicode.IsDigit(r):
			d++
		case strings.ContainsRune(",.oOQ©®@lI|)(isSzB", r):
		default:
			return false
		}
	}
	return d > 0 || utf8.RuneCountInString(s) <= 3
}

// number is a token as a number, letters read for digits mapped back ("" when it is not one).
func number(s string) string {
	var b bytes.Buffer
	for _, r := range s {
		switch {
		case unicode.IsDigit(r), r == ',':
			b.WriteRune(r)
		case strings.ContainsRune("oOQ©®@", r):
			b.WriteByte('0')
		case strings.ContainsRune("lI|i", r):
			b.WriteByte('1')
		default:
			return ""
		}
	}
	return b.String()
}
