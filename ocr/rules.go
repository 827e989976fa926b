package ocr

import (
	"math"
	"sort"
)

// removeRules finds the table's horizontal rules (long runs of ink: "____", "====", the box
// lines of Keras 3) and its vertical box lines (the column separators, found where they meet the
// horizontal rules), records them and paints them over, so that the recogniser sees only text.
// faintInk is the grey level below which a long horizontal run is a rule's ink, though the
// binarisation counts it as paper.
const faintInk = 200

func (p *Prepared) removeRules() {
	img := p.img
	minRun := int(ruleGlyphs * p.Glyph)
	runs := inkRuns(img, 128)
	var segs []run
	for _, r := range runs {
		if r.X1-r.X0+1 >= minRun {
			segs = append(segs, r)
		}
	}
	segs = append(segs, p.dashed(runs, minRun)...)
	segs = append(segs, p.filled(runs, minRun)...)
	// a thin rule that the resampling of a small print made light (drawn in grey, it is paper to
	// the binarisation): a long run of faint ink in the grey picture; no text makes one
	for _, r := range inkRuns(p.grey, faintInk) {
		if r.X1-r.X0+1 >= 3*minRun {
			segs = append(segs, r)
			for x := r.X0; x <= r.X1; x++ {
				img.Pix[r.Y*img.W+x] = 0 // ink, for the rule to grow over and be painted out
			}
		}
	}
	sort.Slice(segs, func(i, j int) bool {
		if segs[i].Y != segs[j].Y {
			return segs[i].Y < segs[j].Y
		}
		return segs[i].X0 < segs[j].X0
	})
	rules := joinSegments(segs)
	// grow each rule by the rows its edges blur into, then paint it over
	for i := range rules {
		r := &rules[i]
		for r.Y0 > 0 && coverage(img, r.Y0-1, r.X0, r.X1) >= 0.5 {
			r.Y0--
		}
		for r.Y1 < img.H-1 && coverage(img, r.Y1+1, r.X0, r.X1) >= 0.5 {
			r.Y1++
		}
	}
	gap := int(p.Glyph)
	for i := range rules {
		r := &rules[i]
		// a rule broken by the compression goes on in pieces: follow them
		for r.X0 > 0 && bandInk(img, r.Y0, r.Y1, max(0, r.X0-gap), r.X0-1) >= 0 {
			r.X0 = bandInk(img, r.Y0, r.Y1, max(0, r.X0-gap), r.X0-1)
		}
		for r.X1 < img.W-1 {
			x := bandInkLast(img, r.Y0, r.Y1, r.X1+1, min(img.W-1, r.X1+gap))
			if x < 0 {
				break
			}
			r.X1 = x
		}
	}
	rules = p.secondBars(pairDoubles(mergeBands(rules), p.Glyph))
	stubs := p.junctions(rules)
	for _, r := range rules {
		for y := r.Y0; y <= r.Y1; y++ {
			for x := r.X0; x <= r.X1; x++ {
				p.clear(x, y)
			}
		}
	}
	// what is left of the boxes of missing glyphs (rows of them whose edges touch are rules by
	// now); a row of them is a rule of the box
	rules = withRows(rules, p.removeTofu())
	p.despeckle(rules)
	p.VLines = p.boxLines(stubs)
	for i := range rules {
		for _, v := range p.VLines {
			if v.Y0 <= rules[i].Y1 && v.Y1 >= rules[i].Y0 {
				rules[i].Box = true
			}
		}
	}
	p.HRules = rules
}

// mergeBands joins the pieces of one rule (the same rows) into one.
func mergeBands(rules []HRule) []HRule {
	sort.Slice(rules, func(i, j int) bool { return rules[i].Y0 < rules[j].Y0 })
	var out []HRule
	for _, r := range rules {
		if n := len(out); n > 0 && overlap(out[n-1].Y0, out[n-1].Y1, r.Y0, r.Y1) > 0 && out[n-1].Double == r.Double {
			o := &out[n-1]
			o.Y0, o.Y1 = min(o.Y0, r.Y0), max(o.Y1, r.Y1)
			o.X0, o.X1 = min(o.X0, r.X0), max(o.X1, r.X1)
			continue
		}
		out = append(out, r)
	}
	return out
}

