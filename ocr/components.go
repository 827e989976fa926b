package ocr

import "sort"

// run is a horizontal run of ink pixels on one row: [X0, X1].
type run struct {
	Y, X0, X1 int
}

// comp is a connected component of ink (8-connected): a glyph, part of one, or a rule.
type comp struct {
	X0, Y0, X1, Y1 int // bounding box, inclusive
	N              int // pixels
}

func (c comp) w() int { return c.X1 - c.X0 + 1 }
func (c comp) h() int { return c.Y1 - c.Y0 + 1 }

// inkRuns lists the runs of ink (pixels darker than t) row by row.
func inkRuns(g *gray, t uint8) []run {
	var out []run
	for y := 0; y < g.H; y++ {
		row := g.Pix[y*g.W : (y+1)*g.W]
		for x := 0; x < g.W; {
			if row[x] >= t {
				x++
				continue
			}
			x0 := x
			for x < g.W && row[x] < t {
				x++
			}
			out = append(out, run{y, x0, x - 1})
		}
	}
	return out
}

// components joins runs (sorted by row, then x, as inkRuns gives them) into 8-connected
// components, by union-find over the runs.
func components(runs []run) []comp {
	parent := make([]int32, len(runs))
	for i := range parent {
		parent[i] = int32(i)
	}
	var find func(int32) int32
	find = func(i int32) int32 {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	// prev is the index range of the previous row's runs
	prevStart, prevEnd := 0, 0
	for i := 0; i < len(runs); {
		y := runs[i].Y
		j := i
		for j < len(runs) && runs[j].Y == y {
			j++
		}
		if prevEnd > prevStart && runs[prevStart].Y == y-1 {
			k := prevStart
			for c := i; c < j; c++ {
				r := runs[c]
				for k < prevEnd && runs[k].X1 < r.X0-1 {
					k++
				}
				for m := k; m < prevEnd && runs[m].X0 <= r.X1+1; m++ {
					a, b := find(int32(c)), find(int32(m))
					if a != b {
						parent[a] = b
					}
				}
			}
		}
		prevStart, prevEnd = i, j
		i = j
	}
	idx := map[int32]int{}
	var out []comp
	for i, r := range runs {
		root := find(int32(i))
		k, ok := idx[root]
		if !ok {
			k = len(out)
			idx[root] = k
			out = append(out, comp{X0: r.X0, Y0: r.Y, X1: r.X1, Y1: r.Y})
		}
		c := &out[k]
		c.X0 = min(c.X0, r.X0)
		c.X1 = max(c.X1, r.X1)
		c.Y0 = min(c.Y0, r.Y)
		c.Y1 = max(c.Y1, r.Y)
		c.N += r.X1 - r.X0 + 1
	}
	return out
}

// glyphHeight is the median height of the components that look like glyphs (not dots, not
// rules, not the box of a table): a measure of the text size, 0 when there are none.
func glyphHeight(cs []comp, imgH int) float64 {
	var hs []int
	for _, c := range cs {
		h, w := c.h(), c.w()
		if h < 3 || c.N < 4 || w > 3*h || h > imgH/3 || h > 8*w {
			continue
		}
		hs = append(hs, h)
	}
	if len(hs) == 0 {
		return 0
	}
	sort.Ints(hs)
	return float64(hs[len(hs)/2])
}
