package ocr

import (
	"math"
	"sort"
)

// charGrid is the character grid of the print: a monospace font puts every character in a cell
// Pitch pixels wide, centred at X0 + k·Pitch, on lines LinePitch pixels apart.
type charGrid struct {
	Pitch     float64
	X0        float64
	LinePitch float64
}

// col is the cell whose centre is nearest to x.
func (g charGrid) col(x float64) int { return int(math.Round((x - g.X0) / g.Pitch)) }

// edgeCol is the cell that starts at the left edge x (a rule's end, a crop's start).
func (g charGrid) edgeCol(x float64) int { return int(math.Round((x-g.X0)/g.Pitch + 0.5)) }

// cellLeft is the left edge of cell c in pixels.
func (g charGrid) cellLeft(c int) float64 { return g.X0 + (float64(c)-0.5)*g.Pitch }

// estimatePitch measures the cell width: a first value from the words (their width over their
// length), then the one that puts the centres of the glyph-sized components of the picture on
// a lattice most tightly (the length of the mean phase vector, scanned around the first value).
func estimatePitch(words []Word, comps []comp, glyph float64) (pitch, x0 float64) {
	var ratios []float64
	for _, w := range words {
		n := len([]rune(w.Text))
		if n < 3 || w.Conf < 50 {
			continue
		}
		ratios = append(ratios, float64(w.Width)/(float64(n)-0.3))
	}
	est := 0.8 * glyph
	if len(ratios) > 0 {
		sort.Float64s(ratios)
		est = ratios[len(ratios)/2]
	}
	var xs []float64
	for _, c := range comps {
		if float64(c.h()) < 0.3*glyph || float64(c.h()) > 2*glyph || float64(c.w()) > 1.05*est {
			continue
		}
		xs = append(xs, float64(c.X0+c.X1+1)/2)
	}
	if len(xs) < 12 {
		return est, phase(xs, est)
	}
	best, bestR := est, -1.0
	for k := -400; k <= 400; k++ {
		p := est * (1 + float64(k)*0.00035)
		if r := resultant(xs, p); r > bestR {
			best, bestR = p, r
		}
	}
	return best, phase(xs, best)
}

// resultant is the length of the mean unit vector of the phases x/p (1: all on one lattice).
func resultant(xs []float64, p float64) float64 {
	var c, s float64
	for _, x := range xs {
		a := 2 * math.Pi * x / p
		c += math.Cos(a)
		s += math.Sin(a)
	}
	return math.Hypot(c, s) / float64(len(xs))
}

// phase is the lattice offset of the centres xs for pitch p, in [0, p).
func phase(xs []float64, p float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	var c, s float64
	for _, x := range xs {
		a := 2 * math.Pi * x / p
		c += math.Cos(a)
		s += math.Sin(a)
	}
	ph := math.Atan2(s, c) / (2 * math.Pi) * p
	if ph < 0 {
		ph += p
	}
	return ph
}

// estimateLinePitch is the distance between text lines, from the centres of the recognised
// lines: of the gaps between them, the one that the most gaps are a whole multiple of (the larger
// on a tie: half of it fits as many), refined over those gaps.
func estimateLinePitch(ys []float64, glyph float64) float64 {
	var ds []float64
	for i := 1; i < len(ys); i++ {
		if d := ys[i] - ys[i-1]; d >= 1.2*glyph {
			ds = append(ds, d)
		}
	}
	if len(ds) == 0 {
		return 1.9 * glyph
	}
	fits := func(d, lp float64) (float64, bool) {
		m := math.Round(d / lp)
		return m, m >= 1 && m <= 8 && math.Abs(d-m*lp) < 0.12*lp
	}
	// a line of text is about twice as tall as a glyph: a longer gap is a multiple
	best, bestN := ds[0], -1
	for _, c := range ds {
		if c > 3.2*glyph {
			continue
		}
		n := 0
		for _, d := range ds {
			if _, ok := fits(d, c); ok {
				n++
			}
		}
		if n > bestN || n == bestN && c > best {
			best, bestN = c, n
		}
	}
	if bestN < 0 {
		best = ds[0] / math.Max(1, math.Round(ds[0]/(1.9*glyph)))
	}
	var sum, k float64
	for _, d := range ds {
		if m, ok := fits(d, best); ok {
			sum += d
			k += m
		}
	}
	if k > 0 {
		best = sum / k
	}
	return best
}