// despeckle paints over the specks that compression leaves along a rule: small components
// close to it (a rule has a line to itself, so no text is that close).
func (p *Prepared) despeckle(rules []HRule) {
	if len(rules) == 0 {
		return
	}
	img := p.img
	near := int(0.35 * p.Glyph)
	small := max(2, int(0.25*p.Glyph))
	for _, c := range components(inkRuns(img, 128)) {
		if c.w() > small || c.h() > small {
			continue
		}
		for _, r := range rules {
			if c.Y1 >= r.Y0-near && c.Y0 <= r.Y1+near && c.X1 >= r.X0 && c.X0 <= r.X1 {
				for y := c.Y0; y <= c.Y1; y++ {
					for x := c.X0; x <= c.X1; x++ {
						p.clear(x, y)
					}
				}
				break
			}
		}
	}
}

// bandInk is the first x in [x0, x1] with ink on a row of the band y0..y1 (-1: none).
func bandInk(g *gray, y0, y1, x0, x1 int) int {
	for x := x0; x <= x1; x++ {
		for y := y0; y <= y1; y++ {
			if g.Pix[y*g.W+x] < 128 {
				return x
			}
		}
	}
	return -1
}

// bandInkLast is the last x in [x0, x1] with ink on a row of the band y0..y1 (-1: none).
func bandInkLast(g *gray, y0, y1, x0, x1 int) int {
	for x := x1; x >= x0; x-- {
		for y := y0; y <= y1; y++ {
			if g.Pix[y*g.W+x] < 128 {
				return x
			}
		}
	}
	return -1
}

// dashed finds rows of separate short strokes that together make a rule: a row of "=" or "-"
// whose glyphs do not touch. The strokes follow one another closely and are thin: nothing a
// little above or below them, or, for the two bars of a row of "=", nothing above the upper
// bar and nothing below the lower one. A row of text is neither.
func (p *Prepared) dashed(runs []run, minRun int) []run {
	img := p.img
	d := max(2, int(0.3*p.Glyph+0.5))
	maxGap := int(0.6 * p.Glyph)
	minLen, maxLen := max(2, int(0.2*p.Glyph)), int(1.2*p.Glyph)
	type chain struct {
		run
		above, below bool // empty a little above, below
		n            int  // its strokes
	}
	var chains []chain
	d2 := max(3, int(0.15*p.Glyph+0.5))
	empty := func(y, a, b int) bool { return coverage(img, y, a, b) < 0.05 }
	flush := func(c []run) {
		if len(c) < 6 {
			return
		}
		a, b := c[0].X0, c[len(c)-1].X1
		y := c[0].Y
		if b-a+1 < minRun || y-d < 0 || y+d >= img.H {
			return
		}
		// the strokes of one repeated character: alike in length and spacing (the gaps between
		// them, or, where the scaling drew the strokes a pixel or two wider or narrower, the
		// distance from one's start to the next: the cell width)
		lmin, lmax, gmin, gmax, pmin, pmax := 1<<30, 0, 1<<30, 0, 1<<30, 0
		for i, r := range c {
			lmin, lmax = min(lmin, r.X1-r.X0+1), max(lmax, r.X1-r.X0+1)
			if i > 0 {
				g, d := r.X0-c[i-1].X1-1, r.X0-c[i-1].X0
				gmin, gmax = min(gmin, g), max(gmax, g)
				pmin, pmax = min(pmin, d), max(pmax, d)
			}
		}
		if lmax*5 > lmin*8 || float64(gmax-gmin) > 0.25*p.Glyph && float64(pmax-pmin) > 0.15*p.Glyph {
			return
		}
		chains = append(chains, chain{run{y, a, b}, empty(y-d, a, b) && empty(y-d2, a, b), empty(y+d, a, b) && empty(y+d2, a, b), len(c)})
	}
	var cur []run
	for _, r := range runs {
		l := r.X1 - r.X0 + 1
		ok := l >= minLen && l <= maxLen
		if len(cur) > 0 {
			last := cur[len(cur)-1]
			if !ok || r.Y != last.Y || r.X0-last.X1-1 > maxGap {
				flush(cur)
				cur = cur[:0]
			}
		}
		if ok {
			cur = append(cur, r)
		}
	}
	flush(cur)
	var out []run
	for i, c := range chains {
		ok := c.above && c.below
		for j := range chains {
			if ok {
				break
			}
			o := chains[j]
			dy := float64(o.Y - c.Y)
			if j == i || dy == 0 || math.Abs(dy) < 0.15*p.Glyph || math.Abs(dy) > 0.7*p.Glyph {
				continue
			}
			if float64(overlap(c.X0, c.X1, o.X0, o.X1)) < 0.8*float64(max(c.X1-c.X0, o.X1-o.X0)) {
				continue
			}
			// c is the upper bar and o the lower one, or the other way round, with paper between
			// them: a row of it (the middle one, unless the scaling blurred a bar's inner edge
			// into it), or, where a small print scaled up merged the two bars into one block per
			// glyph, the same strokes on every row between them (a row of round letters has one
			// stroke a glyph at its top and two in its middle)
			gap, solid := false, true
			for y := min(c.Y, o.Y) + 1; y < max(c.Y, o.Y) && !gap; y++ {
				gap = empty(y, c.X0, c.X1)
				same := false
				for _, m := range chains {
					same = same || m.Y == y && abs(m.n-c.n) <= 1 && abs(m.X0-c.X0) <= maxGap && abs(m.X1-c.X1) <= maxGap
				}
				solid = solid && same
			}
			ok = (dy > 0 && c.above && o.below || dy < 0 && c.below && o.above) && (gap || solid && abs(o.n-c.n) <= 1)
		}
		if ok {
			out = append(out, c.run)
		}
	}
	return out
}

