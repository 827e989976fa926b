package ocr

import (
	"math"
	"sort"
	"strings"
	"unicode/utf8"
)

// textLine is one line of recognised words.
type textLine struct {
	Y      float64 // centre
	Words  []Word
	Row    int
	Shifts []lineShift // where a font's ligatures moved the rest of the line left
}

// lineShift says that what the picture shows right of From (in its pixels) stands By pixels
// left of its cells.
type lineShift struct{ From, By int }

// item is a line of the print: text, or a rule.
type placedRule struct {
	HRule
	Row int
}

// layout puts the recognised words back on the character grid of the print, with the rules
// and box lines the preparation removed: the table reader then sees the columns as printed.
type layout struct {
	grid              charGrid
	rows              [][]rune
	conf              [][]float64 // per cell: the confidence of the word that put a character there (-1: none)
	lines             []textLine
	rules             []placedRule
	vcols             []int // columns of the box lines
	placed            []placedWord
	counts            []placedWord // counts the digits-only reading put in place of a first reading it disagreed with
	boxTop, boxBottom int
	origin            int             // the column that became column 0
	classes           map[string]bool // the known classes
	// decided are the cells of layer names that are exactly their class's automatic name
	// ("leaky_re_lu", "lstm", "dense_1" beside or above their class): the class decided their
	// characters, so the glyph templates do not read them again
	decided map[[2]int]bool
}

// groupLines collects the words into lines: the recogniser's lines, joined where two of them lie
// on one text line (it sometimes splits a row at a wide gap).
func groupLines(words []Word, glyph float64) []textLine {
	type key struct{ b, p, l int }
	idx := map[key]int{}
	var lines []textLine
	for _, w := range words {
		k := key{w.Block, w.Par, w.Line}
		i, ok := idx[k]
		if !ok {
			i = len(lines)
			idx[k] = i
			lines = append(lines, textLine{})
		}
		lines[i].Words = append(lines[i].Words, w)
	}
	for i := range lines {
		lines[i].Y = medianY(lines[i].Words)
	}
	sort.SliceStable(lines, func(i, j int) bool { return lines[i].Y < lines[j].Y })
	var out []textLine
	for _, l := range lines {
		if n := len(out); n > 0 && math.Abs(l.Y-out[n-1].Y) < 0.6*glyph {
			out[n-1].Words = append(out[n-1].Words, l.Words...)
			out[n-1].Y = medianY(out[n-1].Words)
			continue
		}
		out = append(out, l)
	}
	for i := range out {
		sort.SliceStable(out[i].Words, func(a, b int) bool { return out[i].Words[a].Left < out[i].Words[b].Left })
	}
	return out
}

func medianY(ws []Word) float64 {
	ys := make([]float64, len(ws))
	for i, w := range ws {
		ys[i] = w.CenterY()
	}
	sort.Float64s(ys)
	return ys[len(ys)/2]
}

// assignRows numbers the text lines and the rules as lines of the print: text lines by their
// distances (a gap of two line pitches is a line left empty, or a rule's), rules in the lines
// between the text lines around them, in order, one line each.
func (lo *layout) assignRows(rules []HRule) {
	lp := lo.grid.LinePitch
	steps := func(d float64) int { return max(1, int(math.Round(d/lp))) }
	for i := 1; i < len(lo.lines); i++ {
		lo.lines[i].Row = lo.lines[i-1].Row + steps(lo.lines[i].Y-lo.lines[i-1].Y)
	}
	sort.Slice(rules, func(i, j int) bool { return rules[i].Mid() < rules[j].Mid() })
	if len(lo.lines) == 0 {
		for i, r := range rules {
			lo.rules = append(lo.rules, placedRule{r, i})
		}
		return
	}
	// the rules in each gap: gap 0 is above the first text line, gap i below text line i-1
	gaps := make([][]HRule, len(lo.lines)+1)
	for _, r := range rules {
		g := 0
		for i, l := range lo.lines {
			if l.Y <= r.Mid() {
				g = i + 1
			}
		}
		gaps[g] = append(gaps[g], r)
	}
	// make room where a gap holds more rules than it has free lines
	shift := 0
	for i := 1; i < len(lo.lines); i++ {
		lo.lines[i].Row += shift
		free := lo.lines[i].Row - lo.lines[i-1].Row - 1
		if n := len(gaps[i]); n > free {
			shift += n - free
			lo.lines[i].Row += n - free
		}
	}
	for g, rs := range gaps {
		switch {
		case g == 0:
			// upward from the first text line
			top := lo.lines[0]
			next := top.Row
			for k := len(rs) - 1; k >= 0; k-- {
				row := min(next-1, top.Row-steps(top.Y-rs[k].Mid()))
				lo.rules = append(lo.rules, placedRule{rs[k], row})
				next = row
			}
		case g == len(lo.lines):
			last := lo.lines[g-1]
			prev := last.Row
			for _, r := range rs {
				row := max(prev+1, last.Row+steps(r.Mid()-last.Y))
				lo.rules = append(lo.rules, placedRule{r, row})
				prev = row
			}
		default:
			above, below := lo.lines[g-1], lo.lines[g]
			prev := above.Row
			for k, r := range rs {
				row := max(prev+1, above.Row+steps(r.Mid()-above.Y))
				row = min(row, below.Row-(len(rs)-k))
				lo.rules = append(lo.rules, placedRule{r, row})
				prev = row
			}
		}
	}
	first := lo.lines[0].Row
	for _, r := range lo.rules {
		first = min(first, r.Row)
	}
	for i := range lo.lines {
		lo.lines[i].Row -= first
	}
	for i := range lo.rules {
		lo.rules[i].Row -= first
	}
}

// wordCol is the column of a word's first character: from its centre when its width matches
// its length, else from its left edge (the recogniser dropped or added a character).
func (lo *layout) wordCol(w Word) int {
	g := lo.grid
	n := utf8.RuneCountInString(w.Text)
	cells := float64(w.Width)/g.Pitch + 0.3
	left := g.col(float64(w.Left) + 0.3*g.Pitch)
	if math.Abs(cells-float64(n)) >= 0.5 {
		return left
	}
	centre := (float64(w.Left) + float64(w.Width)/2 - g.X0) / g.Pitch
	return int(math.Round(centre - float64(n-1)/2))
}

func (lo *layout) put(row, col int, r rune, conf float64) {
	for len(lo.rows) <= row {
		lo.rows = append(lo.rows, nil)
		lo.conf = append(lo.conf, nil)
	}
	for len(lo.rows[row]) <= col {
		lo.rows[row] = append(lo.rows[row], ' ')
		lo.conf[row] = append(lo.conf[row], -1)
	}
	lo.rows[row][col] = r
	lo.conf[row][col] = conf
}

func (lo *layout) at(row, col int) rune {
	if row < 0 || row >= len(lo.rows) || col < 0 || col >= len(lo.rows[row]) {
		return ' '
	}
	return lo.rows[row][col]
}

// text is the page as lines, right blanks trimmed.
func (lo *layout) text() []string {
	out := make([]string, len(lo.rows))
	for i, r := range lo.rows {
		out[i] = strings.TrimRight(string(r), " ")
	}
	return out
}
