package ocr

// A count of 0 is the most common cell of a summary (every pooling, dropout, flatten and input
// row), and a lone zero is what the recogniser reads worst: with nothing around it, its LSTM
// gives "10", "o)", "3" or nothing. Among the characters a count cell holds, a zero is the
// only one that is a single closed oval with one hole in its middle, which the picture shows
// directly.

// sub copies a region of a picture.
func sub(g *gray, x0, y0, x1, y1 int) *gray {
	x0, y0 = max(0, x0), max(0, y0)
	x1, y1 = min(g.W-1, x1), min(g.H-1, y1)
	out := newGray(max(1, x1-x0+1), max(1, y1-y0+1))
	for y := y0; y <= y1; y++ {
		copy(out.Pix[(y-y0)*out.W:], g.Pix[y*g.W+x0:y*g.W+x1+1])
	}
	return out
}

// loneZero reports whether the cell holds one glyph and that glyph is a zero.
func (p *Prepared) loneZero(c cellCrop) bool {
	img := sub(p.img, c.X0, c.Y0, c.X1, c.Y1)
	var glyph *comp
	for _, k := range components(inkRuns(img, 128)) {
		if float64(k.N) < 0.02*p.Glyph*p.Glyph {
			continue // a speck
		}
		if glyph != nil || float64(k.h()) < 0.6*p.Glyph {
			return false
		}
		k := k
		glyph = &k
	}
	return glyph != nil && isOval(img, *glyph)
}

// isOval reports whether a component is one closed oval around a single hole in its middle.
func isOval(img *gray, c comp) bool {
	w, h := c.w(), c.h()
	if h*10 < w*11 || h > 3*w || w < 3 || h < 6 {
		return false
	}
	// label: 0 ink, 1 outside, 2 the first hole, 3 any other hole
	lab := make([]int8, w*h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			if img.Pix[(c.Y0+y)*img.W+c.X0+x] >= 128 {
				lab[y*w+x] = -1
			}
		}
	}
	fill := func(x0, y0 int, l int8) (n, sx, sy int) {
		stack := [][2]int{{x0, y0}}
		lab[y0*w+x0] = l
		for len(stack) > 0 {
			q := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			n++
			sx += q[0]
			sy += q[1]
			for _, d := range [4][2]int{{1, 0}, {-1, 0}, {0, 1}, {0, -1}} {
				x, y := q[0]+d[0], q[1]+d[1]
				if x >= 0 && y >= 0 && x < w && y < h && lab[y*w+x] == -1 {
					lab[y*w+x] = l
					stack = append(stack, [2]int{x, y})
				}
			}
		}
		return
	}
	for x := 0; x < w; x++ {
		for _, y := range []int{0, h - 1} {
			if lab[y*w+x] == -1 {
				fill(x, y, 1)
			}
		}
	}
	for y := 0; y < h; y++ {
		for _, x := range []int{0, w - 1} {
			if lab[y*w+x] == -1 {
				fill(x, y, 1)
			}
		}
	}
	holes := 0
	var n, sx, sy int
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			if lab[y*w+x] != -1 {
				continue
			}
			hn, hx, hy := fill(x, y, 2)
			if hn*50 < w*h {
				continue // a pinhole of the binarisation
			}
			holes++
			n, sx, sy = hn, hx, hy
		}
	}
	if holes != 1 || n*8 < w*h {
		return false
	}
	// the hole in the middle (a 6 or a 9 has it low or high)
	cx, cy := float64(sx)/float64(n), float64(sy)/float64(n)
	if cx < 0.3*float64(w) || cx > 0.7*float64(w) || cy < 0.38*float64(h) || cy > 0.62*float64(h) {
		return false
	}
	// a zero is widest in its middle; an 8 whose waist the binarisation opened into one hole is
	// narrowest there, between its two loops
	extent := func(y int) int {
		first, last := -1, -1
		for x := 0; x < w; x++ {
			if lab[y*w+x] == 0 {
				if first < 0 {
					first = x
				}
				last = x
			}
		}
		return last - first + 1
	}
	mid := extent(int(cy))
	up, down := 0, 0
	for y := max(0, int(cy-0.35*float64(h))); y < int(cy-0.15*float64(h)); y++ {
		up = max(up, extent(y))
	}
	for y := int(cy + 0.15*float64(h)); y <= min(h-1, int(cy+0.35*float64(h))); y++ {
		down = max(down, extent(y))
	}
	return 10*mid >= 9*min(up, down)
}