// filled finds rows of "=" that a small print scaled up drew as a band of glyphs that touch here
// and there (a run two glyphs long among runs of one): rows whose ink, with gaps shorter than a
// glyph between, covers most of a span longer than any count, in a band no taller than a bar
// pair, with nothing a little above or below it. Text covers a row far less, and a line of it is
// taller.
func (p *Prepared) filled(runs []run, minRun int) []run {
	img := p.img
	maxGap := int(0.6 * p.Glyph)
	d := max(2, int(0.3*p.Glyph+0.5))
	// the spans of each row
	type span struct {
		run
		ink int
	}
	byRow := map[int][]span{}
	var cur *span
	for _, r := range runs {
		if cur != nil && (r.Y != cur.Y || r.X0-cur.X1-1 > maxGap) {
			byRow[cur.Y] = append(byRow[cur.Y], *cur)
			cur = nil
		}
		if cur == nil {
			cur = &span{r, 0}
		}
		cur.X1 = r.X1
		cur.ink += r.X1 - r.X0 + 1
	}
	if cur != nil {
		byRow[cur.Y] = append(byRow[cur.Y], *cur)
	}
	// (longer than a rule of glyphs must be: a band of digits a bold small print scaled up,
	// "80000", covers its rows as densely, but no count is this long)
	long := max(minRun, int(10*p.Glyph))
	full := func(y int) []span {
		var out []span
		for _, sp := range byRow[y] {
			if n := sp.X1 - sp.X0 + 1; n >= long && float64(sp.ink) >= 0.6*float64(n) {
				out = append(out, sp)
			}
		}
		return out
	}
	empty := func(y, a, b int) bool { return y < 0 || y >= img.H || coverage(img, y, a, b) < 0.05 }
	var out []run
	for y := 0; y < img.H; y++ {
		for _, sp := range full(y) {
			if len(full(y-1)) > 0 {
				continue // not the band's top row
			}
			// the band: the rows below with a full span over the same stretch
			y1 := y
			for len(full(y1+1)) > 0 && y1+1-y < int(0.7*p.Glyph) {
				y1++
			}
			if float64(y1-y+1) > 0.7*p.Glyph || float64(y1-y+1) < 0.15*p.Glyph ||
				!empty(y-d, sp.X0, sp.X1) || !empty(y1+d, sp.X0, sp.X1) || len(full(y1+1)) > 0 {
				continue
			}
			for yy := y; yy <= y1; yy++ {
				for _, o := range full(yy) {
					if overlap(o.X0, o.X1, sp.X0, sp.X1) > 0 {
						out = append(out, o.run)
					}
				}
			}
		}
	}
	return out
}

// removeTofu paints over the boxes a font draws for the characters it lacks (Liberation Mono has
// no heavy box-drawing characters: the border of a Keras 3 table's header comes out as a row of
// empty rectangles). A rectangle whose four sides are ink and whose inside is paper is no
// character of a summary.
func (p *Prepared) removeTofu() []HRule {
	var found []HRule // the rows of boxes, as rules
	img := p.img
	var rows []comp   // boxes a side of which the compression lost: removed only in a row of boxes
	var full []comp   // boxes with four sides and four corners
	var framed []comp // tall frames with rounded ends
	var pieces []comp // what may be part of a box that the binarisation broke
	for _, c := range components(inkRuns(img, 128)) {
		w, h := c.w(), c.h()
		if float64(h) <= 1.6*p.Glyph && float64(w) <= 1.3*p.Glyph {
			pieces = append(pieces, c)
		}
		if w < 3 || h < 5 || float64(h) < 0.3*p.Glyph || float64(h) > 1.6*p.Glyph || w*10 > h*13 {
			continue
		}
		switch box, four := p.squareBox(c); {
		case box && four:
			full = append(full, c)
		case box:
			rows = append(rows, c)
		default:
			if ok, four := p.frame(c); ok {
				rows = append(rows, c) // a box whose corners the scaling rounded
				if four {
					framed = append(framed, c)
				}
			}
		}
	}
	// frames the binarisation broke across (their walls parted from their ends)
	for _, c := range stacked(pieces) {
		if float64(c.h()) < 0.3*p.Glyph || float64(c.h()) > 1.6*p.Glyph {
			continue
		}
		if ok, four := p.frame(c); ok {
			rows = append(rows, c)
			if four {
				framed = append(framed, c)
			}
		}
	}
	for _, c := range full {
		p.clearComp(c)
	}
	rows = append(rows, full...)
	// three-sided boxes: removed where five or more stand side by side, a cell apart (brackets
	// come two together at most)
	var removed []comp
	mid := func(c comp) int { return (c.Y0 + c.Y1) / 2 }
	sort.Slice(rows, func(i, j int) bool { return mid(rows[i]) < mid(rows[j]) })
	for i := 0; i < len(rows); {
		j := i + 1
		for j < len(rows) && float64(mid(rows[j])-mid(rows[i])) <= 0.25*float64(rows[i].h()) {
			j++
		}
		line := append([]comp(nil), rows[i:j]...)
		sort.Slice(line, func(a, b int) bool { return line[a].X0 < line[b].X0 })
		for a := 0; a < len(line); {
			b := a + 1
			for b < len(line) && 2*(line[b].X0-line[b-1].X1) <= 3*line[b-1].w() {
				b++
			}
			if b-a >= 5 {
				for _, c := range line[a:b] {
					p.clearComp(c)
					removed = append(removed, c)
				}
				found = append(found, boxRow(line[a:b]))
			}
			a = b
		}
		i = j
	}
	// the lone frames of the same size as the rows of them (the heavy bars of a header row
	// between its titles)
	for _, c := range framed {
		if sameBox(c, removed) {
			p.clearComp(c)
		}
	}
	return found
}

// squareBox reports a missing-glyph box with square corners, sides of ink and a paper inside;
// four is whether all four sides and corners are there (else the compression lost one).
func (p *Prepared) squareBox(c comp) (box, four bool) {
	img := p.img
	w, h := c.w(), c.h()
	side := func(x0, y0, dx, dy, n int) int {
		k := 0
		for i := 0; i < n; i++ {
			if img.Pix[(y0+i*dy)*img.W+x0+i*dx] < 128 {
				k++
			}
		}
		return k
	}
	// the best row or column among the two outermost on each side
	top := max(side(c.X0, c.Y0, 1, 0, w), side(c.X0, c.Y0+1, 1, 0, w))
	bot := max(side(c.X0, c.Y1, 1, 0, w), side(c.X0, c.Y1-1, 1, 0, w))
	left := max(side(c.X0, c.Y0, 0, 1, h), side(c.X0+1, c.Y0, 0, 1, h))
	right := max(side(c.X1, c.Y0, 0, 1, h), side(c.X1-1, c.Y0, 0, 1, h))
	if top*10 < 7*w || bot*10 < 7*w || left*10 < 7*h && right*10 < 7*h {
		return false, false
	}
	// square corners (an o or a 0 is round)
	k := max(2, min(w, h)/5)
	corner := func(x0, y0 int) bool {
		for y := y0; y < y0+k; y++ {
			for x := x0; x < x0+k; x++ {
				if img.Pix[y*img.W+x] < 128 {
					return true
				}
			}
		}
		return false
	}
	tl, tr := corner(c.X0, c.Y0), corner(c.X1-k+1, c.Y0)
	bl, br := corner(c.X0, c.Y1-k+1), corner(c.X1-k+1, c.Y1-k+1)
	if !(tl && bl || tr && br) {
		return false, false
	}
	// an empty inside
	// its walls: as thick as the ink runs from the edges across the middle
	m, my := 0, 0
	for m < w/2 && img.Pix[(c.Y0+h/2)*img.W+c.X0+m] >= 128 {
		m++
	}
	for m < w/2 && img.Pix[(c.Y0+h/2)*img.W+c.X0+m] < 128 {
		m++
	}
	for my < h/2 && img.Pix[(c.Y0+my)*img.W+c.X0+w/2] >= 128 {
		my++
	}
	for my < h/2 && img.Pix[(c.Y0+my)*img.W+c.X0+w/2] < 128 {
		my++
	}
	m, my = max(2, m+1), max(2, my+1)
	inside, area := 0, 0
	for y := c.Y0 + my; y <= c.Y1-my; y++ {
		for x := c.X0 + m; x <= c.X1-m; x++ {
			area++
			if img.Pix[y*img.W+x] < 128 {
				inside++
			}
		}
	}
	if area == 0 || inside*20 > area {
		return false, false
	}
	return true, left*10 >= 7*h && right*10 >= 7*h && tl && tr && bl && br
}

// frame reports a tall narrow frame with thin walls, closed at both ends: a missing-glyph box
// whose corners the scaling rounded (its two outermost rows are no full sides); four is whether
// both walls are there (else the binarisation lost one, and only a row of them tells it from a
// bracket). No character of a summary is one: a 0 or an O has thick walls and round ends.
func (p *Prepared) frame(c comp) (ok, four bool) {
	img := p.img
	w, h := c.w(), c.h()
	if h*10 < w*19 || w < 5 {
		return false, false
	}
	wall := max(4, int(p.Glyph/7))
	ink := func(x, y int) bool { return img.Pix[y*img.W+x] < 128 }
	covered := func(y int) bool {
		k := 0
		for x := c.X0; x <= c.X1; x++ {
			if ink(x, y) {
				k++
			}
		}
		return k*10 >= 7*w
	}
	capped := func(y0, dy int) bool {
		for i := 0; i < max(2, h/6); i++ {
			if covered(y0 + i*dy) {
				return true
			}
		}
		return false
	}
	if !capped(c.Y0, 1) || !capped(c.Y1, -1) {
		return false, false
	}
	// the middle half: ink only in a thin wall on each side
	both, left, right, n := 0, 0, 0, 0
	for y := c.Y0 + h/4; y <= c.Y1-h/4; y++ {
		n++
		var runs [][2]int
		for x := c.X0; x <= c.X1; x++ {
			if !ink(x, y) {
				continue
			}
			if len(runs) > 0 && runs[len(runs)-1][1] == x-1 {
				runs[len(runs)-1][1] = x
			} else {
				runs = append(runs, [2]int{x, x})
			}
		}
		l, r, other := false, false, false
		for _, u := range runs {
			switch {
			case u[1]-u[0] >= wall:
				other = true
			case u[0] <= c.X0+wall && u[1] < c.X0+w/3:
				l = true
			case u[1] >= c.X1-wall && u[0] > c.X1-w/3:
				r = true
			default:
				other = true
			}
		}
		switch {
		case other:
		case l && r:
			both++
		case l:
			left++
		case r:
			right++
		}
	}
	if n == 0 {
		return false, false
	}
	if both*10 >= 8*n {
		return true, true
	}
	return (both+left)*10 >= 8*n || (both+right)*10 >= 8*n, false
}

// stacked joins the pieces that lie on top of one another, less than three pixels apart, and
// gives the boxes around each group of two or more.
func stacked(cs []comp) []comp {
	sort.Slice(cs, func(i, j int) bool { return cs[i].X0 < cs[j].X0 })
	parent := make([]int, len(cs))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i, a := range cs {
		for j := i + 1; j < len(cs) && cs[j].X0 <= a.X1; j++ {
			b := cs[j]
			if gap := max(a.Y0, b.Y0) - min(a.Y1, b.Y1); gap > 0 && gap <= 3 {
				parent[find(j)] = find(i)
			}
		}
	}
	groups := map[int]comp{}
	count := map[int]int{}
	for i, c := range cs {
		r := find(i)
		g, ok := groups[r]
		if !ok {
			g = c
		}
		g.X0, g.Y0, g.X1, g.Y1, g.N = min(g.X0, c.X0), min(g.Y0, c.Y0), max(g.X1, c.X1), max(g.Y1, c.Y1), g.N+c.N
		groups[r] = g
		count[r]++
	}
	var out []comp
	for r, g := range groups {
		if count[r] > 1 {
			out = append(out, g)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Y0 < out[j].Y0 || out[i].Y0 == out[j].Y0 && out[i].X0 < out[j].X0 })
	return out
}

// sameBox reports whether c has the size of one of the boxes (within a tenth and two pixels).
func sameBox(c comp, boxes []comp) bool {
	near := func(a, b int) bool { return abs(a-b)*10 <= b+20 }
	for _, b := range boxes {
		if near(c.w(), b.w()) && near(c.h(), b.h()) {
			return true
		}
	}
	return false
}

// boxRow is the rule that a row of missing-glyph boxes stands for: a box table's heavy border
// (a font lacks only box-drawing characters in a summary).
func boxRow(cs []comp) HRule {
	r := HRule{Y0: cs[0].Y0, Y1: cs[0].Y1, X0: cs[0].X0, X1: cs[0].X1, Double: true, Box: true}
	for _, c := range cs[1:] {
		r.Y0, r.Y1 = min(r.Y0, c.Y0), max(r.Y1, c.Y1)
		r.X0, r.X1 = min(r.X0, c.X0), max(r.X1, c.X1)
	}
	return r
}

// withRows adds the rules that rows of missing-glyph boxes stand for: a row that shares its
// lines with a rule found already makes that rule longer.
func withRows(rules, rows []HRule) []HRule {
	for _, t := range rows {
		merged := false
		for i := range rules {
			r := &rules[i]
			if overlap(r.Y0, r.Y1, t.Y0, t.Y1) > 0 {
				r.X0, r.X1 = min(r.X0, t.X0), max(r.X1, t.X1)
				r.Box = true
				merged = true
				break
			}
		}
		if !merged {
			rules = append(rules, t)
		}
	}
	sort.Slice(rules, func(i, j int) bool { return rules[i].Y0 < rules[j].Y0 })
	return rules
}

// clearComp paints over a component's box and the faint edge around it (nothing else is in a
// missing-glyph box).
func (p *Prepared) clearComp(c comp) {
	for y := max(0, c.Y0-1); y <= min(p.img.H-1, c.Y1+1); y++ {
		for x := max(0, c.X0-1); x <= min(p.img.W-1, c.X1+1); x++ {
			p.clear(x, y)
		}
	}
}

// clear paints a pixel over with paper, in the binary picture and, with its neighbours (the
// anti-aliased edge of a stroke, as wide as the picture was scaled up), in the grey one.
func (p *Prepared) clear(x, y int) {
	p.img.Pix[y*p.img.W+x] = 255
	g := p.grey
	r := p.halo
	for yy := max(0, y-r); yy <= min(g.H-1, y+r); yy++ {
		row := g.Pix[yy*g.W : (yy+1)*g.W]
		for xx := max(0, x-r); xx <= min(g.W-1, x+r); xx++ {
			row[xx] = 255
		}
	}
}

// coverage is the share of ink on row y between x0 and x1.
func coverage(g *gray, y, x0, x1 int) float64 {
	n := 0
	row := g.Pix[y*g.W : (y+1)*g.W]
	for x := x0; x <= x1; x++ {
		if row[x] < 128 {
			n++
		}
	}
	return float64(n) / float64(x1-x0+1)
}

// joinSegments joins long runs on adjacent rows that overlap into rules.
func joinSegments(segs []run) []HRule {
	var rules []HRule
	open := []int{} // indexes of rules that end on the previous row
	lastY := -2
	for _, s := range segs {
		if s.Y != lastY {
			var still []int
			for _, k := range open {
				if rules[k].Y1 >= s.Y-1 {
					still = append(still, k)
				}
			}
			open = still
			lastY = s.Y
		}
		joined := false
		for _, k := range open {
			r := &rules[k]
			if r.Y1 == s.Y-1 && overlap(r.X0, r.X1, s.X0, s.X1) > 0 {
				r.Y1 = s.Y
				r.X0, r.X1 = min(r.X0, s.X0), max(r.X1, s.X1)
				joined = true
				break
			}
			if r.Y1 == s.Y && overlap(r.X0, r.X1, s.X0, s.X1) >= 0 { // a run broken by a pixel
				r.X0, r.X1 = min(r.X0, s.X0), max(r.X1, s.X1)
				joined = true
				break
			}
		}
		if !joined {
			rules = append(rules, HRule{Y0: s.Y, Y1: s.Y, X0: s.X0, X1: s.X1})
			open = append(open, len(rules)-1)
		}
	}
	return rules
}

// overlap is the length shared by [a0,a1] and [b0,b1] (negative: the gap between them).
func overlap(a0, a1, b0, b1 int) int { return min(a1, b1) - max(a0, b0) + 1 }

// pairDoubles joins two rules close above one another with the same extent into one double rule:
// a row of "=", or the top and bottom edges of a row of missing-glyph boxes. No text fits
// between two rules that close.
func pairDoubles(rules []HRule, glyph float64) []HRule {
	sort.Slice(rules, func(i, j int) bool { return rules[i].Y0 < rules[j].Y0 })
	var out []HRule
	used := make([]bool, len(rules))
	for i := range rules {
		if used[i] {
			continue
		}
		a := rules[i]
		for j := i + 1; j < len(rules); j++ {
			b := rules[j]
			if float64(b.Y0-a.Y1) > 1.2*glyph {
				break
			}
			if used[j] || b.Y0 <= a.Y1 {
				continue
			}
			wa, wb := a.X1-a.X0+1, b.X1-b.X0+1
			if ov := overlap(a.X0, a.X1, b.X0, b.X1); float64(ov) >= 0.8*float64(max(wa, wb)) {
				a.Y1, a.X0, a.X1 = b.Y1, min(a.X0, b.X0), max(a.X1, b.X1)
				a.Double = true
				used[j] = true
				break
			}
		}
		out = append(out, a)
	}
	return out
}

// secondBars finds the other bar of a row of "=" whose first bar alone was found (compression
// broke the second into pieces too short for a rule): a row close below or above the rule inked
// over much of its length.
func (p *Prepared) secondBars(rules []HRule) []HRule {
	img := p.img
	reach := int(0.7 * p.Glyph)
	for i := range rules {
		r := &rules[i]
		if r.Double {
			continue
		}
		for y := r.Y1 + 2; y <= min(img.H-1, r.Y1+reach); y++ {
			if coverage(img, y, r.X0, r.X1) >= 0.4 {
				for y+1 < img.H && coverage(img, y+1, r.X0, r.X1) >= 0.2 {
					y++
				}
				r.Y1, r.Double = y, true
				break
			}
		}
		if r.Double {
			continue
		}
		for y := r.Y0 - 2; y >= max(0, r.Y0-reach); y-- {
			if coverage(img, y, r.X0, r.X1) >= 0.4 {
				for y > 0 && coverage(img, y-1, r.X0, r.X1) >= 0.2 {
					y--
				}
				r.Y0, r.Double = y, true
				break
			}
		}
	}
	return rules
}

// stub is where a vertical box line meets a horizontal rule: x0..x1 on the rule.
type stub struct {
	X0, X1 int
	Y0, Y1 int // the rule's rows
}

// junctions finds, along each rule, the places where a vertical stroke leaves it upward or
// downward and goes on for a good part of a glyph: the junctions of a box table (┼ ├ ┤ ┬ ┴).
func (p *Prepared) junctions(rules []HRule) []stub {
	img := p.img
	need := max(2, int(stubFraction*p.Glyph))
	vertical := func(x, y, dy int) bool {
		for k := 0; k < need; k++ {
			yy := y + dy*k
			if yy < 0 || yy >= img.H || img.Pix[yy*img.W+x] >= 128 {
				return false
			}
		}
		return true
	}
	var out []stub
	for _, r := range rules {
		if r.Double {
			continue
		}
		x0 := -1
		for x := r.X0; x <= r.X1+1; x++ {
			on := x <= r.X1 && (vertical(x, r.Y0-1, -1) || vertical(x, r.Y1+1, 1))
			if on && x0 < 0 {
				x0 = x
			}
			if !on && x0 >= 0 {
				if float64(x-x0) <= 0.6*p.Glyph { // a stroke, not a glyph lying on the rule
					out = append(out, stub{x0, x - 1, r.Y0, r.Y1})
				}
				x0 = -1
			}
		}
	}
	return out
}

// boxLines groups the junctions of the rules by column into vertical box lines, and paints over
// their strokes: inside the table, everything in the line's narrow band; above its first rule
// (the header of a Keras 3 table), only long vertical strokes.
func (p *Prepared) boxLines(stubs []stub) []VLine {
	if len(stubs) == 0 {
		return nil
	}
	sort.Slice(stubs, func(i, j int) bool { return stubs[i].X0 < stubs[j].X0 })
	tol := max(2, int(0.4*p.Glyph))
	var groups [][]stub
	for _, s := range stubs {
		n := len(groups)
		if n > 0 {
			last := groups[n-1][len(groups[n-1])-1]
			if (s.X0+s.X1)/2-(last.X0+last.X1)/2 <= tol {
				groups[n-1] = append(groups[n-1], s)
				continue
			}
		}
		groups = append(groups, []stub{s})
	}
	img := p.img
	ruleRows := map[int]bool{}
	for _, s := range stubs {
		ruleRows[s.Y0] = true
	}
	var lines []VLine
	for _, g := range groups {
		// a column of the table meets (nearly) every rule; a stroke of text that touches a rule
		// meets one
		on := map[int]bool{}
		for _, s := range g {
			on[s.Y0] = true
		}
		if len(ruleRows) >= 3 && len(on)*10 < 6*len(ruleRows) {
			continue
		}
		var xs []int
		w := 0
		y0, y1 := img.H, -1
		for _, s := range g {
			xs = append(xs, (s.X0+s.X1)/2)
			w = max(w, s.X1-s.X0+1)
			y0 = min(y0, s.Y0)
			y1 = max(y1, s.Y1)
		}
		sort.Ints(xs)
		v := VLine{X: xs[len(xs)/2], W: w, Y0: y0, Y1: y1}
		lines = append(lines, v)
	}
	// the table's rows run from the first to the last rule that has box lines
	top, bottom := img.H, -1
	for _, v := range lines {
		top, bottom = min(top, v.Y0), max(bottom, v.Y1)
	}
	long := int(vertGlyphs * p.Glyph)
	reach := int(3 * p.Glyph) // a header row above the first visible rule
	// a box line runs the whole height of the table (but for the gaps between the lines of some
	// fonts, and a faint line's breaks); a stroke of text that touches a rule does not
	var kept []VLine
	for _, v := range lines {
		x0, x1 := max(0, v.X-v.W/2-1), min(img.W-1, v.X+v.W/2+1)
		n := 0
		for y := top; y <= bottom; y++ {
			if bandInk(img, y, y, x0, x1) >= 0 {
				n++
			}
		}
		if bottom > top && float64(n) >= 0.4*float64(bottom-top+1) {
			kept = append(kept, v)
		}
	}
	lines = kept
	for i := range lines {
		v := &lines[i]
		v.Y0, v.Y1 = top, bottom
		x0, x1 := max(0, v.X-v.W/2-2), min(img.W-1, v.X+v.W/2+2)
		for x := x0; x <= x1; x++ {
			// inside the table: clear the band
			for y := top; y <= bottom; y++ {
				p.clear(x, y)
			}
			// above and below it: only strokes long enough to be box lines, as far as the line goes
			// on (rows whose box lines a font could not draw end it)
			v.Y0 = min(v.Y0, p.followLine(x, top-1, -1, long, reach))
			v.Y1 = max(v.Y1, p.followLine(x, bottom+1, 1, long, reach))
		}
	}
	return lines
}

// followLine paints over a box line's strokes in column x from y on in direction dy: each stroke
// at least long pixels, one after the other with gaps of less than gap pixels. It returns the
// last row it painted (y-dy: none).
func (p *Prepared) followLine(x, y, dy, long, gap int) int {
	img := p.img
	ink := func(y int) bool { return y >= 0 && y < img.H && img.Pix[y*img.W+x] < 128 }
	last := y - dy
	for blank := 0; y >= 0 && y < img.H && blank < gap; {
		if !ink(y) {
			blank++
			y += dy
			continue
		}
		a := y
		for ink(a + dy) {
			a += dy
		}
		if abs(a-y)+1 < long {
			return last
		}
		for k := y; k != a+dy; k += dy {
			p.clear(x, k)
		}
		last = a
		y = a + dy
		blank = 0
	}
	return last
}

// clearLong paints over the vertical runs of ink in column x between y0 and y1 that are at
// least long pixels long (runs that reach y0 or y1 are followed beyond them).
func (p *Prepared) clearLong(x, y0, y1, long int) {
	img := p.img
	if y1 < y0 {
		return
	}
	ink := func(y int) bool { return img.Pix[y*img.W+x] < 128 }
	for y := y0; y <= y1; {
		if !ink(y) {
			y++
			continue
		}
		a := y
		for a > 0 && ink(a-1) {
			a--
		}
		b := y
		for b < img.H-1 && ink(b+1) {
			b++
		}
		if b-a+1 >= long {
			for k := max(a, y0); k <= min(b, y1); k++ {
				p.clear(x, k)
			}
		}
		y = b + 1
	}
}
